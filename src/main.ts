import { createConfig, secretsOf } from './config.js';
import { createLogger } from './logger.js';
import { startService } from './service.js';

const config = createConfig();
const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
const service = await startService(config, { logger, onConsoleClose: () => void shutdown() });

async function shutdown(): Promise<void> {
  await service.stop();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
