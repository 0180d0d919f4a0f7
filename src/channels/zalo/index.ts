import { ZALO_LIMITS, type App } from '../../app.js';
import { zaloEnabled, type Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { createZaloChannel, type ZaloChannel } from './zalo-channel.js';

export const ZALO_WEBHOOK_PATH = '/zalo/webhook';

/** Plugs the Zalo OA into the app when its credentials are configured; its webhook is mounted by the HTTP server. */
export function attachZalo(app: App, config: Config, logger: Logger, limits = ZALO_LIMITS): ZaloChannel | undefined {
  if (!zaloEnabled(config)) return undefined;
  const zalo = createZaloChannel({ config, conversation: app.conversation, people: app.repos.people, tokens: app.repos.channelTokens, events: app.repos.inboundEvents, clock: app.clock, logger });
  app.addSender(zalo.sender, limits);
  return zalo;
}
