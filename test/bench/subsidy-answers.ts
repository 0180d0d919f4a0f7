/**
 * Answer latency over the labelled citizens' questions.
 * Run alone: npx tsx test/bench/subsidy-answers.ts [rounds]
 * The first call builds the phrasing index (reported apart as the cold start); then every
 * question is answered `rounds` times in shuffled order and p50 / p99 are printed last.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { answer } from '../../src/domain/subsidy/answer.js';
import { loadRules } from '../../src/domain/subsidy/rules-loader.js';

const root = join(import.meta.dirname, '../..');
const rules = loadRules(readFileSync(join(root, 'data/subsidy/rules.yaml'), 'utf8'));
const fixture = parse(readFileSync(join(root, 'test/fixtures/questions/labelled.yaml'), 'utf8')) as { today: string; questions: { q: string }[] };
const questions = fixture.questions.map((x) => x.q);
const rounds = Number(process.argv[2] ?? 50);

const coldStart = performance.now();
answer(questions[0]!, { rules, today: fixture.today });
const coldMs = performance.now() - coldStart;

// Fixed-seed shuffle so that runs compare, and the speller's cache does not see one order only.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const order = Array.from({ length: rounds }, () => [...questions].sort(() => random() - 0.5)).flat();

const samples: number[] = [];
for (const q of order) {
  const start = performance.now();
  answer(q, { rules, today: fixture.today });
  samples.push(performance.now() - start);
}
samples.sort((a, b) => a - b);
const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]!;

console.log(`questions: ${questions.length}, rounds: ${rounds}, answers: ${samples.length}`);
console.log(`cold start (phrasing index built on first use): ${coldMs.toFixed(1)} ms`);
console.log(`mean ${(samples.reduce((a, b) => a + b, 0) / samples.length).toFixed(3)} ms, max ${at(100).toFixed(3)} ms`);
console.log(`p50 ${at(50).toFixed(3)} ms`);
console.log(`p99 ${at(99).toFixed(3)} ms`);
