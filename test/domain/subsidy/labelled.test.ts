import { describe, expect, test } from 'vitest';
import { answerMessage } from '../../../src/domain/subsidy/multi-topic.js';
import { readQuestions, score, type Score } from './labelled-set.js';
import { rules } from './rules.js';

const { today, questions } = readQuestions('labelled.yaml');
const result = score(questions, (q) => answerMessage(q, { rules, today }), { rules, today });
const percent = (a: number, b: number): string => `${((100 * a) / b).toFixed(1)}%`;

/** The classes the issue asks to be reported apart, each with enough questions to mean something. */
const REQUIRED_CLASSES = [
  'negation', 'categories', 'province-vi', 'province-en', 'diacritic-free', 'shorthand-typos', 'number-words', 'dated',
  'income-limits', 'payment-modes', 'multi-topic', 'english', 'code-switched', 'out-of-scope-lookalike',
];

function report(s: Score): string {
  return [
    `overall: ${s.correct}/${s.total} = ${percent(s.correct, s.total)} (topic ${percent(s.intentHits, s.total)}, figures ${s.figureHits}/${s.figures})`,
    ...[...s.classes].sort(([a], [b]) => a.localeCompare(b)).map(([name, c]) => `  ${name}: ${c.correct}/${c.total} = ${percent(c.correct, c.total)}`),
    `wrong figures: ${s.wrongFigures.length}; out of scope answered: ${s.oosAnswered.length}`,
    ...s.misses.map((m) => `  miss: ${m}`),
    ...s.wrongFigures.map((m) => `  WRONG: ${m}`),
  ].join('\n');
}

describe('labelled citizens’ questions', () => {
  test('the set is as varied as the issue asks', () => {
    const tagged = (tag: string) => questions.filter((q) => q.tags?.includes(tag)).length;
    expect(questions.length).toBeGreaterThanOrEqual(400);
    expect(tagged('nodiac')).toBeGreaterThanOrEqual(40);
    expect(tagged('en')).toBeGreaterThanOrEqual(25);
    for (const name of REQUIRED_CLASSES) expect(result.classes.get(name)?.total ?? 0, name).toBeGreaterThanOrEqual(10);
    expect(questions.filter((q) => q.intent === 'out_of_scope').length).toBeGreaterThanOrEqual(40);
  });

  test('at least 97% right overall and 90% in every class, and no wrong figure', () => {
    console.log(report(result));
    expect(result.wrongFigures).toEqual([]);
    expect(result.correct / result.total).toBeGreaterThanOrEqual(0.97);
    for (const [name, c] of result.classes) expect(c.correct / c.total, name).toBeGreaterThanOrEqual(0.9);
  });

  test('out-of-scope questions fall back, never answer', () => {
    expect(result.oosAnswered).toEqual([]);
  });
});

describe('development questions (used to choose the threshold; a regression check)', () => {
  const dev = readQuestions('dev.yaml');
  const devResult = score(dev.questions, (q) => answerMessage(q, { rules, today: dev.today }), { rules, today: dev.today });

  test('figures exact, out of scope never answered, accuracy reported', () => {
    console.log(`development set: ${devResult.correct}/${devResult.total} = ${percent(devResult.correct, devResult.total)}\n${devResult.misses.map((m) => `  miss: ${m}`).join('\n')}`);
    expect(devResult.wrongFigures).toEqual([]);
    expect(devResult.oosAnswered).toEqual([]);
    expect(devResult.intentHits / devResult.total).toBeGreaterThanOrEqual(0.9);
  });
});
