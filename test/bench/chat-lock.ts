// What a webhook update pays on PostgreSQL for being handled one at a time per chat across instances
// (src/db/chat-lock.ts): the chat's advisory lock taken and released around its work, for 2,000 updates of 2,000 chats
// handled 64 at a time, against a bare peer in the same run: one `SELECT 1` round trip per update on a pool of the
// same size. The work itself is left out (it is the same with or without the lock). SQLite takes no lock: its
// in-process queue is unchanged. Prints the cost per update and its ratio to the peer, with the goal, last.
// Run alone: npx tsx test/bench/chat-lock.ts [updates] [runs]
import { benchDatabases, median, rerunWithWasm } from './lib/setup.js';

rerunWithWasm();
const { openChatLock } = await import('../../src/db/chat-lock.js');
const { silentLogger } = await import('../../src/logger.js');
const { default: pg } = await import('pg');

const UPDATES = Number(process.argv[2] ?? 2000);
const RUNS = Number(process.argv[3] ?? 5);
const AT_ONCE = 64;
/** Two round trips (lock, commit) against the peer's one. */
const GOAL_RATIO = 2.5;

const databases = benchDatabases();
const url = await databases.fresh('postgresql');

/** Runs `each` for every update, AT_ONCE at a time; ms per update. */
async function timed(each: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: AT_ONCE }, async () => {
    while (next < UPDATES) await each(next++);
  }));
  return (performance.now() - started) / UPDATES;
}

const lock = await openChatLock(url, silentLogger);
const bare = new pg.Pool({ connectionString: url, max: 8 });
const locked: number[] = [];
const peer: number[] = [];
// A first round of each opens the pools' connections.
for (let run = 0; run <= RUNS; run++) {
  const l = await timed((i) => lock.hold(`telegram:${run}-${i}`, async () => undefined));
  const p = await timed(() => bare.query('SELECT 1'));
  if (run === 0) continue;
  locked.push(l);
  peer.push(p);
  console.error(`run ${run}: lock ${l.toFixed(3)} ms, SELECT 1 ${p.toFixed(3)} ms per update`);
}
await lock.close();
await bare.end();
await databases.stop();

const ratio = median(locked) / median(peer);
console.log(`\n${UPDATES} updates of as many chats, ${AT_ONCE} at a time, PostgreSQL (median of ${RUNS} runs)`);
console.log(`chat lock         ${median(locked).toFixed(3)} ms of wall time per update (${locked.map((x) => x.toFixed(3)).join(' / ')})`);
console.log(`bare peer         ${median(peer).toFixed(3)} ms per update, one SELECT 1 (${peer.map((x) => x.toFixed(3)).join(' / ')})`);
console.log(`ratio             ${ratio.toFixed(2)} × the peer (goal ≤ ${GOAL_RATIO}: two round trips against one) ${ratio <= GOAL_RATIO ? 'ok' : 'MISSED'}`);
process.exit(0);
