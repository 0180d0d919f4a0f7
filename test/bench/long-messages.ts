/**
 * What a message of 20 to 100 KB costs the process, through the conversation core as a channel calls it (the person
 * read, the reply rendered): such a message once held the process for seconds. Each size is sent as ordinary words,
 * one word without spaces and many numbers, as a plain message and inside a guided flow; each is timed as CPU time of
 * this process (what every other user waits for) and wall time.
 * Run alone: npx tsx test/bench/long-messages.ts [rounds]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../src/app.js';
import { silentLogger } from '../../src/logger.js';
import { testConfig } from '../support/test-app.js';
import { median, ms, rerunWithWasm } from './lib/setup.js';

rerunWithWasm();
const GOAL_MS = 50;
const rounds = Number(process.argv[2] ?? 5);
const url = `file:${join(mkdtempSync(join(tmpdir(), 'bhxh-long-')), 'bench.db')}`;
const app = await createApp({ config: testConfig(url), logger: silentLogger });
const shapes: Record<string, (size: number) => string> = {
  words: (n) => 'hộ nghèo đóng bao nhiêu '.repeat(Math.ceil(n / 24)).slice(0, n),
  'no spaces': (n) => 'a'.repeat(n),
  numbers: (n) => '12 '.repeat(Math.ceil(n / 3)).slice(0, n),
};
const cpu: number[] = [];
const wall: number[] = [];
let chat = 0;
for (let round = 0; round < rounds; round++) {
  for (const size of [20_000, 50_000, 100_000]) {
    for (const make of Object.values(shapes)) {
      for (const before of [undefined, '/tinh']) {
        const chatId = `c${chat++}`;
        if (before) await app.conversation.handle({ channel: 'console', chatId, name: 'x', text: before });
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await app.conversation.handle({ channel: 'console', chatId, name: 'x', text: make(size) });
        wall.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
    }
  }
}
await app.close();
const max = (xs: number[]) => Math.max(...xs);
console.log(`messages: ${cpu.length} of 20, 50 and 100 KB`);
console.log(`CPU per message: median ${ms(median(cpu))}, max ${ms(max(cpu))} (goal: max under ${GOAL_MS} ms)`);
console.log(`wall per message: median ${ms(median(wall))}, max ${ms(max(wall))} (goal: median under ${GOAL_MS} ms)`);
