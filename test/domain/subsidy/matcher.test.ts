import { describe, expect, test } from 'vitest';
import { boundedDistance, createIndex, KEPT_WORDS } from '../../../src/domain/subsidy/matcher.js';

describe('the topic index', () => {
  test('edit distance, with its table rows reused from word to word', () => {
    expect(boundedDistance('kitten', 'sitting', 3)).toBe(3);
    expect(boundedDistance('x'.repeat(100), `${'x'.repeat(99)}y`, 1)).toBe(1);
    expect(boundedDistance('contribution', 'contributions', 1)).toBe(1);
    expect(boundedDistance('', 'ab', 2)).toBe(2);
  });

  test('a word kept from an earlier message scores as one looked up afresh', () => {
    const docs = [{ item: 'a', words: ['contribution', 'monthly'] }, { item: 'b', words: ['distribution', 'yearly'] }];
    const index = createIndex(docs);
    const fresh = createIndex(docs).search(['contributions', 'monthly'], 5);
    expect(fresh.map((r) => r.item)).toEqual(['a']);
    expect(index.search(['contributions', 'monthly'], 5)).toEqual(fresh);
    expect(index.search(['contributions', 'monthly'], 5)).toEqual(fresh);
  });

  test('a search counts only its own words: what an earlier search tallied is gone', () => {
    const docs = [{ item: 'a', words: ['monthly', 'payment'] }, { item: 'b', words: ['yearly', 'payment'] }, { item: 'c', words: ['register', 'where'] }];
    const index = createIndex(docs);
    const fresh = createIndex(docs).search(['payment', 'yearly'], 5);
    index.search(['monthly', 'payment', 'register'], 5);
    expect(index.search(['payment', 'yearly'], 5)).toEqual(fresh);
    expect(fresh.map((r) => r.item)).toEqual(['b', 'a']);
    const [only, ...rest] = index.search(['where'], 1);
    expect(rest).toEqual([]);
    expect(only!.item).toBe('c');
    expect(only!.score).toBeCloseTo(0.001, 6);
  });

  test('the words an index keeps are bounded, so memory does not grow with the messages read', () => {
    const index = createIndex([{ item: 'a', words: ['contribution'] }]);
    for (let i = 0; i < KEPT_WORDS + 100; i++) index.search([`word${i}`], 5);
    expect(index.keptWords()).toBe(KEPT_WORDS);
  });
});
