import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/run.js';
import { createConfig } from '../../src/config.js';
import { createLogger, silentLogger, type Logger } from '../../src/logger.js';
import { startService, type Service } from '../../src/service.js';
import type { RateLimits } from '../../src/services/rate-limiter.js';
import type { Clock } from '../../src/services/clock.js';
import { tmpdir } from 'node:os';
import { BOT_TOKEN, freePort } from './telegram-emulator.js';
import type { ZaloEmulator } from './zalo-emulator.js';

export const root = join(import.meta.dirname, '../..');
/** The plans the service ships with, which it imports on start unless a test names others. */
export const SEED_PLANS = join(root, 'prisma/seed/plans');

/** The platforms' tokens are stored encrypted: the tests' own key, never a real one. */
export const TEST_SECRET_KEY = 'test-secret-key-for-the-suite-only-0123456789';

export function testConfig(databaseUrl: string, extra: Record<string, string> = {}) {
  return createConfig({
    DATABASE_URL: databaseUrl,
    PLANS_DIR: SEED_PLANS,
    HOLIDAYS_FILE: join(root, 'data/holidays.yaml'),
    // Tests that follow reminders would also see Monday digests; the digest's own tests turn it on.
    WEEKLY_DIGEST: 'off',
    // A test talks to the service through its channels, never through this process's terminal.
    CONSOLE: 'off',
    SECRET_KEY: TEST_SECRET_KEY,
    ...extra,
  });
}

export type RunningApp = Service;

/** The Zalo settings of a service that talks to a Zalo OA emulator. */
export async function zaloConfig(emulator: ZaloEmulator): Promise<Record<string, string>> {
  const port = await freePort();
  return {
    ZALO_APP_ID: emulator.appId,
    ZALO_APP_SECRET: emulator.appSecret,
    ZALO_OA_SECRET_KEY: emulator.oaSecretKey,
    ZALO_API_ROOT: emulator.url,
    ZALO_OAUTH_ROOT: emulator.url,
    HTTP_PORT: String(port),
    HTTP_HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  };
}

/**
 * The real service over a real database, talking over HTTP to a Bot API server and/or a Zalo OA emulator
 * when given, started by the same `startService` as src/main.ts. The test moves its clock and runs the
 * scheduler itself instead of waiting for the minute timer.
 */
export async function startApp(options: { databaseUrl: string; clock: Clock; telegramApiRoot?: string; zalo?: ZaloEmulator; limits?: RateLimits; config?: Record<string, string> }): Promise<RunningApp> {
  const config = testConfig(options.databaseUrl, {
    ...(options.telegramApiRoot ? { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: options.telegramApiRoot } : {}),
    ...(options.zalo ? await zaloConfig(options.zalo) : {}),
    REPORTS_DIR: join(tmpdir(), `bhxh-reports-${process.pid}`),
    ...options.config,
  });
  // Tests exercise the limiter separately; here a short per-chat gap keeps them quick.
  const limits = options.limits ?? { perSecond: 30, perChatMs: 20 };
  return startService(config, { logger: testLogger(), clock: options.clock, timer: false, limits: { telegram: limits, zalo: limits } });
}

/** TEST_LOG=debug shows the service's log while a test runs. */
export const testLogger = (): Logger => (process.env.TEST_LOG ? createLogger({ level: process.env.TEST_LOG as 'debug' }) : silentLogger);

/** What `npm run cli -- …` printed and its exit code. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `npm run cli -- …` as the operator runs it, in this process: the same `runCli` as src/cli/index.ts, over the
 * test's database with `env` added to the settings, `stdin` piped in, `slowAfterMs` for the "still at work" notice,
 * `clock` for the service's time (by default the system's). One test runs the real entry as a process.
 */
export async function cli(args: string[], databaseUrl: string, options: { env?: Record<string, string>; stdin?: string; slowAfterMs?: number; clock?: Clock } = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const lines = (printed: string[]) => printed.map((line) => `${line}\n`).join('');
  // The "still at work" notice only when a test asks for it: on a busy machine any command may take a second.
  const io = { out: (line: string) => void out.push(line), err: (line: string) => void err.push(line), stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]), slowAfterMs: options.slowAfterMs ?? Infinity };
  const code = await runCli(args, { config: testConfig(databaseUrl, options.env), logger: testLogger(), io, ...(options.clock ? { clock: options.clock } : {}) });
  return { code, stdout: lines(out), stderr: lines(err) };
}
