// The outbox pipeline with the platform's limits lifted: 10,000 queued messages to 10,000 chats, sent through the
// real service (telegraf over HTTP) to a Bot API server that does not limit, on SQLite and PostgreSQL.
// Messages a second from the first claim to the last message marked sent; goal ≥ 2,000 msg/s on both.
// Run alone: npx tsx test/bench/pipeline.ts [sqlite|postgresql]
import { join } from 'node:path';
import { benchDatabases, focalPointsFor, median, rerunWithWasm, root, type Kind } from './lib/setup.js';

rerunWithWasm();
const { createConfig } = await import('../../src/config.js');
const { atLocalTime } = await import('../../src/domain/calendar/local-time.js');
const { silentLogger } = await import('../../src/logger.js');
const { manualClock } = await import('../../src/services/clock.js');
const { startService } = await import('../../src/service.js');
const { deliveredPerChat } = await import('../support/rate-limited-bot-api.js');
const { spawnRateLimitedBotApi } = await import('../support/rate-limited-bot-api-process.js');

const MESSAGES = 10_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const GOAL = 2_000;
const KINDS: Kind[] = process.argv[2] ? [process.argv[2] as Kind] : ['sqlite', 'postgresql'];
const databases = benchDatabases();
const results: string[] = [];

for (const kind of KINDS) {
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // The server in a process of its own: the service's CPU is what is measured.
    const api = await spawnRateLimitedBotApi({ perSecond: Number.MAX_SAFE_INTEGER, perChatMs: 0 });
    const url = await databases.fresh(kind);
    const config = createConfig({ DATABASE_URL: url, PLANS_DIR: join(root, 'prisma/seed/plans'), HOLIDAYS_FILE: join(root, 'data/holidays.yaml'), SUBSIDY_RULES_FILE: join(root, 'data/subsidy/rules.yaml'), TELEGRAM_BOT_TOKEN: '123:bench', TELEGRAM_API_ROOT: api.apiRoot, TELEGRAM_BOT_USERNAME: 'bench_bot' });
    const clock = manualClock(atLocalTime('2026-06-22', '07:00'));
    const service = await startService(config, { logger: silentLogger, clock, timer: false, limits: { telegram: { perSecond: Infinity, perChatMs: 0 } } });
    const { app } = service;
    const agencies = (await app.repos.agencies.list()).map((a) => a.id);
    const people = Array.from({ length: MESSAGES }, (_, i) => agencies[i % agencies.length]!);
    const chats = await focalPointsFor(app, people);
    const personOf = new Map((await app.db.chat.findMany({ where: { chatId: { in: chats } } })).map((c) => [c.chatId, c.personId]));
    // Queued in bulk straight into the table (the enqueue path is not what is measured), then announced once.
    for (let i = 0; i < MESSAGES; i += 1000) {
      await app.db.outbox.createMany({
        data: chats.slice(i, i + 1000).map((chatId) => ({ dedupeKey: `bench:${chatId}`, kind: 'reminder', personId: personOf.get(chatId)!, channel: 'telegram', chatId, notBefore: clock.now(), payload: JSON.stringify({ lines: [{ key: 'reminders:typedHint' }] }) })),
      });
    }
    const started = performance.now();
    await app.outbox.drain();
    const seconds = (performance.now() - started) / 1000;
    const sent = await app.db.outbox.count({ where: { status: 'sent' } });
    const delivered = deliveredPerChat(await api.calls());
    await service.stop();
    await api.stop();
    if (sent !== MESSAGES || delivered.size !== MESSAGES) throw new Error(`${kind}: ${sent} marked sent, ${delivered.size} chats reached, of ${MESSAGES}`);
    rates.push(MESSAGES / seconds);
    console.error(`${kind} run ${run + 1}: ${(MESSAGES / seconds).toFixed(0)} msg/s`);
  }
  const rate = median(rates);
  results.push(`${kind.padEnd(10)} ${rate.toFixed(0)} msg/s (runs: ${rates.map((r) => r.toFixed(0)).join(', ')}; goal ≥ ${GOAL} msg/s) ${rate >= GOAL ? 'ok' : 'MISSED'}`);
}
await databases.stop();
console.log(`\noutbox pipeline, limits lifted, ${MESSAGES} messages (median of ${RUNS} runs)`);
for (const line of results) console.log(line);
