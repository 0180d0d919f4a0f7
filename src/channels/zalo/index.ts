import { ZALO_LIMITS, type App } from '../../app.js';
import { zaloEnabled, type Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { join, resolve } from 'node:path';
import { createFileLinks, type FileLinks } from '../../http/file-links.js';
import { createZaloChannel, type ZaloChannel } from './zalo-channel.js';

export const ZALO_WEBHOOK_PATH = '/zalo/webhook';

/** Plugs the Zalo OA into the app when its credentials are configured; its webhook is mounted by the HTTP server. */
export function attachZalo(app: App, config: Config, logger: Logger, limits = ZALO_LIMITS): (ZaloChannel & { files?: FileLinks }) | undefined {
  if (!zaloEnabled(config)) return undefined;
  const files = config.PUBLIC_URL
    ? createFileLinks({ dir: join(resolve(config.REPORTS_DIR), 'links'), publicUrl: config.PUBLIC_URL, ttlHours: config.FILE_LINK_HOURS, now: () => app.clock.now() })
    : undefined;
  if (!files) logger.warn('PUBLIC_URL is not set: Zalo users get a summary line instead of a link to report files');
  const zalo = createZaloChannel({ config, conversation: app.conversation, people: app.repos.people, tokens: app.repos.channelTokens, events: app.repos.inboundEvents, clock: app.clock, logger, files, replies: app.replies });
  app.addSender(zalo.sender, limits);
  return { ...zalo, files };
}
