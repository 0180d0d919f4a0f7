import { createConfig, secretsOf } from '../config.js';
import { createLogger } from '../logger.js';
import { runCli } from './run.js';

const config = createConfig();
// Quiet unless asked: a command's own output is what the operator reads; LOG_LEVEL=debug shows the detail of a failure.
const logger = createLogger({ level: config.logLevel === 'debug' ? 'debug' : 'warn', secrets: secretsOf(config) });
// `npm run cli -- … | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}
const io = { out: (line: string) => void process.stdout.write(line + '\n'), err: (line: string) => void process.stderr.write(line + '\n'), stdin: process.stdin };
process.exitCode = await runCli(process.argv.slice(2), { config, logger, io });
