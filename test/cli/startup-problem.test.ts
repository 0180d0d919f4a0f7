import { describe, expect, inject, test } from 'vitest';
import { startupProblem } from '../../src/cli/startup-problem.js';
import { renderLine } from '../../src/domain/text/line.js';
import { createI18n } from '../../src/i18n.js';
import { silentLogger } from '../../src/logger.js';
import { translateWith } from '../../src/messaging/render.js';
import { startService } from '../../src/service.js';
import { cli, testConfig } from '../support/test-app.js';

/** The test PostgreSQL server's address with another user, password or database. */
function serverUrl(change: (url: URL) => void): string {
  const url = new URL(inject('postgresAdminUrl'));
  change(url);
  return url.toString();
}

describe('why the service or a command could not start', () => {
  test('a password PostgreSQL refuses: the host, and to check the user and password, never the password itself', async () => {
    const url = serverUrl((u) => {
      u.username = 'nobody';
      u.password = 'wrong-password';
    });
    const result = await cli(['plans', 'list'], url);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`PostgreSQL tại ${new URL(url).host} từ chối đăng nhập: kiểm tra tên người dùng và mật khẩu trong DATABASE_URL.\n`);
    expect(result.stderr).not.toContain('wrong-password');
  });

  test('a database the server does not have: its name, and to create it or correct the URL', async () => {
    const url = serverUrl((u) => {
      u.pathname = '/khong_co_csdl';
    });
    const result = await cli(['plans', 'list'], url);
    expect([result.code, result.stderr]).toEqual([1, `PostgreSQL tại ${new URL(url).host} chưa có cơ sở dữ liệu «khong_co_csdl»: tạo nó (createdb khong_co_csdl) hoặc sửa tên trong DATABASE_URL.\n`]);
  });

  test('a port another program holds, a missing file, anything else: one line each', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8080'), { code: 'EADDRINUSE', port: 8080 });
    expect(startupProblem(inUse, { databaseUrl: 'file:x.db', otherwise: 'cli:start.failed' })).toEqual({ key: 'cli:start.portInUse', params: { port: 8080 } });
    const missing = Object.assign(new Error("ENOENT: no such file or directory, open 'data/holidays.yaml'"), { code: 'ENOENT', path: 'data/holidays.yaml' });
    expect(startupProblem(missing, { databaseUrl: 'file:x.db', otherwise: 'cli:start.failed' })).toEqual({ key: 'cli:start.missingFile', params: { path: 'data/holidays.yaml' } });
    expect(startupProblem(new Error('\nsomething odd:\n  at x (y.js:1:1)'), { databaseUrl: 'file:x.db', otherwise: 'cli:failed' })).toEqual({ key: 'cli:failed', params: { reason: 'something odd' } });
  });

  test('Zalo without SECRET_KEY: one line saying what to set, before the database is opened', async () => {
    // A database URL nothing could open: the check comes first.
    const config = testConfig('file:/nonexistent-folder/x.db', { SECRET_KEY: '', ZALO_APP_ID: '1', ZALO_APP_SECRET: 's', ZALO_OA_SECRET_KEY: 'k', HTTP_PORT: '0' });
    const error: unknown = await startService(config, { logger: silentLogger, timer: false }).then(() => 'started', (e: unknown) => e);
    const line = startupProblem(error, { databaseUrl: config.databaseUrl, otherwise: 'cli:start.failed' });
    expect(line).toEqual({ key: 'cli:start.secretKey' });
    const i18n = await createI18n('vi');
    const text = renderLine(line, translateWith(i18n.getFixedT('vi')));
    expect(text).toContain('chưa đặt SECRET_KEY');
    expect(text).toContain('openssl rand -base64 32');
    expect(text).not.toContain('\n');
  });
});
