import { startupProblem } from './cli/startup-problem.js';
import { createConfig, secretsOf, type Config } from './config.js';
import { renderLine } from './domain/text/line.js';
import { createI18n } from './i18n.js';
import { createLogger } from './logger.js';
import { translateWith } from './messaging/render.js';
import { startService, type Service } from './service.js';

let config: Config;
try {
  config = createConfig();
} catch (e) {
  // The configuration's own message names every wrong variable; its stack says nothing more to the operator.
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
let service: Service;
try {
  service = await startService(config, { logger, onConsoleClose: () => void shutdown() });
} catch (e) {
  // One line the operator can act on; the stack stays in the log, shown with LOG_LEVEL=debug.
  logger.debug('start failed', { error: e instanceof Error ? e.stack : String(e) });
  const t = (await createI18n(config.language)).getFixedT(config.language);
  process.stderr.write(`${renderLine(startupProblem(e, { databaseUrl: config.databaseUrl, otherwise: 'cli:start.failed' }), translateWith(t))}\n`);
  process.exit(1);
}

async function shutdown(): Promise<void> {
  await service.stop();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
