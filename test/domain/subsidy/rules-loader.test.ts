import { describe, expect, test } from 'vitest';
import { loadRules, parseRules, RulesError } from '../../../src/domain/subsidy/rules-loader.js';
import { rulesText } from './rules.js';

/** The shipped file with one line replaced. */
function edited(from: string, to: string): string {
  expect(rulesText).toContain(from);
  return rulesText.replace(from, to);
}

function issues(text: string) {
  const result = parseRules(text);
  if (result.ok) throw new Error('expected the rules to be rejected');
  return result.issues;
}

describe('rules file', () => {
  test('the shipped file is valid and every uncertain value says why', () => {
    const result = parseRules(rulesText);
    expect(result.ok).toBe(true);
  });

  test('a wrong type names the field and its line', () => {
    const [issue] = issues(edited('rates: { poor: 30, near_poor: 25,', 'rates: { poor: "thirty", near_poor: 25,'));
    expect(issue).toMatchObject({ field: 'regimes.0.rates.poor' });
    expect(issue!.line).toBe(rulesText.split('\n').findIndex((l) => l.includes('rates: { poor: 30')) + 1);
  });

  test('a missing field is reported at its parent', () => {
    expect(issues(edited('    maxSupportMonths: 120\n    basis: { document: "NĐ 134/2015/NĐ-CP"', '    basis: { document: "NĐ 134/2015/NĐ-CP"'))[0]).toMatchObject({ field: 'regimes.0.maxSupportMonths' });
  });

  test('a rate above 100% or a bad date is refused', () => {
    expect(issues(edited('poor: 50, near_poor: 40', 'poor: 150, near_poor: 40'))[0]).toMatchObject({ field: 'regimes.1.rates.poor' });
    expect(issues(edited('  - id: nd159-2025\n    from: 2025-07-01', '  - id: nd159-2025\n    from: 2025-13-01'))[0]).toMatchObject({ field: 'regimes.1.from', problem: 'a date written YYYY-MM-DD' });
  });

  test('periods must follow one another without gap or overlap', () => {
    const gap = issues(edited('  - id: nd159-2025\n    from: 2025-07-01', '  - id: nd159-2025\n    from: 2025-07-02'));
    expect(gap[0]).toMatchObject({ field: 'regimes.1.from' });
    expect(gap[0]!.problem).toContain('gap');
    const overlap = issues(edited('  - id: nd159-2025\n    from: 2025-07-01', '  - id: nd159-2025\n    from: 2025-06-01'));
    expect(overlap[0]!.problem).toContain('overlaps');
  });

  test('an unknown field is refused, so that a misspelt one is not silently ignored', () => {
    const text = edited('    note: >-\n      The new line is certain', '    comment: >-\n      The new line is certain');
    expect(issues(text)[0]).toMatchObject({ field: 'povertyLine.2', problem: expect.stringContaining('comment') });
  });

  test('a value below high confidence needs a note', () => {
    const noNote = edited("    confidence: medium\n    note: \"Rates from domain.md; the resolution's number and date were not checked.\"", '    confidence: medium');
    expect(issues(noNote)).toContainEqual(expect.objectContaining({ field: 'provinceTopUps.0.note', problem: expect.stringContaining('confidence is medium') }));
  });

  test('a top-up for an unknown province is refused', () => {
    expect(issues(edited('  - province: ha-noi', '  - province: hanoi-city'))[0]).toMatchObject({ field: 'provinceTopUps.0.province' });
  });

  test('broken YAML reports its line', () => {
    expect(issues('contributionRate: [\n  - from: 2018')[0]!.line).toBeGreaterThan(0);
  });

  test('loadRules throws an error that lists every issue', () => {
    expect(() => loadRules(edited('percent: 22', 'percent: -22'), 'rules.yaml')).toThrowError(RulesError);
    expect(() => loadRules(edited('percent: 22', 'percent: -22'), 'rules.yaml')).toThrow(/rules.yaml is not valid:\n {2}line \d+, contributionRate.0.percent: /);
  });
});
