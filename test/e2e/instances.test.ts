import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { createApp } from '../../src/app.js';
import { addDays, localDateOf } from '../../src/domain/calendar/local-time.js';
import { silentLogger } from '../../src/logger.js';
import { freshDatabaseUrl } from '../support/databases.js';
import { deliveredPerChat, worstOf, type Call } from '../support/rate-limited-bot-api.js';
import { spawnRateLimitedBotApi, type RemoteBotApi } from '../support/rate-limited-bot-api-process.js';
import { root, testConfig } from '../support/test-app.js';

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

/** One plan that owes a report from 5,000 agencies two days from now, reminded the day before at midnight: due at once. */
function planDue(dir: string): string {
  const dueOn = addDays(localDateOf(new Date()), 2);
  const codes = Array.from({ length: AGENCIES }, (_, i) => `nhieu-may.xa-${i + 1}`);
  writeFileSync(join(dir, 'plan.yaml'), [
    'code: nhieu-may-1', 'title: "Kế hoạch thử nhiều máy"', 'document: "KH 1/KH-UBND"', 'issuedOn: "2026-01-05"', 'issuer: "UBND tỉnh"',
    'province: nhieu-may', 'provinceName: "Tỉnh Nhiều Máy"', 'seed: test',
    'agencies:', ...codes.map((c, i) => `  - { code: ${c}, name: "UBND xã ${i + 1}" }`),
    'tasks:', '  - code: bao-cao', '    title: "Báo cáo kết quả"', '    lead:', ...codes.map((c) => `      - ${c}`),
    `    recurrence: { once: "${dueOn}" }`, '    ladder: { before: [1], overdue: [], escalate: [], hour: "00:00" }', '    source: "Mục IV"',
    'targets: []', '',
  ].join('\n'));
  return dir;
}

/** A service process as an operator starts it (`npm start`), on the shared database. */
function startInstance(env: Record<string, string>): { child: ChildProcess; started: Promise<void> } {
  const child = spawn(process.execPath, ['--experimental-wasm-modules', '--no-warnings', '--import', 'tsx', join(root, 'src/main.ts')], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const started = new Promise<void>((resolve, reject) => {
    let log = '';
    // The log goes to standard error (standard output is the console chat's).
    const read = (d: string) => {
      log += d;
      if (log.includes('service started')) resolve();
    };
    child.stdout!.setEncoding('utf8').on('data', read);
    child.stderr!.setEncoding('utf8').on('data', read);
    child.once('exit', (code) => reject(new Error(`an instance ended (${code}) before it started:\n${log.slice(-2000)}`)));
  });
  return { child, started };
}

const children: ChildProcess[] = [];
let api: RemoteBotApi | undefined;
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await api?.stop();
});

test('three instances on one PostgreSQL send 5,000 reminders once each, within the limit together, one killed midway', { timeout: 240_000 }, async () => {
  const plans = planDue(mkdtempSync(join(tmpdir(), 'bhxh-instances-')));
  const t0 = Date.now();
  const phase = (what: string) => process.env.TEST_LOG && console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);
  const databaseUrl = await freshDatabaseUrl('postgresql', { plans });
  phase('database');
  // A focal point with a Telegram chat for every agency.
  const app = await createApp({ config: testConfig(databaseUrl, { PLANS_DIR: plans }), logger: silentLogger, migrate: false, importPlans: false });
  const agencies = await app.repos.agencies.list({ province: 'nhieu-may' });
  for (let i = 0; i < agencies.length; i += 1000) {
    const slice = agencies.slice(i, i + 1000);
    const people = await app.db.person.createManyAndReturn({ data: slice.map((a) => ({ name: a.name })), select: { id: true } });
    await app.db.chat.createMany({ data: people.map((p, j) => ({ channel: 'telegram', chatId: String(100_000 + i + j), personId: p.id })) });
    await app.db.role.createMany({ data: people.map((p, j) => ({ personId: p.id, kind: 'focal', agencyId: slice[j]!.id })) });
  }
  await app.close();
  phase('people');

  api = await spawnRateLimitedBotApi({ perSecond: LIMIT, perChatMs: 1000 });
  const env = { DATABASE_URL: databaseUrl, PLANS_DIR: plans, TELEGRAM_BOT_TOKEN: '123:instances', TELEGRAM_API_ROOT: api.apiRoot, TELEGRAM_BOT_USERNAME: 'instances_bot', TELEGRAM_MAX_PER_SECOND: String(CONFIGURED), CONSOLE: 'off', WEEKLY_DIGEST: 'off', LOG_LEVEL: 'info', REPORTS_DIR: join(plans, 'reports') };
  const instances = Array.from({ length: INSTANCES }, () => startInstance(env));
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
