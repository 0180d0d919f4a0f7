// The child process of test/bench/inbound.ts: one subject (the service as `npm start` runs it, compiled to dist/, or
// a bare telegraf bot), started, then told by its parent when to count, report and stop. Plain JavaScript, so that
// neither subject carries tsx's loader thread and its RSS is what it would be in production.
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const LIFTED = { perSecond: 1_000_000, perChatMs: 0 };

async function runSubject(subject, apiRoot, token, databaseUrl) {
  const statements = countStatements();
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
  process.on('message', (message) => {
    if (message === 'count') {
      statements.reset();
      cpu = process.cpuUsage();
    }
    if (message === 'report') {
      const used = process.cpuUsage(cpu);
      const memory = process.memoryUsage();
      process.send({ report: { rss: memory.rss, heapTotal: memory.heapTotal, cpu: used.user + used.system, statements: statements.counts() } });
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

const env = process.env;
if (env.INBOUND_MIGRATE) await (await import('../../dist/db/migrate.js')).migrate(env.INBOUND_MIGRATE);
else await runSubject(env.INBOUND_SUBJECT, env.INBOUND_API, env.INBOUND_TOKEN, env.INBOUND_DB);
