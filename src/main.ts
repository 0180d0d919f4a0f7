import { createApp } from './app.js';
import { createConsoleChannel } from './channels/console.js';
import { createTelegramChannel } from './channels/telegram.js';
import { attachZalo, ZALO_WEBHOOK_PATH } from './channels/zalo/index.js';
import { createConfig, httpPort, secretsOf } from './config.js';
import { startHttpServer } from './http/server.js';
import { createLogger } from './logger.js';

const config = createConfig();
const logger = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
const app = await createApp({ config, logger });
const stops: (() => void | Promise<void>)[] = [];

if (config.TELEGRAM_BOT_TOKEN) {
  const telegram = createTelegramChannel({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, conversation: app.conversation, logger, replies: app.replies });
  app.addSender(telegram.sender);
  await telegram.start();
  // Invite links need the bot's username; Telegram told us when we started.
  config.TELEGRAM_BOT_USERNAME ??= telegram.username();
  stops.push(() => telegram.stop());
}

const zalo = attachZalo(app, config, logger);
const port = httpPort(config);
if (port !== undefined) {
  const server = await startHttpServer({
    port,
    host: config.HTTP_HOST,
    webhooks: zalo ? { [ZALO_WEBHOOK_PATH]: zalo.webhook } : {},
    healthy: () => app.healthy(),
    ...(zalo?.files ? { files: zalo.files.handler } : {}),
    zaloVerification: config.ZALO_VERIFICATION_META,
    logger,
  });
  stops.push(() => server.close());
}
if (zalo) void zalo.recover().catch((e: unknown) => logger.error('zalo recovery failed', { error: String(e) }));

const useConsole = config.CONSOLE === 'on' || (config.CONSOLE === 'auto' && !config.TELEGRAM_BOT_TOKEN && !zalo);
async function shutdown(): Promise<void> {
  for (const stop of stops) await stop();
  await app.close();
  process.exit(0);
}

if (useConsole) {
  const consoleChannel = createConsoleChannel({ conversation: app.conversation, people: app.repos.people, agencies: app.repos.agencies, now: () => app.clock.now(), reportsDir: config.REPORTS_DIR });
  app.addSender(consoleChannel.sender, { perSecond: 1000, perChatMs: 0 });
  consoleChannel.start(() => void shutdown());
}

app.scheduler.start();
await app.scheduler.runOnce();
logger.info('service started', { telegram: !!config.TELEGRAM_BOT_TOKEN, zalo: !!zalo, http: port ?? false, console: useConsole });
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
