import { describe, expect, test } from 'vitest';
import { createConfig, secretsOf } from '../src/config.js';
import { createLogger } from '../src/logger.js';

describe('configuration', () => {
  test('with nothing set the service runs on SQLite in the console, in Vietnamese', () => {
    const config = createConfig({});
    expect(config.telegram).toBeUndefined();
    expect(config.zalo).toBeUndefined();
    expect(config).toMatchObject({ databaseUrl: 'file:./data/local/bhxh.db', language: 'vi', reminderHour: '08:00', console: 'auto', weeklyDigest: true });
  });

  test('an empty token means no Telegram', () => {
    expect(createConfig({ TELEGRAM_BOT_TOKEN: '  ' }).telegram).toBeUndefined();
    expect(createConfig({ TELEGRAM_BOT_TOKEN: 'abc', TELEGRAM_BOT_USERNAME: 'bhxh_bot' }).telegram).toEqual({ token: 'abc', username: 'bhxh_bot', apiRoot: undefined });
  });

  test('is parsed once and cannot be changed afterwards', () => {
    const config = createConfig({ TELEGRAM_BOT_TOKEN: 'abc' });
    expect(() => Object.assign(config.telegram!, { username: 'other' })).toThrow(TypeError);
    expect(config.telegram?.username).toBeUndefined();
  });

  test('the staff chat is an address: the channel, then everything after the first colon', () => {
    expect(createConfig({ STAFF_CHAT: 'telegram:-1001234567890' }).staffChat).toEqual({ channel: 'telegram', chatId: '-1001234567890' });
    expect(createConfig({ STAFF_CHAT: '' }).staffChat).toBeUndefined();
    expect(() => createConfig({ STAFF_CHAT: 'fax:123' })).toThrow(/STAFF_CHAT/);
  });

  test('Zalo is on with its three credentials, off with none, and a partial set is refused', () => {
    expect(createConfig({}).zalo).toBeUndefined();
    expect(createConfig({}).http).toBeUndefined();
    const zalo = createConfig({ ZALO_APP_ID: '123', ZALO_APP_SECRET: 'app-secret', ZALO_OA_SECRET_KEY: 'oa-secret' });
    expect(zalo.zalo).toMatchObject({ appId: '123', windowMs: 168 * 3_600_000, remindersAs: 'cs' });
    expect(zalo.http).toMatchObject({ port: 8080, host: '0.0.0.0' });
    expect(createConfig({ HTTP_PORT: '9000' }).http?.port).toBe(9000);
    expect(secretsOf(zalo)).toEqual(['app-secret', 'oa-secret']);
    expect(() => createConfig({ ZALO_APP_ID: '123' })).toThrow(/ZALO_APP_ID: set ZALO_APP_ID, ZALO_APP_SECRET and ZALO_OA_SECRET_KEY together/);
    expect(() => createConfig({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/);
  });

  test('a bad value names the variable', () => {
    expect(() => createConfig({ REMINDER_HOUR: '25:00', DEFAULT_LANGUAGE: 'fr' })).toThrow(/REMINDER_HOUR[\s\S]*DEFAULT_LANGUAGE|DEFAULT_LANGUAGE[\s\S]*REMINDER_HOUR/);
  });
});

describe('logs', () => {
  test('never contain the bot token, even inside a Bot API URL or an error', () => {
    const lines: string[] = [];
    // Built here so that no token-shaped string sits in the repository.
    const token = `${'1'.repeat(9)}:${'example'.repeat(5)}`;
    const logger = createLogger({ level: 'debug', secrets: ['secret-zalo-key'], write: (l) => lines.push(l) });
    logger.error('request failed', { url: `https://api.telegram.org/bot${token}/sendMessage`, error: 'key secret-zalo-key rejected' });
    expect(lines.join('\n')).not.toContain(token.split(':')[1]);
    expect(lines.join('\n')).not.toContain('secret-zalo-key');
    expect(lines[0]).toContain('[redacted]');
  });

  test('never contain Zalo tokens, which change daily and so are scrubbed wherever a field names them', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (l) => lines.push(l) });
    logger.warn('zalo call', { headers: { access_token: 'AT-abc.DEF_123' }, form: 'refresh_token=RT-xyz&app_id=1', said: 'secret_key: SK-1' });
    expect(lines[0]).not.toMatch(/AT-abc|RT-xyz|SK-1/);
    expect(lines[0]).toContain('app_id=1');
  });
});
