// The child process of test/bench/inbound.ts: one subject (the service as `npm start` runs it, compiled to dist/, or
// a bare telegraf bot), started, then told by its parent when to count, report and stop. Plain JavaScript, so that
// neither subject carries tsx's loader thread and its RSS is what it would be in production.
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = join(import.meta.dirname, '../..');
const LIFTED = { perSecond: 1_000_000, perChatMs: 0 };

async function runSubject(subject, apiRoot, token, databaseUrl) {
  const statements = countStatements();
  const timeline = env.INBOUND_TIMELINE ? recordTimeline() : undefined;
  const allocations = env.INBOUND_HEAP_PROFILE ? await sampleAllocations(env.INBOUND_HEAP_PROFILE) : undefined;
  let stop;
  if (subject === 'bare') {
    const { Telegraf } = await import('telegraf');
    const bot = new Telegraf(token, { telegram: { apiRoot } });
    bot.on('message', (ctx) => ctx.reply('Cảm ơn bạn đã hỏi. Cán bộ BHXH sẽ trả lời bạn sớm.'));
    bot.botInfo = await bot.telegram.getMe();
    void bot.launch({ dropPendingUpdates: false });
    stop = async () => bot.stop('bench over');
  } else {
    const [{ createConfig }, { createLogger }, { startService }] = await Promise.all([import('../../dist/config.js'), import('../../dist/logger.js'), import('../../dist/service.js')]);
    const config = createConfig({
      DATABASE_URL: databaseUrl,
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_API_ROOT: apiRoot,
      PLANS_DIR: join(root, 'prisma/seed/plans'),
      HOLIDAYS_FILE: join(root, 'data/holidays.yaml'),
      SUBSIDY_RULES_FILE: join(root, 'data/subsidy/rules.yaml'),
      REPORTS_DIR: join(tmpdir(), `bhxh-bench-reports-${process.pid}`),
      WEEKLY_DIGEST: 'off',
      CONSOLE: 'off',
    });
    const service = await startService(config, { logger: createLogger({ level: 'warn' }), timer: false, limits: { telegram: LIFTED } });
    stop = () => service.stop();
  }
  let cpu = process.cpuUsage();
  process.on('message', async (message) => {
    if (message === 'count') {
      statements.reset();
      timeline?.reset();
      void allocations?.start();
      cpu = process.cpuUsage();
    }
    if (message === 'report') {
      const used = process.cpuUsage(cpu);
      const memory = process.memoryUsage();
      // Written before the report goes: the parent stops this process once it has the report.
      await allocations?.stop();
      process.send({ report: { rss: memory.rss, heapTotal: memory.heapTotal, cpu: used.user + used.system, statements: statements.counts(), ...(timeline ? { timeline: timeline.batches() } : {}) } });
    }
    if (message === 'stop') void stop().finally(() => process.exit(0));
  });
  // A parent that dies (killed, timed out) takes its subject with it.
  process.on('disconnect', () => process.exit(1));
  process.send({ ready: true, rss: process.memoryUsage().rss });
}

/**
 * Counts the SQL statements the process sends, by their first word (and BEGIN/COMMIT), at the drivers: what
 * better-sqlite3 prepares and what pg sends. Bench-only instrumentation; the service knows nothing of it.
 */
function countStatements() {
  const counts = new Map();
  const note = (sql) => {
    const text = typeof sql === 'string' ? sql : sql?.text ?? '';
    const word = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? '?';
    counts.set(word, (counts.get(word) ?? 0) + 1);
  };
  const require = createRequire(import.meta.url);
  const Database = require('better-sqlite3');
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (sql) {
    note(sql);
    return prepare.call(this, sql);
  };
  const pg = require('pg');
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (...args) {
    note(args[0]);
    return query.apply(this, args);
  };
  return { reset: () => counts.clear(), counts: () => Object.fromEntries(counts) };
}

/**
 * `--timeline` (INBOUND_TIMELINE): where each getUpdates batch's wall time goes, from the Bot API's answer to the next
 * poll: when the arrivals were read and created, the replies left and were answered, the logs were stored, and the CPU
 * the process used meanwhile. Bench-only instrumentation at the HTTP agent and the database drivers.
 */
function recordTimeline() {
  const require = createRequire(import.meta.url);
  let events = [];
  // The main thread's busy time (the event loop's, not the process's: GC and the drivers have threads of their own).
  const note = (kind, what) => events.push({ kind, what, at: performance.now(), active: kind === 'got' || kind === 'poll' ? performance.eventLoopUtilization().active : 0 });
  const http = require('node:http');
  const addRequest = http.Agent.prototype.addRequest;
  http.Agent.prototype.addRequest = function (req, ...rest) {
    const method = /\/(\w+)$/.exec(req.path ?? '')?.[1] ?? '?';
    if (method === 'getUpdates') note('poll', method);
    else note('send', method);
    req.once('response', () => note(method === 'getUpdates' ? 'got' : 'sent', method));
    return addRequest.call(this, req, ...rest);
  };
  const word = (sql) => /^\s*(\w+(?:\s+INTO\s+"?\w+"?)?)/i.exec(typeof sql === 'string' ? sql : sql?.text ?? '')?.[1]?.replace(/"/g, '').toUpperCase() ?? '?';
  const Database = require('better-sqlite3');
  const prepare = Database.prototype.prepare;
  const patched = new WeakSet();
  Database.prototype.prepare = function (sql) {
    const stmt = prepare.call(this, sql);
    const proto = Object.getPrototypeOf(stmt);
    if (!patched.has(proto)) {
      patched.add(proto);
      for (const name of ['run', 'all', 'get']) {
        const original = proto[name];
        proto[name] = function (...args) {
          const what = word(this.source);
          note('sql', what);
          try {
            return original.apply(this, args);
          } finally {
            note('sqlDone', what);
          }
        };
      }
    }
    return stmt;
  };
  const pg = require('pg');
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (...args) {
    const what = word(args[0]);
    note('sql', what);
    const callback = args.findIndex((a) => typeof a === 'function');
    if (callback >= 0) {
      const done = args[callback];
      args[callback] = (...r) => {
        note('sqlDone', what);
        return done(...r);
      };
    }
    const out = query.apply(this, args);
    if (out && typeof out.then === 'function') void out.then(() => note('sqlDone', what), () => note('sqlDone', what));
    return out;
  };
  return {
    reset: () => (events = []),
    /** Per batch (from a getUpdates answer to the next poll), milliseconds since the answer. */
    batches() {
      const out = [];
      for (let i = 0; i < events.length; i++) {
        if (events[i].kind !== 'got') continue;
        const got = events[i];
        const polled = events.slice(0, i).findLast((e) => e.kind === 'poll');
        const end = events.findIndex((e, j) => j > i && e.kind === 'poll');
        if (end < 0) break;
        const within = events.slice(i + 1, end + 1);
        const last = (pred) => Math.max(0, ...within.filter(pred).map((e) => e.at - got.at));
        const first = (pred) => {
          const e = within.find(pred);
          return e ? e.at - got.at : 0;
        };
        const sends = within.filter((e) => e.kind === 'send').length;
        if (!sends) continue;
        out.push({
          sends,
          pollAnswered: polled ? got.at - polled.at : 0,
          arrivalsRead: last((e) => e.kind === 'sqlDone' && e.what.startsWith('SELECT')),
          arrivalsCreated: last((e) => e.kind === 'sqlDone' && (/INTO (PERSON|CHAT)/.test(e.what) || e.what.startsWith('WITH'))),
          firstSend: first((e) => e.kind === 'send'),
          lastSend: last((e) => e.kind === 'send'),
          lastAnswer: last((e) => e.kind === 'sent'),
          writesStored: last((e) => e.kind === 'sqlDone' && (/INTO QUESTION/.test(e.what) || e.what.startsWith('UPDATE'))),
          nextPoll: events[end].at - got.at,
          loopBusy: events[end].active - got.active,
          sql: within.filter((e) => e.kind === 'sql').length,
          questionInserts: within.filter((e) => e.kind === 'sql' && /INTO QUESTION/.test(e.what)).length,
          chatUpdates: within.filter((e) => e.kind === 'sql' && e.what.startsWith('UPDATE')).length,
        });
      }
      return out;
    },
  };
}

/**
 * `--heap-profile` (INBOUND_HEAP_PROFILE, a folder): V8's sampling heap profiler over the counted window, garbage
 * included, written as a .heapprofile (Chrome DevTools reads it): where the bytes the collector then reclaims were
 * allocated. With `--survivors` (INBOUND_HEAP_SURVIVORS) it leaves out what a young-generation collection reclaimed:
 * what remains is what the scavenger copied or promoted. Bench-only instrumentation.
 */
async function sampleAllocations(folder) {
  const { Session } = await import('node:inspector/promises');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  return {
    start: () => session.post('HeapProfiler.startSampling', { samplingInterval: 8192, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !env.INBOUND_HEAP_SURVIVORS }),
    async stop() {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `${process.pid}.heapprofile`), JSON.stringify(profile));
    },
  };
}

const env = process.env;
if (env.INBOUND_MIGRATE) await (await import('../../dist/db/migrate.js')).migrate(env.INBOUND_MIGRATE);
else await runSubject(env.INBOUND_SUBJECT, env.INBOUND_API, env.INBOUND_TOKEN, env.INBOUND_DB);
