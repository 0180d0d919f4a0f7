import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    expect(createConfig({ TELEGRAM_BOT_TOKEN: 'abc', TELEGRAM_BOT_USERNAME: 'bhxh_bot' }).telegram).toEqual({ token: 'abc', username: 'bhxh_bot', apiRoot: undefined, maxPerSecond: 30 });
  });

  test('is parsed once and cannot be changed afterwards', () => {
    const config = createConfig({ TELEGRAM_BOT_TOKEN: 'abc' });
    expect(() => Object.assign(config.telegram!, { username: 'other' })).toThrow(TypeError);
    expect(config.telegram?.username).toBeUndefined();
  });

  /** Every variable as .env.example sets it, empty ones empty: what an operator who copied it to .env runs with. */
  const asExample = () => Object.fromEntries(readFileSync(join(import.meta.dirname, '../.env.example'), 'utf8').split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

  test('empty numbers are unset: .env.example as it is opens no server on a random port', () => {
    const example = createConfig(asExample());
    expect(example.http).toBeUndefined();
    expect(example.answerThreshold).toBeUndefined();
    expect(createConfig({ HTTP_PORT: '' }).http).toBeUndefined();
    expect(createConfig({ ...asExample(), ZALO_APP_ID: '1', ZALO_APP_SECRET: 's', ZALO_OA_SECRET_KEY: 'k', SECRET_KEY: 'k'.repeat(32) }).http?.port).toBe(8080);
    expect(() => createConfig({ HTTP_PORT: 'abc' })).toThrow(/HTTP_PORT/);
  });

  test("Zalo events are taken within 15 minutes of their timestamp unless told otherwise", () => {
    const credentials = { ZALO_APP_ID: '1', ZALO_APP_SECRET: 's', ZALO_OA_SECRET_KEY: 'k', SECRET_KEY: 'k'.repeat(32) };
    expect(createConfig(credentials).zalo?.eventWindowMs).toBe(15 * 60_000);
    expect(createConfig({ ...credentials, ZALO_EVENT_WINDOW_MINUTES: '' }).zalo?.eventWindowMs).toBe(15 * 60_000);
    expect(createConfig({ ...credentials, ZALO_EVENT_WINDOW_MINUTES: '5' }).zalo?.eventWindowMs).toBe(5 * 60_000);
    expect(() => createConfig({ ...credentials, ZALO_EVENT_WINDOW_MINUTES: '0' })).toThrow(/ZALO_EVENT_WINDOW_MINUTES/);
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

  test('Telegram\'s webhook mode takes its path from the address and a secret derived from the token unless one is given', () => {
    const http = { TELEGRAM_BOT_TOKEN: 'abc', HTTP_PORT: '8443' };
    const webhook = createConfig({ ...http, TELEGRAM_WEBHOOK_URL: 'https://bhxh.example.gov.vn/telegram/hook' }).telegram?.webhook;
    expect(webhook).toMatchObject({ url: 'https://bhxh.example.gov.vn/telegram/hook', path: '/telegram/hook' });
    expect(webhook?.secret).toMatch(/^[0-9a-f]{64}$/);
    // Every instance derives the same one; another token gives another.
    expect(createConfig({ ...http, TELEGRAM_WEBHOOK_URL: 'https://other.example/telegram/hook' }).telegram?.webhook?.secret).toBe(webhook?.secret);
    expect(createConfig({ ...http, TELEGRAM_BOT_TOKEN: 'abd', TELEGRAM_WEBHOOK_URL: 'https://bhxh.example.gov.vn/telegram/hook' }).telegram?.webhook?.secret).not.toBe(webhook?.secret);
    const given = createConfig({ ...http, TELEGRAM_WEBHOOK_URL: 'https://bhxh.example.gov.vn/tg', TELEGRAM_WEBHOOK_SECRET: 'S3cret_-x' });
    expect(given.telegram?.webhook?.secret).toBe('S3cret_-x');
    expect(secretsOf(given)).toEqual(['abc', 'S3cret_-x']);
    expect(createConfig({ ...http, TELEGRAM_WEBHOOK_URL: '' }).telegram?.webhook).toBeUndefined();
  });

  test('Telegram\'s webhook mode is refused, in one line naming the variable, without the HTTP server, the token or a usable address', () => {
    const url = 'https://bhxh.example.gov.vn/telegram/hook';
    const problem = (env: Record<string, string>) => {
      try {
        createConfig(env);
      } catch (e) {
        return (e as Error).message.split('\n').slice(1);
      }
      return [];
    };
    expect(problem({ TELEGRAM_BOT_TOKEN: 'abc', TELEGRAM_WEBHOOK_URL: url })).toEqual(['  TELEGRAM_WEBHOOK_URL: webhook mode needs the HTTP server: set HTTP_PORT to the port the load balancer forwards this address to']);
    expect(problem({ HTTP_PORT: '8443', TELEGRAM_WEBHOOK_URL: url })).toEqual(['  TELEGRAM_WEBHOOK_URL: webhook mode needs TELEGRAM_BOT_TOKEN']);
    const http = { TELEGRAM_BOT_TOKEN: 'abc', HTTP_PORT: '8443' };
    expect(problem({ ...http, TELEGRAM_WEBHOOK_URL: 'http://bhxh.example.gov.vn/telegram/hook' })).toEqual([expect.stringMatching(/TELEGRAM_WEBHOOK_URL: must start with https:\/\//)]);
    expect(problem({ ...http, TELEGRAM_WEBHOOK_URL: 'bhxh.example.gov.vn/hook' })).toEqual([expect.stringMatching(/TELEGRAM_WEBHOOK_URL: must be the full public address/)]);
    for (const taken of ['/', '/health', '/metrics', '/zalo/webhook', '/files/x']) {
      expect(problem({ ...http, TELEGRAM_WEBHOOK_URL: `https://bhxh.example.gov.vn${taken}` })).toEqual([expect.stringMatching(/TELEGRAM_WEBHOOK_URL: its path .* is taken by the HTTP server/)]);
    }
    expect(problem({ ...http, TELEGRAM_WEBHOOK_URL: url, TELEGRAM_WEBHOOK_SECRET: 'has space' })).toEqual([expect.stringMatching(/TELEGRAM_WEBHOOK_SECRET: 1 to 256 letters/)]);
    expect(problem({ ...http, TELEGRAM_WEBHOOK_URL: url, TELEGRAM_WEBHOOK_SECRET: 'x'.repeat(257) })).toHaveLength(1);
    // A self-hosted Bot API server may post over plain http; Zalo's server is the HTTP server too.
    expect(problem({ ...http, TELEGRAM_API_ROOT: 'http://10.0.0.5:8081', TELEGRAM_WEBHOOK_URL: 'http://10.0.0.7:8443/tg' })).toEqual([]);
    expect(problem({ TELEGRAM_BOT_TOKEN: 'abc', ZALO_APP_ID: '1', ZALO_APP_SECRET: 's', ZALO_OA_SECRET_KEY: 'k', TELEGRAM_WEBHOOK_URL: url })).toEqual([]);
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
