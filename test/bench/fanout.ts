// Reminder fan-out at the platform's limit: a due tick makes a reminder for each of 3,000 communes' focal points,
// and the real service sends them through a Bot API server that answers 429 above 30 messages a second or more
// than one a second to a chat (test/support/rate-limited-bot-api.ts), as Telegram does.
// Prints the rate as a share of the limit, 429s, lost and duplicated messages; goal ≥ 0.95 of the limit, 0 429s,
// 0 lost, 0 duplicates.
// Run alone: npx tsx test/bench/fanout.ts [messages] [runs]
import { join } from 'node:path';
import { benchDatabases, focalPointsFor, median, rerunWithWasm, root } from './lib/setup.js';

rerunWithWasm();
const { createConfig } = await import('../../src/config.js');
const { atLocalTime } = await import('../../src/domain/calendar/local-time.js');
const { silentLogger } = await import('../../src/logger.js');
const { startService } = await import('../../src/service.js');
const { deliveredPerChat, worstOf } = await import('../support/rate-limited-bot-api.js');
const { spawnRateLimitedBotApi } = await import('../support/rate-limited-bot-api-process.js');
const { writeBigPlan } = await import('../support/big-plan.js');

const MESSAGES = Number(process.argv[2] ?? 3000);
const RUNS = Number(process.argv[3] ?? 3);
const LIMIT = 30;
const databases = benchDatabases();
let serverAhead = false;
const runs: { ratio: number; rate: number; tooMany: number; lost: number; duplicates: number; worstSecond: number; chatGap: number; seconds: number }[] = [];

for (let run = 0; run < RUNS; run++) {
  // The server stands for the platform's: it stamps calls as they arrive, ahead of the host's other work.
  const api = await spawnRateLimitedBotApi({ perSecond: LIMIT, perChatMs: 1000 }, { ahead: true });
  serverAhead = api.ahead;
  const plans = writeBigPlan(join(databases.dir, `plans-${run}`), { agencies: MESSAGES });
  const config = createConfig({ DATABASE_URL: await databases.fresh('sqlite'), PLANS_DIR: plans, HOLIDAYS_FILE: join(root, 'data/holidays.yaml'), SUBSIDY_RULES_FILE: join(root, 'data/subsidy/rules.yaml'), TELEGRAM_BOT_TOKEN: '123:bench', TELEGRAM_API_ROOT: api.apiRoot, TELEGRAM_BOT_USERNAME: 'bench_bot' });
  // The scheduler's time is set to the instants that matter and runs on from there: a 429's retry waits real time.
  let offset = atLocalTime('2026-06-22', '07:00').getTime() - Date.now();
  const clock = { now: () => new Date(Date.now() + offset), set: (to: Date) => void (offset = to.getTime() - Date.now()) };
  // The platform's own limits, as in production.
  const service = await startService(config, { logger: silentLogger, clock, timer: false });
  const { app } = service;
  const communes = (await app.repos.agencies.list({ province: 'tinh-lon' })).map((a) => a.id);
  await focalPointsFor(app, communes);
  // What is due on the first day is not this run's subject: planned and set aside unsent.
  const wake = app.outbox.wake;
  app.outbox.wake = () => {};
  await app.reminders.tick(clock.now());
  await app.db.outbox.updateMany({ data: { status: 'skipped' } });
  app.outbox.wake = wake;

  const [busiest] = await app.db.plannedOccurrence.groupBy({ by: ['nextFireAt'], where: { nextFireAt: { gt: clock.now() } }, _count: { _all: true }, orderBy: { _count: { key: 'desc' } }, take: 1 });
  clock.set(busiest!.nextFireAt!);
  const started = performance.now();
  const queued = await app.reminders.tick(clock.now());
  await app.outbox.drain();
  await app.outbox.idle();
  // A message answered 429 waits its retry_after, then goes with the next drain (the minute timer's, in service).
  for (let next = await app.db.outbox.findFirst({ where: { status: 'pending' }, orderBy: { notBefore: 'asc' } }); next; next = await app.db.outbox.findFirst({ where: { status: 'pending' }, orderBy: { notBefore: 'asc' } })) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next!.notBefore.getTime() - clock.now().getTime())));
    await app.outbox.drain();
  }
  const seconds = (performance.now() - started) / 1000;
  const expected = new Set((await app.db.outbox.findMany({ where: { status: { not: 'skipped' } }, select: { chatId: true } })).map((r) => r.chatId));
  const calls = await api.calls();
  const delivered = deliveredPerChat(calls);
  const accepted = calls.filter((c) => c.status === 200);
  const span = (accepted.at(-1)!.at - calls[0]!.at) / 1000;
  const worst = worstOf(calls);
  runs.push({
    rate: accepted.length / span,
    ratio: accepted.length / span / LIMIT,
    tooMany: calls.filter((c) => c.status === 429).length,
    lost: [...expected].filter((chat) => !delivered.has(chat)).length,
    duplicates: [...delivered.values()].filter((n) => n > 1).length,
    worstSecond: worst.perSecond,
    chatGap: worst.chatGapMs,
    seconds,
  });
  console.error(`run ${run + 1}: ${queued} queued, ${JSON.stringify(runs.at(-1))}`);
  if (process.env.BENCH_DEBUG) console.error(await app.db.outbox.findMany({ where: { status: { notIn: ['sent', 'skipped'] } } }));
  await service.stop();
  await api.stop();
}
await databases.stop();

const m = (pick: (r: (typeof runs)[number]) => number) => median(runs.map(pick));
console.log(`\nfan-out of ${MESSAGES} reminders through a Bot API that answers 429 above ${LIMIT}/s or 1/s per chat (median of ${RUNS} runs; server ${serverAhead ? 'at raised priority' : 'at normal priority: not permitted'})`);
console.log(`rate              ${m((r) => r.rate).toFixed(1)} msg/s = ${m((r) => r.ratio).toFixed(3)} of the limit (goal ≥ 0.95) ${m((r) => r.ratio) >= 0.95 ? 'ok' : 'MISSED'}`);
console.log(`429 answers       ${m((r) => r.tooMany)} (goal 0) ${m((r) => r.tooMany) === 0 ? 'ok' : 'MISSED'}`);
console.log(`lost              ${m((r) => r.lost)} (goal 0) ${m((r) => r.lost) === 0 ? 'ok' : 'MISSED'}`);
console.log(`duplicates        ${m((r) => r.duplicates)} (goal 0) ${m((r) => r.duplicates) === 0 ? 'ok' : 'MISSED'}`);
console.log(`most in a second  ${m((r) => r.worstSecond)} (limit ${LIMIT})`);
console.log(`tick to last sent ${m((r) => r.seconds).toFixed(1)} s`);
