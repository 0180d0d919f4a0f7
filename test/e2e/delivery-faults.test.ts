import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createApp } from '../../src/app.js';
import { silentLogger } from '../../src/logger.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { giveEveryAgencyAFocalPoint, killHard, startServiceProcess, writeDuePlan } from '../support/fanout-service.js';
import { deliveredPerChat, floodWaits, honouredLine, leastChatGap, measuredPauses, worstOf, type Call, type Faults } from '../support/rate-limited-bot-api.js';
import { spawnRateLimitedBotApi, type RemoteBotApi } from '../support/rate-limited-bot-api-process.js';
import { testConfig } from '../support/test-app.js';

const CHATS = 2000;
const PROVINCE = 'loi-mang';
/** The platform's limits: high overall, so that the run takes seconds; Telegram's one a second to a chat. */
const LIMIT = 600;
const PER_CHAT_MS = 1000;
/** Set under the platform's limit as on a loaded host (see test/e2e/instances.test.ts). */
const CONFIGURED = Math.floor(LIMIT * 0.85);
/**
 * Time runs twenty times faster than Telegram's in its 429s, a whole-bot pause of 50 ms rather than a second, to keep
 * the suite short; test/bench/delivery-faults.ts runs on Telegram's whole seconds.
 */
const FAULTS: Faults = { seed: 10, serverError: 0.2, hang: 0.1, tooMany: 0.05, retryAfter: 0.05 };
/** Calls already on their way when a 429 was answered arrive within this. */
const GRACE_MS = 25;

const children: ChildProcess[] = [];
const apis: RemoteBotApi[] = [];
afterAll(async () => {
  await Promise.all(children.map(killHard));
  await Promise.all(apis.map((a) => a.stop()));
});

async function until(api: RemoteBotApi, done: (calls: Call[]) => boolean, timeoutMs: number): Promise<Call[]> {
  const started = Date.now();
  for (;;) {
    const calls = await api.calls();
    if (done(calls) || Date.now() - started > timeoutMs) return calls;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.each(DATABASES)('a fan-out through failing, hanging and 429ing calls, its process killed midway (%s)', (kind) => {
  test(`every one of ${CHATS} reminders is delivered, a duplicate only where a call was taken and not yet recorded, within the limits`, { timeout: 420_000 }, async () => {
    const t0 = Date.now();
    const phase = (what: string) => process.env.TEST_LOG && console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);
    const plans = writeDuePlan(mkdtempSync(join(tmpdir(), 'bhxh-faults-')), CHATS, PROVINCE);
    const databaseUrl = await freshDatabaseUrl(kind, { plans, seed: async function focalPoints(app) { await giveEveryAgencyAFocalPoint(app, PROVINCE); } });
    phase('database');
    const api = await spawnRateLimitedBotApi({ perSecond: LIMIT, perChatMs: PER_CHAT_MS, faults: FAULTS });
    apis.push(api);
    const env = {
      DATABASE_URL: databaseUrl, PLANS_DIR: plans, TELEGRAM_BOT_TOKEN: '123:faults', TELEGRAM_API_ROOT: api.apiRoot, TELEGRAM_BOT_USERNAME: 'faults_bot',
      TELEGRAM_MAX_PER_SECOND: String(CONFIGURED), CONSOLE: 'off', WEEKLY_DIGEST: 'off', LOG_LEVEL: 'info', REPORTS_DIR: join(plans, 'reports'),
      // A hung call is given up after two seconds; a failed one comes back after 0.5–1 s, then 1–2 s,
      // then 1.5–3 s: the time of a run with a few chats that fail seven times in a row.
      PLATFORM_TIMEOUT_SECONDS: '2', DELIVERY_RETRY_SECONDS: '1', DELIVERY_RETRY_MAX_SECONDS: '3', DELIVERY_MAX_ATTEMPTS: '30',
    };

    // Messages whose call the service gave up after its timeout: the platform may have taken it all the same.
    const timedOut = new Set<number>();
    const watch = (line: string) => {
      if (!line.includes('did not answer')) return;
      const entry = JSON.parse(line) as { message?: string; outboxId?: number };
      if (entry.message === 'delivery failed' && entry.outboxId) timedOut.add(entry.outboxId);
    };
    const first = startServiceProcess(env, watch);
    children.push(first.child);
    await first.started;
    phase('started');
    const before = await until(api, (calls) => deliveredPerChat(calls).size >= CHATS / 2, 120_000);
    await killHard(first.child);
    phase(`killed after ${deliveredPerChat(before).size}`);
    const atKill = await api.calls();

    // Taken by the platform and not yet recorded as sent when the process died: the most that may go twice.
    const check = await createApp({ config: testConfig(databaseUrl, { PLANS_DIR: plans }), logger: silentLogger, migrate: false, importPlans: false });
    const unsent = new Set((await check.db.outbox.findMany({ where: { status: { not: 'sent' } }, select: { chatId: true } })).map((r) => r.chatId));
    const takenAtKill = deliveredPerChat(atKill);
    const inFlight = new Set([...takenAtKill.keys()].filter((chat) => unsent.has(chat)));

    const second = startServiceProcess(env, watch);
    children.push(second.child);
    await second.started;
    phase('restarted');
    const after = await until(api, (calls) => deliveredPerChat(calls).size >= CHATS, 200_000);
    phase(`delivered ${deliveredPerChat(after).size}`);
    // Everything is recorded as sent (the last marks are written a moment after the calls).
    for (let left = 1, tries = 0; left && tries < 50; tries++) {
      left = await check.db.outbox.count({ where: { status: { not: 'sent' } } });
      if (left) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await killHard(second.child);
    const timedOutChats = new Set((await check.db.outbox.findMany({ where: { id: { in: [...timedOut] } }, select: { chatId: true } })).map((r) => r.chatId));
    await check.close();
    const calls = await api.calls();

    const delivered = deliveredPerChat(calls);
    const twice = [...delivered].filter(([, n]) => n > 1);
    const waits = floodWaits(calls, FAULTS.retryAfter * 1000, GRACE_MS);
    const worst = worstOf(calls);
    const counts = {
      database: kind, chats: delivered.size, calls: calls.length, deliveredBeforeKill: deliveredPerChat(before).size,
      serverErrors: calls.filter((c) => c.status === 500).length, hangs: calls.filter((c) => c.status === 0).length,
      scripted429: waits.waits, sentDuringWait: waits.early.length, waitsHonoured: waits.honoured,
      overLimit: calls.filter((c) => c.refused === 'limit').length, inFlightAtKill: inFlight.size, timedOut: timedOutChats.size, duplicated: twice.length,
      duplicatedByKill: twice.filter(([chat]) => inFlight.has(chat)).length,
      maxPerSecond: worst.perSecond, minChatGapMs: Math.round(leastChatGap(calls)),
    };
    const pauses = measuredPauses(calls, FAULTS.retryAfter * 1000, GRACE_MS);
    console.log('delivery faults:', JSON.stringify(counts));
    console.log(`delivery faults (${kind}): ${honouredLine(pauses, FAULTS.retryAfter * 1000)}`);

    expect(delivered.size).toBe(CHATS);
    // The faults were there: a run without them would prove nothing.
    expect(counts.serverErrors).toBeGreaterThan(CHATS * 0.15);
    expect(counts.hangs).toBeGreaterThan(CHATS * 0.07);
    expect(counts.scripted429).toBeGreaterThan(CHATS * 0.03);
    // Only a message taken and not yet recorded at the kill, or one whose answer came after its timeout (the
    // duplicate window README states), may have gone twice.
    for (const [chat] of twice) expect(inFlight.has(chat) || timedOutChats.has(chat)).toBe(true);
    // 429s honoured: the whole bot waited. Calls the service had started before it read the 429 still arrive during
    // the wait, more of them the busier the host; a bot that did not wait would have sent its full rate meanwhile.
    const unpaused = waits.waits * (FAULTS.retryAfter * 1000 - GRACE_MS) / 1000 * CONFIGURED;
    expect(waits.early.length).toBeLessThan(unpaused * 0.25);
    // Measured at the platform, the bot's pause after a 429 is retry_after or more. On a busy host a call started
    // before the 429 was read lands in it later than the grace, the more the busier (70% of the pauses were whole with
    // two suites on two cores): so the typical pause, not each, is asked for here. A bot that did not wait would pause
    // a call's gap, a few ms. The bench, alone on the host, asks for all.
    expect(pauses.waits).toBeGreaterThan(CHATS * 0.03);
    const typical = [...pauses.pausesMs].sort((a, b) => a - b)[Math.floor(pauses.pausesMs.length / 2)]!;
    expect(typical).toBeGreaterThanOrEqual(FAULTS.retryAfter * 1000);
    expect(counts.overLimit).toBe(0);
    expect(worst.perSecond).toBeLessThanOrEqual(LIMIT);
    expect(worst.chatGapMs).toBeGreaterThanOrEqual(PER_CHAT_MS);
  });
});
