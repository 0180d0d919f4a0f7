import { describe, expect, test } from 'vitest';
import { answer } from '../../../src/domain/subsidy/answer.js';
import { readQuestions, score } from './labelled-set.js';
import { rules } from './rules.js';

const { today, questions } = readQuestions('labelled.yaml');
const result = score(questions, (q) => answer(q, { rules, today }));
const percent = (a: number, b: number): string => `${((100 * a) / b).toFixed(1)}%`;

describe('labelled citizens’ questions', () => {
  test('the set is as varied as the issue asks', () => {
    const tagged = (tag: string) => questions.filter((q) => q.tags?.includes(tag)).length;
    expect(questions.length).toBeGreaterThanOrEqual(150);
    expect(tagged('nodiac')).toBeGreaterThanOrEqual(40);
    expect(tagged('en')).toBeGreaterThanOrEqual(25);
    expect(tagged('typo')).toBeGreaterThanOrEqual(15);
    expect(tagged('amount')).toBeGreaterThanOrEqual(20);
    expect(questions.filter((q) => q.intent === 'out_of_scope').length).toBeGreaterThanOrEqual(20);
  });

  test('intent accuracy is at least 95% and every figure shown is exact', () => {
    console.log(
      [
        `intent accuracy: ${result.intentHits}/${result.total} = ${percent(result.intentHits, result.total)}`,
        `figure exactness: ${result.figureHits}/${result.figures} = ${percent(result.figureHits, result.figures)}`,
        `out-of-scope answered: ${result.oosAnswered.length}`,
        ...result.misses.map((m) => `  miss: ${m}`),
        ...result.wrongFigures.map((m) => `  wrong: ${m}`),
      ].join('\n'),
    );
    expect(result.wrongFigures).toEqual([]);
    expect(result.intentHits / result.total).toBeGreaterThanOrEqual(0.95);
  });

  test('out-of-scope questions fall back, never answer', () => {
    expect(result.oosAnswered).toEqual([]);
  });
});

describe('development questions (used to choose the threshold; a regression check)', () => {
  const dev = readQuestions('dev.yaml');
  const devResult = score(dev.questions, (q) => answer(q, { rules, today: dev.today }));

  test('figures exact, out of scope never answered, accuracy reported', () => {
    console.log(`development set intent accuracy: ${devResult.intentHits}/${devResult.total} = ${percent(devResult.intentHits, devResult.total)}`);
    expect(devResult.wrongFigures).toEqual([]);
    expect(devResult.oosAnswered).toEqual([]);
    expect(devResult.intentHits / devResult.total).toBeGreaterThanOrEqual(0.9);
  });
});
