/**
 * What answering a citizen's message costs: the labelled questions (ordinary) and inputs made
 * to be expensive (adversarial: very long, one phrase repeated, random unicode, random words
 * the speller has never seen, many numbers).
 * Run alone: npx tsx test/bench/subsidy-answers.ts [rounds]
 * The first call builds the phrasing index (reported apart as the cold start). Each message is
 * timed on its own, both as CPU time (what every other user of the process waits for; it does
 * not count the time this process waits for the machine's other work) and as wall time; p50
 * and p99 are printed last, with the goal beside each (p99 under 5 ms).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { answerMessage } from '../../src/domain/subsidy/multi-topic.js';
import { loadRules } from '../../src/domain/subsidy/rules-loader.js';

const root = join(import.meta.dirname, '../..');
const rules = loadRules(readFileSync(join(root, 'data/subsidy/rules.yaml'), 'utf8'));
const fixture = parse(readFileSync(join(root, 'test/fixtures/questions/labelled.yaml'), 'utf8')) as { today: string; questions: { q: string }[] };
const ordinary = fixture.questions.map((x) => x.q);
const rounds = Number(process.argv[2] ?? 20);
const GOAL_MS = 5;

// Fixed seed so that runs compare.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function randomUnicode(length: number): string {
  // Letters with and without marks, CJK, emoji, combining marks on their own, controls.
  const ranges: [number, number][] = [[0x20, 0x7e], [0xc0, 0x1ff], [0x1ea0, 0x1ef9], [0x300, 0x36f], [0x4e00, 0x4fff], [0x1f300, 0x1f64f], [0x0, 0x1f]];
  let out = '';
  for (let i = 0; i < length; i++) {
    const [lo, hi] = pick(ranges);
    out += String.fromCodePoint(lo + Math.floor(random() * (hi - lo + 1)));
  }
  return out;
}

function randomWords(count: number): string {
  const letters = 'abcdeghiklmnopqrstuvxy';
  return Array.from({ length: count }, () => Array.from({ length: 4 + Math.floor(random() * 8) }, () => pick([...letters])).join('')).join(' ');
}

const adversarial: string[] = [];
for (let i = 0; i < 40; i++) {
  adversarial.push(
    'cận nghèo '.repeat(150 + i),
    'hộ nghèo không phải hộ cận nghèo hay dân tộc thiểu số ở Hà Nội Đồng Tháp '.repeat(40 + i),
    `${pick(ordinary)} ${'lorem ipsum dolor sit amet '.repeat(400)}`,
    randomUnicode(200 + 50 * i),
    randomUnicode(5_000),
    randomWords(100 + i),
    Array.from({ length: 300 }, (_, k) => `${k + i}tr${k % 10} `).join(''),
    'a'.repeat(10_000 + i),
    `${'?'.repeat(2_000)} và ${'1/7/2025 '.repeat(300)}`,
  );
}

function measure(messages: string[]): { cpu: number[]; wall: number[] } {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (const text of messages) {
    const c = process.cpuUsage();
    const w = performance.now();
    answerMessage(text, { rules, today: fixture.today });
    wall.push(performance.now() - w);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { cpu: cpu.sort((a, b) => a - b), wall: wall.sort((a, b) => a - b) };
}

const at = (samples: number[], p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]!;
const shuffled = (items: string[]) => Array.from({ length: rounds }, () => [...items].sort(() => random() - 0.5)).flat();

const coldStart = performance.now();
answerMessage(ordinary[0]!, { rules, today: fixture.today });
const coldMs = performance.now() - coldStart;

const results = { ordinary: measure(shuffled(ordinary)), adversarial: measure(shuffled(adversarial)) };

console.log(`ordinary: ${ordinary.length} labelled questions × ${rounds} rounds; adversarial: ${adversarial.length} messages (up to ${Math.max(...adversarial.map((a) => a.length))} characters) × ${rounds} rounds`);
console.log(`cold start (phrasing index built on first use): ${coldMs.toFixed(1)} ms`);
for (const [name, r] of Object.entries(results)) {
  console.log(`${name}: wall time p50 ${at(r.wall, 50).toFixed(3)} ms, p99 ${at(r.wall, 99).toFixed(3)} ms, max ${at(r.wall, 100).toFixed(3)} ms (includes waiting for the machine's other work)`);
}
for (const [name, r] of Object.entries(results)) {
  const p99 = at(r.cpu, 99);
  console.log(`${name}: CPU time p50 ${at(r.cpu, 50).toFixed(3)} ms, p99 ${p99.toFixed(3)} ms (goal: p99 < ${GOAL_MS} ms: ${p99 < GOAL_MS ? 'met' : 'NOT met'})`);
}
