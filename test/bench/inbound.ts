/**
 * Inbound: how fast the service answers a queue of citizens' questions, against a bare telegraf bot that replies a
 * fixed text, on the same Bot API emulator (telegram-test-api, test/support/telegram-emulator.ts) in the same run.
 * Run alone: npx tsx test/bench/inbound.ts [--runs 3] [--messages 2000] [--warmup 0] [--sqlite-only] [--profile] [--heap-profile [--survivors]] [--timeline] [--updates-per-poll 100] [--service-flags="--max-semi-space-size=16"]
 *
 * Each subject runs in a child process of its own (test/bench/inbound-subject.mjs), so that its RSS is its own: the
 * service as `npm start` runs it (compiled to dist/ by scripts/build.mjs first, without tsx) through startService on a
 * fresh SQLite file (and a fresh PostgreSQL database when the server binaries are there), limits lifted and the
 * scheduler's timer off; then the bare bot, also without tsx. The database is migrated first, by the
 * same migrate() the service runs, as a release or an earlier start leaves it: a start with a migration pending also
 * loads the schema engine's WebAssembly (some 70 MB, kept until the process ends). The service imports the seed
 * plans on start, as in production. When a subject is up and polling, 2,000 questions from 2,000 chats are queued while its polls
 * are held; the clock runs from releasing them until the subject has handled every update and polls again, and
 * every chat must have its reply. Then the child reports its RSS and the SQL statements it ran during the window.
 * `--warmup N` first has each subject answer N other questions from other chats (each opened with "Cho hỏi", so that
 * no answer of the window is known ahead), not counted: the window then measures a running process rather than one
 * whose code V8 is still compiling. The bare bot gains more from it than the service does.
 * `--profile` writes a CPU profile (node --cpu-prof) of each service child to the folder printed at the end;
 * `--heap-profile` writes where each subject allocated during the window, garbage included (V8's sampling heap
 * profiler), and with `--survivors` only what outlived a young-generation collection: what the collector copies and
 * promotes, the part of the garbage that costs. `--service-flags` adds Node/V8 flags to the service's own (a trial of
 * another heap size, say), never to the bare bot's.
 * Each run also prints the CPU the emulator (this process) spent in the window per update, what the subject's calls cost
 * the other end, and on PostgreSQL the database server's (all its processes, from /proc, in 10 ms ticks).
 * Medians of the runs are printed last, each with its goal.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type TelegramServer from 'telegram-test-api';
import { parse } from 'yaml';
import type { PostgresServer } from '../support/postgres-server.js';
import type { TelegramEmulator } from '../support/telegram-emulator.js';

const root = join(import.meta.dirname, '../..');
const GOAL_RATIO = 0.6;
const GOAL_RSS_MB = 150;

type Subject = 'bare' | 'sqlite' | 'postgresql';
interface Report {
  rss: number;
  /** V8's heap: what it holds (live and garbage not yet collected), bytes. */
  heapTotal: number;
  /** CPU time the child used since it was told to count, in microseconds. */
  cpu: number;
  statements: Record<string, number>;
  /** With --timeline: per getUpdates batch, milliseconds from its answer (test/bench/inbound-subject.mjs). */
  timeline?: Record<string, number>[];
}
/** What test/bench/inbound-subject.mjs, the child, sends its parent. */
type FromChild = { ready: true; rss: number } | { report: Report };

// ---------------------------------------------------------------------------------------------------------------
// The parent: the emulator, the questions, the clock.

/** Citizens' questions as people type them: the labelled ones in Vietnamese, each also without its diacritics. */
function questions(): string[] {
  const read = (file: string) => (parse(readFileSync(join(root, 'test/fixtures/questions', file), 'utf8')) as { questions: { q: string; tags?: string[] }[] }).questions;
  const vietnamese = [...read('labelled.yaml'), ...read('dev.yaml')].filter((x) => !x.tags?.includes('en')).map((x) => x.q);
  const bare = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  return [...new Set(vietnamese.flatMap((q) => [q, bare(q)]))];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, messages: { type: 'string', default: '2000' }, 'sqlite-only': { type: 'boolean', default: false }, profile: { type: 'boolean', default: false }, 'heap-profile': { type: 'boolean', default: false }, survivors: { type: 'boolean', default: false }, 'service-flags': { type: 'string', default: '' }, timeline: { type: 'boolean', default: false }, 'updates-per-poll': { type: 'string', default: '100' }, warmup: { type: 'string', default: '0' } } });
  const runs = Number(values.runs);
  const count = Number(values.messages);
  const warmup = Number(values.warmup);
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  const { startTelegramEmulator } = await import('../support/telegram-emulator.js');
  // The Bot API hands over at most 100 updates per getUpdates, as the emulator does; a larger number shows a burst
  // handed over at once (telegram-test-api's own behaviour), where both bots handle everything in one batch.
  const updatesPerPoll = Number(values['updates-per-poll']);
  const emulator = await startTelegramEmulator({ updatesPerPoll });
  const gates = gateUpdates(emulator.server);
  const texts = questions();
  const scratch = mkdtempSync(join(existsShm() ? '/dev/shm' : tmpdir(), 'bhxh-bench-inbound-'));
  // As root, the PostgreSQL server runs as the "postgres" user (test/support/postgres-server.ts): it must get in.
  chmodSync(scratch, 0o755);
  const profileDir = values.profile ? mkdtempSync(join(tmpdir(), 'bhxh-inbound-profile-')) : undefined;
  // --survivors is a kind of heap profile: it asks for one by itself.
  const heapProfileDir = values['heap-profile'] || values.survivors ? mkdtempSync(join(tmpdir(), 'bhxh-inbound-heap-')) : undefined;

  let postgres: PostgresServer | undefined;
  if (!values['sqlite-only']) {
    try {
      postgres = await (await import('../support/postgres-server.js')).startPostgres(scratch);
    } catch (e) {
      console.log(`PostgreSQL skipped: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const subjects: Subject[] = ['bare', 'sqlite', ...(postgres ? ['postgresql' as const] : [])];
  const results = new Map<Subject, { rate: number; rss: number; cpuMs: number; databaseMs?: number; perUpdate: Record<string, number> }[]>(subjects.map((s) => [s, []]));

  try {
    for (let run = 1; run <= runs; run++) {
      for (const subject of subjects) {
        const token = `bench-${subject}-${run}`;
        const databaseUrl = subject === 'sqlite' ? `file:${join(scratch, `${token}.db`)}` : subject === 'postgresql' ? await postgres!.createDatabase(token.replace(/-/g, '_')) : '';
        // Migrated as a release does it, before the service starts; the service then imports the seed plans itself.
        if (databaseUrl) await migrateApart(databaseUrl);
        gates.close(token);
        const child = startChild(subject, {
          apiRoot: emulator.apiURL,
          token,
          databaseUrl,
          profileDir: subject !== 'bare' ? profileDir : undefined,
          timeline: values.timeline,
          heapProfile: heapProfileDir ? { dir: join(heapProfileDir, token), survivors: values.survivors } : undefined,
          flags: subject !== 'bare' ? values['service-flags'].split(/\s+/).filter(Boolean) : [],
        });
        const startRss = await child.ready;
        if (warmup > 0) {
          // Other chats, other words (each question opened with "Cho hỏi"): no answer of the window is known ahead.
          await queue(emulator.server, token, texts.map((t) => `Cho hỏi ${t}`), warmup, 2_000_000);
          gates.open(token);
          await idleAfterAll(emulator, token);
          // The bot waits in a long poll; the first question queued below releases it into the closed gate.
          gates.close(token);
        }
        await queue(emulator.server, token, texts, count);
        child.send('count');
        const started = performance.now();
        // The emulator runs in this process: its CPU in the window is what the subject's calls cost the other end.
        const emulatorCpu = process.cpuUsage();
        const databaseCpu = subject === 'postgresql' ? postgresCpuMs() : undefined;
        gates.open(token);
        // A child that dies mid-run (out of memory, an uncaught error) ends the bench instead of leaving it waiting.
        await Promise.race([idleAfterAll(emulator, token), child.exited.then((code) => Promise.reject(new Error(`${subject} exited (${code}) during the run`)))]);
        const seconds = (performance.now() - started) / 1000;
        const emulatorUsed = process.cpuUsage(emulatorCpu);
        const emulatorMs = (emulatorUsed.user + emulatorUsed.system) / 1000 / count;
        const databaseMs = databaseCpu === undefined ? undefined : (postgresCpuMs() - databaseCpu) / count;
        const measured = (chat: unknown) => Number(chat) >= 1_000_000 && Number(chat) < 1_000_000 + count;
        const replies = emulator.server.storage.botMessages.filter((m) => m.botToken === token && measured((m.message as { chat_id: unknown }).chat_id));
        const answered = new Set(replies.map((m) => String((m.message as { chat_id: unknown }).chat_id)));
        if (answered.size !== count) throw new Error(`${subject}: ${answered.size} of ${count} chats got a reply`);
        const report = await child.report();
        await child.stop();
        if (report.timeline) console.log(timelineLine(subject, report.timeline));
        const perUpdate = Object.fromEntries(Object.entries(report.statements).map(([k, v]) => [k, v / count]));
        const cpuMs = report.cpu / 1000 / count;
        results.get(subject)!.push({ rate: count / seconds, rss: report.rss / 2 ** 20, cpuMs, ...(databaseMs === undefined ? {} : { databaseMs }), perUpdate });
        console.log(`run ${run} ${label(subject)}: ${(count / seconds).toFixed(0)} updates/s, ${(replies.length / count).toFixed(2)} messages sent per update, CPU ${cpuMs.toFixed(2)} ms per update (the emulator's ${emulatorMs.toFixed(2)} ms${databaseMs === undefined ? '' : `, the database server's ${databaseMs.toFixed(2)} ms`}), RSS ${(startRss / 2 ** 20).toFixed(0)} MB started, ${(report.rss / 2 ** 20).toFixed(0)} MB after (V8 heap ${(report.heapTotal / 2 ** 20).toFixed(0)} MB)${subject === 'bare' ? '' : `, SQL per update: ${statementsLine(perUpdate)}`}`);
      }
    }
  } finally {
    await emulator.stop();
    postgres?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const bare = median(results.get('bare')!.map((r) => r.rate));
  console.log('');
  console.log(`${count} queued questions from ${count} chats, ${texts.length} phrasings (Vietnamese, with and without diacritics), at most ${updatesPerPoll} updates per getUpdates; medians of ${runs} run(s)${warmup > 0 ? `; each subject first answered ${warmup} other questions from other chats, not counted (steady state: code compiled, pools open)` : '; no warm-up'}`);
  if (profileDir) console.log(`CPU profiles of the service (a folder per run): ${profileDir}`);
  if (heapProfileDir) console.log(`Allocation profiles of the counted window${values.survivors ? ', what outlived a young-generation collection only' : ''} (a folder per subject and run): ${heapProfileDir}`);
  if (values['service-flags']) console.log(`The service ran with these flags added: ${values['service-flags']}`);
  const cpuLine = (subject: Subject) => {
    const rs = results.get(subject)!;
    const database = rs.every((r) => r.databaseMs !== undefined) ? ` (the database server's ${median(rs.map((r) => r.databaseMs!)).toFixed(2)} ms besides)` : '';
    return `CPU ${median(rs.map((r) => r.cpuMs)).toFixed(2)} ms per update${database}`;
  };
  console.log(`bare telegraf (fixed reply): ${bare.toFixed(0)} updates/s, ${cpuLine('bare')}, RSS ${median(results.get('bare')!.map((r) => r.rss)).toFixed(0)} MB`);
  for (const subject of subjects.filter((s) => s !== 'bare')) {
    const rs = results.get(subject)!;
    const rate = median(rs.map((r) => r.rate));
    const rss = median(rs.map((r) => r.rss));
    const total = median(rs.map((r) => Object.values(r.perUpdate).reduce((a, b) => a + b, 0)));
    console.log(`${label(subject)}: ${cpuLine(subject)}; SQL statements per update ${total.toFixed(2)} (${statementsLine(rs[Math.floor(rs.length / 2)]!.perUpdate)})`);
    console.log(`${label(subject)}: ${rate.toFixed(0)} updates/s; ratio to bare telegraf ${(rate / bare).toFixed(2)} (goal ≥ ${GOAL_RATIO}: ${rate / bare >= GOAL_RATIO ? 'met' : 'NOT met'})`);
    console.log(`${label(subject)}: RSS after answering ${count} questions ${rss.toFixed(0)} MB (goal ≤ ${GOAL_RSS_MB} MB: ${rss <= GOAL_RSS_MB ? 'met' : 'NOT met'})`);
  }
}

/** The median batch: each moment from the getUpdates answer, and the share of the batch's wall time the CPU was busy. */
function timelineLine(subject: Subject, batches: Record<string, number>[]): string {
  const median = (key: string) => [...batches.map((b) => b[key]!)].sort((a, b) => a - b)[Math.floor(batches.length / 2)]!;
  const keys = Object.keys(batches[0] ?? {});
  const busy = batches.reduce((a, b) => a + b.loopBusy!, 0) / batches.reduce((a, b) => a + b.nextPoll! + b.pollAnswered!, 0);
  return `  ${label(subject)} timeline, median of ${batches.length} batches (ms after the getUpdates answer): ${keys.map((k) => `${k} ${median(k).toFixed(1)}`).join(', ')}; event loop busy ${(busy * 100).toFixed(0)}% of poll-to-poll`;
}

const label = (subject: Subject) => (subject === 'bare' ? 'bare telegraf' : `service on ${subject === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`);
const statementsLine = (perUpdate: Record<string, number>) =>
  Object.entries(perUpdate).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ') || 'none';
/** CPU time of every PostgreSQL process on this machine (the bench's server is the only one), in ms: /proc's ticks. */
function postgresCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!/\((postgres|postmaster)\)/.test(stat)) continue;
      // After the name: state is field 3, utime/stime/cutime/cstime are fields 14 to 17.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // A process that ended between the listing and the read.
    }
  }
  return ticks * 10;
}

const existsShm = () => {
  try {
    return readFileSync('/proc/mounts', 'utf8').includes(' /dev/shm ');
  } catch {
    return false;
  }
};

const CHILD = join(import.meta.dirname, 'inbound-subject.mjs');
const CHILD_FLAGS = ['--experimental-wasm-modules', '--no-warnings'];
/** Node's flags as `npm start` gives them to the service (package.json: `node <flags> dist/main.js`). */
const SERVICE_FLAGS = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/).slice(1, -1);

/** The service's own migrate(), in a process of its own (the schema engine needs Node's WebAssembly modules flag). */
async function migrateApart(databaseUrl: string): Promise<void> {
  const child = fork(CHILD, [], { execArgv: CHILD_FLAGS, env: { ...process.env, INBOUND_MIGRATE: databaseUrl }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`migrating ${databaseUrl} failed (${code})`);
}

interface ChildOptions {
  apiRoot: string;
  token: string;
  databaseUrl: string;
  profileDir?: string;
  timeline: boolean;
  heapProfile?: { dir: string; survivors: boolean };
  /** Added after the subject's own flags (V8 takes the last of a flag given twice). */
  flags: string[];
}

function startChild(subject: Subject, options: ChildOptions) {
  const { apiRoot, token, databaseUrl, profileDir, timeline, heapProfile } = options;
  const own = subject === 'bare' ? CHILD_FLAGS : [...new Set([...CHILD_FLAGS, ...SERVICE_FLAGS])];
  const execArgv = [...own, ...options.flags, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, token)}`] : [])];
  const env = {
    ...process.env,
    INBOUND_SUBJECT: subject,
    INBOUND_API: apiRoot,
    INBOUND_TOKEN: token,
    INBOUND_DB: databaseUrl,
    ...(timeline ? { INBOUND_TIMELINE: '1' } : {}),
    ...(heapProfile ? { INBOUND_HEAP_PROFILE: heapProfile.dir, ...(heapProfile.survivors ? { INBOUND_HEAP_SURVIVORS: '1' } : {}) } : {}),
  };
  const child: ChildProcess = fork(CHILD, [], { execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const next = <T>(pick: (m: FromChild) => T | undefined) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: FromChild) => {
        const found = pick(m);
        if (found === undefined) return;
        child.off('message', onMessage);
        resolve(found);
      };
      child.on('message', onMessage);
      void exited.then((code) => reject(new Error(`${subject} child exited (${code})`)));
    });
  return {
    /** Resolves with the child's RSS once it has started and is waiting for updates. */
    ready: next((m) => ('ready' in m ? m.rss : undefined)),
    exited,
    send: (message: string) => child.send(message),
    report() {
      const report = next((m) => ('report' in m ? m.report : undefined));
      child.send('report');
      return report;
    },
    async stop() {
      child.send('stop');
      await exited;
    },
  };
}

/** Holds a token's getUpdates while its gate is closed, so that its queue is complete before the clock starts. */
function gateUpdates(server: TelegramServer) {
  const closed = new Map<string, Set<() => void>>();
  type Request = { path: string; params: { token?: string } };
  const app = server['webServer'] as unknown as { param(name: string, handler: (req: Request, res: unknown, next: () => void, token: string) => void): void };
  app.param('token', (req, _res, next, token) => {
    const held = closed.get(token);
    if (!held || !req.path.endsWith('/getUpdates')) return next();
    held.add(next);
  });
  return {
    close: (token: string) => void closed.set(token, new Set()),
    open(token: string) {
      const held = closed.get(token);
      closed.delete(token);
      for (const release of held ?? []) release();
    },
  };
}

/** `count` chats, each writing one question, through the emulator's client API over HTTP. */
async function queue(server: TelegramServer, token: string, texts: string[], count: number, firstChat = 1_000_000): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const id = firstChat + i;
      const client = server.getClient(token, { userId: id, chatId: id, firstName: `Công dân ${i}`, userName: `citizen${i}`, type: 'private' });
      await client.sendMessage(client.makeMessage(texts[i % texts.length]!));
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/** Resolves once the bot has read every update of `token` and polls again: it has handled (and answered) them all. */
async function idleAfterAll(emulator: TelegramEmulator, token: string): Promise<void> {
  const unread = () => emulator.server.storage.userMessages.some((u) => u.botToken === token && !u.isRead);
  do await emulator.botIdle();
  while (unread());
}

await main();
