import axios from 'axios';
import { describe, expect, onTestFinished, test } from 'vitest';
import { zaloSignature } from '../../src/channels/zalo/signature.js';
import { ZALO_WEBHOOK_PATH } from '../../src/channels/zalo/zalo-channel.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { createLogger } from '../../src/logger.js';
import { manualClock } from '../../src/services/clock.js';
import { startService } from '../../src/service.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { SEED_PLANS, testConfig, zaloConfig } from '../support/test-app.js';
import { ZaloEmulator } from '../support/zalo-emulator.js';

const SECRET_WORDS = 'số-căn-cước-079123456789';

/** Signs any body as Zalo would, whatever it holds: the test plays an attacker who has the OA secret, or a broken sender. */
const signedBy = (emulator: ZaloEmulator, body: string, timestamp = '') => ({ 'content-type': 'application/json', 'x-zevent-signature': `mac=${zaloSignature(emulator.appId, body, timestamp, emulator.oaSecretKey)}` });

describe.each(DATABASES)('the Zalo webhook refuses what is not an event of now (%s)', (kind) => {
  const start = async () => {
    const emulator = new ZaloEmulator('zalo-app-1', 'zalo-app-secret', 'zalo-oa-secret');
    const clock = manualClock(atLocalTime('2026-11-23', '09:00'));
    emulator.now = () => clock.now().getTime();
    await emulator.start();
    const lines: string[] = [];
    const config = testConfig(await freshDatabaseUrl(kind, { plans: SEED_PLANS }), await zaloConfig(emulator));
    const running = await startService(config, { logger: createLogger({ level: 'debug', write: (line) => void lines.push(line) }), clock, timer: false });
    onTestFinished(async () => {
      await running.stop();
      await emulator.stop();
    });
    const url = `${running.httpUrl}${ZALO_WEBHOOK_PATH}`;
    const post = async (body: string, headers: Record<string, string>) => (await axios.post(url, body, { headers, validateStatus: () => true, transformRequest: [(d: string) => d] })).status;
    return { emulator, clock, running, lines, post };
  };

  test('a signed body of [] or {} or with the wrong shape is 400, stores nothing and is never logged', async () => {
    const { emulator, running, lines, post } = await start();
    const now = String(Date.parse('2026-11-23T02:00:00Z'));
    const bodies = [
      '[]',
      '{}',
      `["${SECRET_WORDS}"]`,
      JSON.stringify({ app_id: emulator.appId, note: SECRET_WORDS }),
      JSON.stringify({ app_id: emulator.appId, event_name: 'user_send_text', timestamp: now, message: { text: SECRET_WORDS, msg_id: 42 } }),
      JSON.stringify({ app_id: emulator.appId, event_name: 'user_send_text', timestamp: now, sender: SECRET_WORDS }),
      JSON.stringify({ app_id: emulator.appId, event_name: ['user_send_text'], timestamp: now, message: { text: SECRET_WORDS } }),
    ];
    for (const body of bodies) {
      const timestamp = /"timestamp":"(\d+)"/.exec(body)?.[1] ?? '';
      expect(await post(body, signedBy(emulator, body, timestamp)), body).toBe(400);
    }
    expect(await running.app.repos.inboundEvents.count('zalo')).toBe(0);
    expect(lines.join('\n')).not.toContain(SECRET_WORDS);
  });

  test('signed events 30 days old or a year ahead are replays: 400, not stored, not answered', async () => {
    const { emulator, clock, running, post } = await start();
    const at = (ms: number) => {
      const shifted = clock.now().getTime() + ms;
      emulator.now = () => shifted;
      const event = emulator.userText('u1', '/trogiup');
      emulator.now = () => clock.now().getTime();
      return event;
    };
    for (const ms of [-30 * 86_400_000, 365 * 86_400_000, -16 * 60_000, 16 * 60_000]) {
      const old = at(ms);
      expect(await post(old.body, old.headers), String(ms)).toBe(400);
    }
    expect(await running.app.repos.inboundEvents.count('zalo')).toBe(0);
    const fresh = at(-14 * 60_000);
    expect(await post(fresh.body, fresh.headers)).toBe(200);
    expect(await running.app.repos.inboundEvents.count('zalo')).toBe(1);
  });
});
