import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createApp, type App } from '../../src/app.js';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram.js';
import { createConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import type { Clock } from '../../src/services/clock.js';
import { BOT_TOKEN } from './telegram-emulator.js';

export const root = join(import.meta.dirname, '../..');

export function testConfig(databaseUrl: string, extra: Record<string, string> = {}) {
  return createConfig({
    DATABASE_URL: databaseUrl,
    PLANS_DIR: join(root, 'prisma/seed/plans'),
    HOLIDAYS_FILE: join(root, 'data/holidays.yaml'),
    // Tests that follow reminders would also see Monday digests; the digest's own tests turn it on.
    WEEKLY_DIGEST: 'off',
    ...extra,
  });
}

export interface RunningApp {
  app: App;
  telegram?: TelegramChannel;
  stop(): Promise<void>;
}

/** The real service over a real database, talking to a Bot API server over HTTP when one is given. */
export async function startApp(options: { databaseUrl: string; clock: Clock; telegramApiRoot?: string; limits?: { perSecond: number; perChatMs: number }; config?: Record<string, string> }): Promise<RunningApp> {
  const config = testConfig(options.databaseUrl, { ...(options.telegramApiRoot ? { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: options.telegramApiRoot } : {}), ...options.config });
  const app = await createApp({ config, logger: silentLogger, clock: options.clock });
  if (!options.telegramApiRoot) return { app, stop: () => app.close() };
  const telegram = createTelegramChannel({ token: BOT_TOKEN, apiRoot: options.telegramApiRoot, conversation: app.conversation, logger: silentLogger });
  // Tests exercise the limiter separately; here a short per-chat gap keeps them quick.
  app.addSender(telegram.sender, options.limits ?? { perSecond: 30, perChatMs: 20 });
  await telegram.start();
  return {
    app,
    telegram,
    async stop() {
      telegram.stop();
      await app.close();
    },
  };
}

const run = promisify(execFile);

/** `npm run cli -- …` as a separate process, the way an operator runs it. */
export async function cli(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--experimental-wasm-modules', '--no-warnings', '--import', 'tsx', join(root, 'src/cli/index.ts'), ...args], {
      cwd: root,
      env: { ...process.env, PLANS_DIR: join(root, 'prisma/seed/plans'), HOLIDAYS_FILE: join(root, 'data/holidays.yaml'), ...env },
    });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const error = e as { stdout: string; stderr: string; code: number };
    return { stdout: error.stdout, stderr: error.stderr, code: error.code };
  }
}
