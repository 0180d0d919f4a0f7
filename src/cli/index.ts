import { createConfig, secretsOf } from '../config.js';
import { createLogger } from '../logger.js';
import { runCli } from './run.js';

const config = createConfig();
const logger = createLogger({ level: 'warn', secrets: secretsOf(config) });
const io = { out: (line: string) => void process.stdout.write(line + '\n'), err: (line: string) => void process.stderr.write(line + '\n'), stdin: process.stdin };
process.exitCode = await runCli(process.argv.slice(2), { config, logger, io });
