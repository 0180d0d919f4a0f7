import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDb } from '../../src/db/connect.js';
import { createChannelTokenRepo } from '../../src/repositories/channel-token-repo.js';
import { freshDatabaseUrl } from '../support/databases.js';
import { root, SEED_PLANS, type CliResult, TEST_SECRET_KEY } from '../support/test-app.js';

// The commands are tested in process through runCli (test/support/test-app.ts `cli`). This runs the real entry once,
// as the operator does, for what only a process has: the npm script's flags, arguments, piped stdin, the output
// streams and the exit code.
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** `npm run <name> -- …args` (the script from package.json, run by the shell as npm runs it) with `input` piped in. */
function npmRun(name: string, args: string[], env: Record<string, string>, input: string): Promise<CliResult> {
  // As npm does, the `pre` script first (`prestart` builds what `start` runs).
  const script = [scripts[`pre${name}`], `${scripts[name]!} "$@"`].filter(Boolean).join(' && ');
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script, 'cli', ...args], {
      cwd: root,
      // The same Node as this test's: the script names `node`.
      env: { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('npm run cli, the real entry as a process', () => {
  test('zalo set-refresh-token stores the token piped to stdin and never echoes it', async () => {
    const databaseUrl = await freshDatabaseUrl('sqlite', { plans: SEED_PLANS });
    const token = `rt-${randomBytes(16).toString('hex')}`;
    const set = await npmRun('cli', ['zalo', 'set-refresh-token'], { DATABASE_URL: databaseUrl, PLANS_DIR: SEED_PLANS, HOLIDAYS_FILE: join(root, 'data/holidays.yaml'), SECRET_KEY: TEST_SECRET_KEY }, `${token}\n`);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Đã lưu refresh token');
    expect(set.stdout + set.stderr).not.toContain(token);
    const db = await openDb(databaseUrl);
    try {
      expect((await createChannelTokenRepo(db, TEST_SECRET_KEY).get('zalo'))!.refreshToken).toBe(token);
      // At rest it is sealed with SECRET_KEY: the database file alone does not give it away.
      const stored = (await db.channelToken.findUniqueOrThrow({ where: { channel: 'zalo' } })).refreshToken;
      expect(stored).toMatch(/^enc:v1:/);
      expect(stored).not.toContain(token);
    } finally {
      await db.$disconnect();
    }
  });

  test('npm start with PostgreSQL out of reach prints one line naming the host and what to check, and no stack', async () => {
    const started = await npmRun('start', [], { DATABASE_URL: 'postgresql://bhxh:secret@127.0.0.1:1/bhxh', CONSOLE: 'off', LOG_LEVEL: 'info' }, '');
    expect(started).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Không kết nối được cơ sở dữ liệu PostgreSQL tại 127.0.0.1:1: kiểm tra máy chủ đang chạy, địa chỉ và cổng trong DATABASE_URL, và tường lửa giữa hai máy.\n',
    });
  });
});
