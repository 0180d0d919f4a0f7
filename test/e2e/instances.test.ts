import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { createApp } from '../../src/app.js';
import { silentLogger } from '../../src/logger.js';
import { freshDatabaseUrl } from '../support/databases.js';
import { deliveredPerChat, worstOf, type Call } from '../support/rate-limited-bot-api.js';
import { spawnRateLimitedBotApi, type RemoteBotApi } from '../support/rate-limited-bot-api-process.js';
import { testConfig } from '../support/test-app.js';
import { giveEveryAgencyAFocalPoint, startServiceProcess, writeDuePlan } from '../support/fanout-service.js';

const AGENCIES = 5000;
const INSTANCES = 3;
/** The platform's limit in this test: high, so that 5,000 messages take seconds, and kept by all instances together. */
const LIMIT = 400;
/**
 * The rate the instances are told to keep together. The platform counts calls when they arrive, and on a 2-core
 * machine running the suite, five processes and PostgreSQL, a call can arrive a few hundred ms after it started: so
 * the instances are set 15% under the platform's limit, as an operator would on a loaded host. Three limiters that
 * did not share their budget would still send three times this rate, far over the limit.
 */
const CONFIGURED = Math.floor(LIMIT * 0.85);

const children: ChildProcess[] = [];
let api: RemoteBotApi | undefined;
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await api?.stop();
});

test('three instances on one PostgreSQL send 5,000 reminders once each, within the limit together, one killed midway', { timeout: 240_000 }, async () => {
  const plans = writeDuePlan(mkdtempSync(join(tmpdir(), 'bhxh-instances-')), AGENCIES, 'nhieu-may');
  const t0 = Date.now();
  const phase = (what: string) => process.env.TEST_LOG && console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);
  const databaseUrl = await freshDatabaseUrl('postgresql', { plans });
  phase('database');
  // A focal point with a Telegram chat for every agency.
  const app = await createApp({ config: testConfig(databaseUrl, { PLANS_DIR: plans }), logger: silentLogger, migrate: false, importPlans: false });
  await giveEveryAgencyAFocalPoint(app, 'nhieu-may');
  await app.close();
  phase('people');

  api = await spawnRateLimitedBotApi({ perSecond: LIMIT, perChatMs: 1000 });
  const env = { DATABASE_URL: databaseUrl, PLANS_DIR: plans, TELEGRAM_BOT_TOKEN: '123:instances', TELEGRAM_API_ROOT: api.apiRoot, TELEGRAM_BOT_USERNAME: 'instances_bot', TELEGRAM_MAX_PER_SECOND: String(CONFIGURED), CONSOLE: 'off', WEEKLY_DIGEST: 'off', LOG_LEVEL: 'info', REPORTS_DIR: join(plans, 'reports') };
  const instances = Array.from({ length: INSTANCES }, () => startServiceProcess(env));
  children.push(...instances.map((i) => i.child));
  await Promise.all(instances.map((i) => i.started));
  phase('instances started');

  // Midway, one instance dies without a word.
  let calls = await api.calls();
  while (deliveredPerChat(calls).size < AGENCIES / 3) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    calls = await api.calls();
  }
  const killedAt = Date.now();
  phase(`killing one after ${deliveredPerChat(calls).size}`);
  instances[0]!.child.kill('SIGKILL');

  while (deliveredPerChat(calls).size < AGENCIES && Date.now() - killedAt < 120_000) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    calls = await api.calls();
  }
  const delivered = deliveredPerChat(calls);
  const counts = { chats: delivered.size, tooMany: calls.filter((c) => c.status === 429).length, ...worstOf(calls) };
  console.log('instances:', JSON.stringify(counts));

  // Every reminder went out; any twice were in the killed instance's hands when it died (sent, not yet marked).
  expect(delivered.size).toBe(AGENCIES);
  const twice = calls.filter((c) => c.status === 200 && delivered.get(c.chatId)! > 1);
  const firsts = new Map<string, Call>();
  for (const c of twice) if (!firsts.has(c.chatId)) firsts.set(c.chatId, c);
  for (const c of firsts.values()) expect(Math.abs(c.wall - killedAt)).toBeLessThan(2000);
  expect(firsts.size).toBeLessThanOrEqual(100);
  // The limit held across the instances together.
  expect(counts.tooMany).toBe(0);
  // Every instance did part of the work, the killed one included.
  const check = await createApp({ config: testConfig(databaseUrl, { PLANS_DIR: plans }), logger: silentLogger, migrate: false, importPlans: false });
  try {
    const senders = await check.db.outbox.groupBy({ by: ['lockedBy'], where: { status: 'sent' }, _count: { _all: true } });
    expect(senders.length).toBe(INSTANCES);
    expect(await check.db.outbox.count({ where: { status: { not: 'sent' } } })).toBe(0);
  } finally {
    await check.close();
  }
});
