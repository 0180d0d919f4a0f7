// The outbox pipeline with the platform's limits lifted: 10,000 queued messages to 10,000 chats, sent through the
// real service (telegraf over HTTP) to a Bot API server that does not limit, on SQLite and PostgreSQL.
// Each message is a reminder as the planner writes it (its headline, details and three buttons, each agency's own
// name and deadline), so each is rendered and sent in full. Messages a second from the first claim to the last
// message marked sent; goal ≥ 2,000 msg/s on both.
// Run alone: npx tsx test/bench/pipeline.ts [sqlite|postgresql]
import { join } from 'node:path';
import { bareSend } from './lib/bare-sender.js';
import { benchDatabases, focalPointsFor, median, rerunWithWasm, root, type Kind } from './lib/setup.js';

rerunWithWasm();
const { createConfig } = await import('../../src/config.js');
const { atLocalTime } = await import('../../src/domain/calendar/local-time.js');
const { silentLogger } = await import('../../src/logger.js');
const { manualClock } = await import('../../src/services/clock.js');
const { startService } = await import('../../src/service.js');
const { reminderPayload } = await import('../../src/services/reminder-messages.js');
const { deliveredPerChat } = await import('../support/rate-limited-bot-api.js');
const { spawnRateLimitedBotApi } = await import('../support/rate-limited-bot-api-process.js');

const MESSAGES = 10_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const GOAL = 2_000;
/** The service's own sends in flight at once (outbox-worker.ts), for the bare sender to match. */
const IN_FLIGHT = 64;
const KINDS: Kind[] = process.argv[2] ? [process.argv[2] as Kind] : ['sqlite', 'postgresql'];
const databases = benchDatabases();
const results: string[] = [];

for (const kind of KINDS) {
  const rates: number[] = [];
  const bare: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // The server in a process of its own: the service's CPU is what is measured.
    const api = await spawnRateLimitedBotApi({ perSecond: Number.MAX_SAFE_INTEGER, perChatMs: 0 });
    const url = await databases.fresh(kind);
    const config = createConfig({ DATABASE_URL: url, PLANS_DIR: join(root, 'prisma/seed/plans'), HOLIDAYS_FILE: join(root, 'data/holidays.yaml'), SUBSIDY_RULES_FILE: join(root, 'data/subsidy/rules.yaml'), TELEGRAM_BOT_TOKEN: '123:bench', TELEGRAM_API_ROOT: api.apiRoot, TELEGRAM_BOT_USERNAME: 'bench_bot' });
    const clock = manualClock(atLocalTime('2026-06-22', '07:00'));
    const service = await startService(config, { logger: silentLogger, clock, timer: false, limits: { telegram: { perSecond: Infinity, perChatMs: 0 } } });
    const { app } = service;
    const agencies = await app.repos.agencies.list();
    const people = Array.from({ length: MESSAGES }, (_, i) => agencies[i % agencies.length]!);
    const chats = await focalPointsFor(app, people.map((a) => a.id));
    const personOf = new Map((await app.db.chat.findMany({ where: { chatId: { in: chats } } })).map((c) => [c.chatId, c.personId]));
    const payload = (i: number) => {
      const personId = personOf.get(chats[i]!)!;
      const step = { occurrenceKey: `bench:${i}:2026-06-30`, personId, step: 'before-3', audience: 'focal' as const, fireAt: clock.now() };
      return JSON.stringify(reminderPayload(step, { title: `Báo cáo tháng ${i % 12 + 1}`, agency: people[i]!.name, dueOn: '2026-06-30', basis: 'Công văn 1234/BHXH-TT' }, clock.now()));
    };
    // Queued in bulk straight into the table (the enqueue path is not what is measured), then announced once.
    for (let i = 0; i < MESSAGES; i += 1000) {
      await app.db.outbox.createMany({
        data: chats.slice(i, i + 1000).map((chatId, j) => ({ dedupeKey: `bench:${chatId}`, kind: 'reminder', personId: personOf.get(chatId)!, channel: 'telegram', chatId, notBefore: clock.now(), payload: payload(i + j) })),
      });
    }
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await app.outbox.drain();
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpuBefore);
    const sent = await app.db.outbox.count({ where: { status: 'sent' } });
    const calls = await api.calls();
    const delivered = deliveredPerChat(calls);
    await service.stop();
    // The same texts with a keyboard like the reminders' own, posted bare to the same server.
    const keyboard = { inline_keyboard: [[{ text: 'Đã xong', callback_data: 'rd:bench' }], [{ text: 'Đã nhận', callback_data: 'ra:bench' }, { text: 'Nhắc lại sau', callback_data: 'rs:bench' }]] };
    bare.push(await bareSend(api.apiRoot, calls.map((c) => ({ chat_id: c.chatId, text: c.text, reply_markup: keyboard })), IN_FLIGHT));
    cpu.push((used.user + used.system) / 1000 / MESSAGES);
    await api.stop();
    if (sent !== MESSAGES || delivered.size !== MESSAGES) throw new Error(`${kind}: ${sent} marked sent, ${delivered.size} chats reached, of ${MESSAGES}`);
    rates.push(MESSAGES / seconds);
    console.error(`${kind} run ${run + 1}: ${(MESSAGES / seconds).toFixed(0)} msg/s, ${cpu.at(-1)!.toFixed(2)} ms CPU a message; bare sender ${bare.at(-1)!.toFixed(0)} msg/s`);
  }
  const rate = median(rates);
  results.push(`${kind.padEnd(10)} ${rate.toFixed(0)} msg/s (runs: ${rates.map((r) => r.toFixed(0)).join(', ')}; goal ≥ ${GOAL} msg/s) ${rate >= GOAL ? 'ok' : 'MISSED'}`);
  results.push(`${''.padEnd(10)} ${median(cpu).toFixed(2)} ms of the service's CPU a message, sending included`);
  // The server is not what limits the service while a bare sender gets well past it (goal: at least twice).
  const peer = median(bare);
  results.push(`${''.padEnd(10)} bare sender to the same server ${peer.toFixed(0)} msg/s = ${(peer / rate).toFixed(1)} × the service (goal ≥ 2 ×, the server not the limit) ${peer >= 2 * rate ? 'ok' : 'MISSED'}`);
}
await databases.stop();
console.log(`\noutbox pipeline, limits lifted, ${MESSAGES} messages (median of ${RUNS} runs)`);
for (const line of results) console.log(line);
