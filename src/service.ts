import { join, resolve } from 'node:path';
import { createApp, type App } from './app.js';
import { createConsoleChannel } from './channels/console.js';
import { MissingSecretKeyError } from './repositories/token-cipher.js';
import { createTelegramChannel, TELEGRAM_LIMITS, type TelegramChannel } from './channels/telegram.js';
import type { ZaloChannel } from './channels/zalo/zalo-channel.js';
import type { Config } from './config.js';
import { createFileLinks, type FileLinks } from './http/file-links.js';
import { startHttpServer } from './http/server.js';
import type { Logger } from './logger.js';
import type { Channel } from './messaging/channel.js';
import type { Clock } from './services/clock.js';
import type { RateLimits } from './services/rate-limiter.js';

/** What a caller may put in place of the defaults: tests pass their clock, a quiet logger and shorter gaps. */
export interface ServiceOverrides {
  logger: Logger;
  clock?: Clock;
  /** Per-channel send limits; default: each platform's own. */
  limits?: Partial<Record<Channel, RateLimits>>;
  /** Run the scheduler every minute (default true). Tests move their clock and call `scheduler.runOnce()` instead. */
  timer?: boolean;
  /** The console chat's terminal (default stdin/stdout). */
  console?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
  /** Called when the console's input ends (Ctrl+D): main.ts stops the process. */
  onConsoleClose?: () => void;
}

export interface Service {
  app: App;
  telegram?: TelegramChannel;
  zalo?: ZaloChannel;
  /** The HTTP server's address, when it runs: Zalo's webhook is `${httpUrl}/zalo/webhook`. */
  httpUrl?: string;
  console?: ReturnType<typeof createConsoleChannel>;
  stop(): Promise<void>;
}

/**
 * The one place that wires the service: the app over its database, then each configured channel, the HTTP
 * server and the scheduler. `main.ts` and the tests both start the service through it.
 */
export async function startService(config: Config, overrides: ServiceOverrides): Promise<Service> {
  const { logger } = overrides;
  // Zalo's tokens are stored sealed with SECRET_KEY: without it the first token would fail later, mid-service.
  if (config.zalo && !config.secretKey) throw new MissingSecretKeyError();
  const stops: (() => void | Promise<void>)[] = [];
  let telegram: TelegramChannel | undefined;
  const app = await createApp({ config, logger, clock: overrides.clock, botUsername: () => telegram?.username() });
  // Zalo's channel (and its HTTP client) is loaded only by a service that talks to Zalo.
  const zaloModule = config.zalo ? await import('./channels/zalo/zalo-channel.js') : undefined;
  const limits = { telegram: { ...TELEGRAM_LIMITS, perSecond: config.telegram?.maxPerSecond ?? TELEGRAM_LIMITS.perSecond }, ...(zaloModule ? { zalo: zaloModule.ZALO_LIMITS } : {}), ...overrides.limits };

  if (config.telegram) {
    const webhook = config.telegram.webhook && { ...config.telegram.webhook, events: app.repos.inboundEvents, now: () => app.clock.now() };
    telegram = createTelegramChannel({ ...config.telegram, webhook, conversation: app.conversation, logger, replies: app.replies, timeInbound: app.metrics.timeInbound, limiter: app.limiter('telegram', limits.telegram), callTimeoutMs: config.delivery.callTimeoutMs, chatLock: app.chatLock });
    app.addSender(telegram.sender);
  }

  let zalo: ZaloChannel | undefined;
  let files: FileLinks | undefined;
  if (config.zalo && zaloModule) {
    const publicUrl = config.http?.publicUrl;
    files = publicUrl
      ? createFileLinks({ dir: join(resolve(config.files.reportsDir), 'links'), publicUrl, ttlHours: config.http?.fileLinkHours ?? 24, now: () => app.clock.now() })
      : undefined;
    if (!files) logger.warn('PUBLIC_URL is not set: Zalo users get a summary line instead of a link to report files');
    zalo = zaloModule.createZaloChannel({ config: config.zalo, conversation: app.conversation, people: app.repos.people, tokens: app.repos.channelTokens, events: app.repos.inboundEvents, clock: app.clock, logger, files, replies: app.replies, timeInbound: app.metrics.timeInbound, limiter: app.limiter('zalo', limits.zalo ?? zaloModule.ZALO_LIMITS), callTimeoutMs: config.delivery.callTimeoutMs, chatLock: app.chatLock });
    app.addSender(zalo.sender);
  }

  let httpUrl: string | undefined;
  if (config.http) {
    const server = await startHttpServer({
      port: config.http.port,
      host: config.http.host,
      webhooks: { ...(zalo && zaloModule ? { [zaloModule.ZALO_WEBHOOK_PATH]: zalo.webhook } : {}), ...(telegram?.webhook ? { [telegram.webhook.path]: telegram.webhook.handle } : {}) },
      healthy: () => app.healthy(),
      metrics: async () => ({ contentType: app.metrics.registry.contentType, body: await app.metrics.registry.metrics() }),
      ...(files ? { files: files.handler } : {}),
      zaloVerification: config.zalo?.verificationMeta,
      logger,
    });
    httpUrl = server.url;
    stops.push(() => server.close());
  }
  // After the HTTP server: in webhook mode Telegram posts as soon as the webhook is set. Stopped after it: the
  // updates it took are handled before the database closes.
  await telegram?.start();
  stops.push(() => telegram?.stop());
  // Events a stopped process accepted but did not handle; the webhooks are already taking new ones.
  await zalo?.recover().catch((e: unknown) => logger.error('zalo recovery failed', { error: String(e) }));
  await telegram?.recover().catch((e: unknown) => logger.error('telegram recovery failed', { error: String(e) }));

  // Events whose processing failed (or whose process died) are taken up again, every minute, on every instance.
  if (overrides.timer !== false) {
    const recovering = setInterval(() => {
      zalo?.recover().catch((e: unknown) => logger.error('zalo recovery failed', { error: String(e) }));
      telegram?.recover().catch((e: unknown) => logger.error('telegram recovery failed', { error: String(e) }));
    }, 60_000);
    recovering.unref();
    stops.unshift(() => clearInterval(recovering));
  }

  const useConsole = config.console === 'on' || (config.console === 'auto' && !config.telegram && !config.zalo);
  const consoleChannel = useConsole
    ? createConsoleChannel({ conversation: app.conversation, people: app.repos.people, agencies: app.repos.agencies, now: () => app.clock.now(), t: app.i18n.getFixedT(config.language), logger, reportsDir: config.files.reportsDir, ...overrides.console })
    : undefined;
  if (consoleChannel) {
    app.addSender(consoleChannel.sender);
    consoleChannel.start(() => overrides.onConsoleClose?.());
  }

  if (overrides.timer !== false) {
    // The first run is not waited for: after new plans it plans every deadline again, and the chats can answer meanwhile.
    app.scheduler.start();
    app.scheduler.runOnce().catch((e: unknown) => logger.error('scheduler run failed', { error: String((e as Error)?.stack ?? e) }));
  }
  logger.info('service started', { telegram: !!telegram, zalo: !!zalo, http: config.http?.port ?? false, console: useConsole });

  return {
    app, telegram, zalo, httpUrl, console: consoleChannel,
    async stop() {
      for (const stop of stops) await stop();
      await app.close();
    },
  };
}
