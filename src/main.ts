import { createApp } from './app.js';
import { createConsoleChannel } from './channels/console.js';
import { createTelegramChannel } from './channels/telegram.js';
import { createConfig } from './config.js';
import { createLogger } from './logger.js';

const config = createConfig();
const logger = createLogger({ level: config.LOG_LEVEL, secrets: [config.TELEGRAM_BOT_TOKEN ?? ''] });
const app = await createApp({ config, logger });
const stops: (() => void | Promise<void>)[] = [];

if (config.TELEGRAM_BOT_TOKEN) {
  const telegram = createTelegramChannel({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, conversation: app.conversation, logger });
  app.addSender(telegram.sender);
  await telegram.start();
  // Invite links need the bot's username; Telegram told us when we started.
  config.TELEGRAM_BOT_USERNAME ??= telegram.username();
  stops.push(() => telegram.stop());
}

const useConsole = config.CONSOLE === 'on' || (config.CONSOLE === 'auto' && !config.TELEGRAM_BOT_TOKEN);
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
logger.info('service started', { telegram: !!config.TELEGRAM_BOT_TOKEN, console: useConsole });
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
