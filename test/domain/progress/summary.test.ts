import { describe, expect, test } from 'vitest';
import { indexUpdates } from '../../../src/domain/progress/figures.js';
import { rollUp, type FigurePart } from '../../../src/domain/progress/parts.js';
import type { MetricSummary, ProgressSummary } from '../../../src/domain/progress/summary.js';
import { evaluateTargets } from '../../../src/domain/progress/targets.js';
import type { Scope } from '../../../src/domain/progress/types.js';
import { BHXH_BP, BINH_LONG, DONG_PHU, LOC_NINH, NOW, agencies, at, deadlines, targets, updates } from './fixture.js';
import { overdueReport, summarise as summariseFixture } from './in-memory.js';

const fixture = { agencies, targets, updates, deadlines };
const summarise = (period: string, scope: Scope = { province: 'BP' }, now = NOW) => summariseFixture(fixture, { scope, period, now });

function metric(summary: ProgressSummary, id: MetricSummary['metric']): MetricSummary {
  const found = summary.metrics.find((m) => m.metric === id);
  if (!found) throw new Error(`no ${id} in ${summary.metrics.map((m) => m.metric).join(', ')}`);
  return found;
}

const statuses = (m: MetricSummary) => m.targets.map((t) => `${t.planCode} ${t.year}: ${t.status}`);

describe('Bình Phước, Q3 2024, asked on 20/10/2024', () => {
  const q3 = summarise('2024-Q3');

  test('only metrics with a figure or a target, in catalogue order', () => {
    expect(q3.metrics.map((m) => m.metric)).toEqual(['bhxh_coverage', 'bhtn_coverage', 'voluntary_participants', 'voluntary_coverage', 'voluntary_new', 'pension_share', 'satisfaction']);
    expect(q3.period).toBe('2024-Q3');
    expect(q3.previousPeriod).toBe('2024-Q2');
    expect(q3.provinces).toEqual(['BP']);
  });

  test('BHXH coverage 41.5%: on track for 2024 (38 + 4 × 9/12 = 41), behind the Party plan (50 + 5 × 33/48 = 53.44)', () => {
    const m = metric(q3, 'bhxh_coverage');
    expect(m).toMatchObject({ value: 41.5, previous: 40, change: 1.5, reporters: 1 });
    expect(statuses(m)).toEqual(['BP-2022 2024: on_track', 'BP-NQ 2025: behind']);
    expect(m.targets[0]).toMatchObject({ value: 42, expected: 41, baseline: { value: 38, year: 2023, source: 'target' } });
    expect(m.targets[1]!.expected).toBeCloseTo(53.4375, 9);
  });

  test('BHTN coverage 33.2% meets the 2024 target of 33%', () => {
    const m = metric(q3, 'bhtn_coverage');
    expect(m.value).toBe(33.2);
    expect(m.change).toBeCloseTo(0.4, 9);
    expect(statuses(m)).toEqual(['BP-2022 2024: met']);
  });

  test('voluntary coverage: the correction to 5.6% wins, behind 5.5 + 0.5 × 9/12 = 5.875; the province office counts, not the districts', () => {
    const m = metric(q3, 'voluntary_coverage');
    expect(m).toMatchObject({ value: 5.6, reporters: 1, receivedAt: at('2024-10-08') });
    expect(m.change).toBeCloseTo(0.3, 9);
    expect(statuses(m)).toEqual(['BP-2022 2024: behind']);
    expect(m.targets[0]!.expected).toBeCloseTo(5.875, 9);
  });

  test('voluntary participants add up over the districts that reported: 3,120 + 1,580; Q2 had Bình Long too', () => {
    expect(metric(q3, 'voluntary_participants')).toMatchObject({ value: 4700, reporters: 2, previous: 2900 + 1450 + 800, change: 4700 - 5150, targets: [] });
  });

  test('new voluntary participants are a flow: the months of the quarter add up', () => {
    expect(metric(q3, 'voluntary_new')).toMatchObject({ value: 40 + 50 + 70 + 20 + 30, previous: 100 + 50 + 30, change: 30 });
  });

  test('pension share weighted by labour force (52 × 60k + 48 × 40k) / 100k = 50.4: behind 45 + 10 × 33/48 = 51.875', () => {
    const m = metric(q3, 'pension_share');
    expect(m.value).toBeCloseTo(50.4, 9);
    expect(m.previous).toBeCloseTo(5720 / 120, 9);
    expect(statuses(m)).toEqual(['BP-NQ 2025: behind']);
    expect(m.targets[0]!.expected).toBeCloseTo(51.875, 9);
  });

  test("satisfaction 84.4% (86 × 0.6 + 82 × 0.4, Lộc Ninh's July figure standing for the quarter): on track, not yet 85", () => {
    const m = metric(q3, 'satisfaction');
    expect(m.value).toBeCloseTo(84.4, 9);
    expect(m.previous).toBeCloseTo(9760 / 120, 9);
    expect(statuses(m)).toEqual(['BP-NQ 2025: on_track']);
  });

  test('who has not reported: Bình Long is silent; the department sent a note, which counts', () => {
    expect(q3.agencyCount).toBe(5);
    expect(q3.notReported).toEqual([{ id: BINH_LONG, name: 'UBND thị xã Bình Long' }]);
    expect(q3.reportedCount).toBe(4);
    expect(q3.notes).toEqual([{ agency: { id: 5, name: 'Sở Nội vụ' }, period: '2024-Q3', text: 'Đã tổ chức hội nghị tuyên truyền BHXH tự nguyện' }]);
  });

  test("deadlines due in Q3 by the Government Office's categories; An Giang's is not in scope", () => {
    expect(q3.deadlines.counts).toEqual({ done_on_time: 1, done_late: 2, overdue: 1, in_time: 0, unconfirmed: 0 });
    expect(q3.deadlines.items.done_on_time.map((d) => d.key)).toEqual(['d1']);
    expect(q3.deadlines.items.done_late.map((d) => [d.key, d.daysLate])).toEqual([['d2', 6], ['d4', 3]]);
    expect(q3.deadlines.items.overdue.map((d) => [d.key, d.agencyName, d.daysLate])).toEqual([['d3', 'UBND thị xã Bình Long', 103]]);
  });
});

describe('the current quarter, Q4 2024, on 20/10', () => {
  const q4 = summarise('2024-Q4');

  test('no figures yet: targets show no data, everybody is missing', () => {
    expect(q4.metrics.every((m) => m.value === undefined)).toBe(true);
    expect(q4.metrics.flatMap(statuses)).toEqual(['BP-2022 2024: no_data', 'BP-NQ 2025: no_data', 'BP-2022 2024: no_data', 'BP-2022 2024: no_data', 'BP-NQ 2025: no_data', 'BP-NQ 2025: no_data']);
    expect(q4.notReported).toHaveLength(5);
  });

  test('a deadline marked done after the summary instant still counts as not done', () => {
    expect(q4.deadlines.counts).toEqual({ done_on_time: 0, done_late: 0, overdue: 2, in_time: 1, unconfirmed: 0 });
    expect(q4.deadlines.items.overdue.map((d) => `${d.key} ${d.agencyName}`)).toEqual(['d7 UBND huyện Đồng Phú', 'd8 UBND huyện Lộc Ninh']);
    expect(q4.deadlines.items.in_time.map((d) => d.key)).toEqual(['d5']);
  });
});

describe('scopes', () => {
  test('two districts: voluntary coverage derived from participants / labour force = 4,700 / 100,000', () => {
    const s = summarise('2024-Q3', { agencyIds: [DONG_PHU, LOC_NINH] });
    expect(metric(s, 'voluntary_coverage').value).toBeCloseTo(4.7, 9);
    expect(statuses(metric(s, 'voluntary_coverage'))).toEqual(['BP-2022 2024: behind']);
    expect(s.notReported).toEqual([]);
    expect(s.deadlines.counts).toEqual({ done_on_time: 1, done_late: 1, overdue: 0, in_time: 0, unconfirmed: 0 });
  });

  test("one district against the province's target: Đồng Phú's 52% pension share is on track (≥ 51.875)", () => {
    const s = summarise('2024-Q3', { agencyIds: [DONG_PHU] });
    expect(metric(s, 'pension_share').value).toBe(52);
    expect(statuses(metric(s, 'pension_share'))).toEqual(['BP-NQ 2025: on_track']);
  });

  test('several provinces: no targets; a rate is never averaged: without the labour force behind 5.6% and 2.45% there is no rate for the two', () => {
    const s = summarise('2024', {}, at('2025-01-20'));
    expect(s.provinces).toEqual(['AG', 'BP']);
    expect(s.metrics.every((m) => m.targets.length === 0)).toBe(true);
    expect(metric(s, 'voluntary_coverage')).toMatchObject({ reporters: 2, unweighed: 2 });
    expect(metric(s, 'voluntary_coverage').value).toBeUndefined();
  });

  test('several provinces are ranked against their own targets: An Giang 0.05 points above its line (2.45 ≥ 2.4), Bình Phước 0.4 below its 6%', () => {
    const s = summarise('2024', {}, at('2025-01-20'));
    const voluntary = s.rankings.find((r) => r.metric === 'voluntary_coverage')!;
    expect(voluntary.ranked.map((r) => [r.province, r.value, r.mark, r.target.status])).toEqual([
      ['AG', 2.45, expect.closeTo(2.4, 9), 'on_track'],
      ['BP', 5.6, 6, 'behind'],
    ]);
    expect(voluntary.ranked[0]!.gap).toBeCloseTo(0.05, 9);
    expect(voluntary.ranked[1]!.gap).toBeCloseTo(-0.4, 9);
  });

  test('one province has no ranking', () => {
    expect(summarise('2024-Q3').rankings).toEqual([]);
  });
});

describe('rolling up', () => {
  const part = (province: string, participants: number, labourForce: number, wide = false): FigurePart => ({
    period: '2026-06', province, group: province, wide, metric: 'voluntary_coverage', reporters: 1, derived: 1, total: (participants / labourForce) * 100, weighed: 1, labourForce, weighted: participants * 100, receivedAt: at('2026-07-05'),
  });

  test('a rate is recomputed from numerators and denominators: (300 + 50) / (10,000 + 1,000), not the average of 3% and 5%', () => {
    expect(rollUp([part('A', 300, 10_000), part('B', 50, 1_000)], 'percent')!.value).toBeCloseTo(350 / 110, 12);
  });

  test("a province's wide office stands for it: its part is used and the communes' is not added", () => {
    const wide = { ...part('A', 400, 10_000, true), group: 'A' };
    expect(rollUp([part('A', 300, 10_000), wide, part('B', 50, 1_000)], 'percent')!.value).toBeCloseTo(450 / 110, 12);
  });

  test('counts add up', () => {
    const count = (province: string, total: number): FigurePart => ({ ...part(province, 1, 1), metric: 'voluntary_participants', total, weighed: 0, labourForce: 0, weighted: 0, derived: 0 });
    expect(rollUp([count('A', 300), count('B', 50)], 'count')).toMatchObject({ value: 350, reporters: 2 });
  });
});

describe('An Giang, year 2024, asked on 20/1/2025: no earlier target, so the line starts from the 2023 actual', () => {
  const y = summarise('2024', { province: 'AG' }, at('2025-01-20'));

  test('voluntary coverage 2.45%: on track for "more than 3%" in 2025, 1.8 + 1.2 × 12/24 = 2.4', () => {
    const m = metric(y, 'voluntary_coverage');
    expect(m.value).toBe(2.45);
    expect(m.change).toBeCloseTo(0.65, 9);
    expect(m.targets).toEqual([{ planCode: 'AG-56', year: 2025, value: 3, comparator: 'gt', baseline: { value: 1.8, year: 2023, source: 'actual' }, expected: expect.closeTo(2.4, 9), status: 'on_track' }]);
  });

  test('pension share 52%: behind 50 + 5 × 12/24 = 52.5', () => {
    expect(statuses(metric(y, 'pension_share'))).toEqual(['AG-56 2025: behind']);
    expect(metric(y, 'pension_share').targets[0]!.expected).toBeCloseTo(52.5, 9);
  });

  test('the deadline of 1/8 not done is overdue; An Giang reported for the year', () => {
    expect(y.deadlines.counts.overdue).toBe(1);
    expect(y.notReported).toEqual([]);
    expect([y.agencyCount, y.reportedCount]).toEqual([1, 1]);
    expect(y.metrics.find((m) => m.metric === 'voluntary_coverage')?.reporters).toBe(1);
  });
});

describe('targets on their own', () => {
  const plan = [{ planCode: 'P', province: 'X', metric: 'voluntary_coverage' as const, year: 2025, value: 3, comparator: 'gt' as const }];
  const evaluate = (actual: number | undefined, position = 2025 * 12 + 6, previous?: number) =>
    evaluateTargets({ targets: plan, year: 2025, position, actual, previousYearActual: () => previous })[0];

  test('"more than 3%" is not met by exactly 3%', () => {
    expect(evaluate(3)!.status).toBe('behind');
    expect(evaluate(3.01)!.status).toBe('met');
  });

  test('without a baseline, short of the target is behind', () => {
    expect(evaluate(2.9)).toEqual({ planCode: 'P', year: 2025, value: 3, comparator: 'gt', status: 'behind' });
  });

  test('mid-year, from a previous year of 2%, the line stands at 2.5%', () => {
    expect(evaluate(2.5, 2025 * 12 + 6, 2)).toMatchObject({ expected: 2.5, status: 'on_track' });
    expect(evaluate(2.49, 2025 * 12 + 6, 2)).toMatchObject({ status: 'behind' });
  });

  test('a year past the last milestone has no target', () => {
    expect(evaluateTargets({ targets: plan, year: 2026, position: 2026 * 12 + 6, actual: 5, previousYearActual: () => undefined })).toEqual([]);
  });
});

describe('corrections and silence', () => {
  test('a correction replaces the figure and the first version is kept', () => {
    const slot = indexUpdates(updates).slots(BHXH_BP, 'voluntary_coverage')!.get('2024-Q3')!;
    expect(slot).toMatchObject({ versions: 2, latest: { value: 5.6 } });
  });

  test('/overdue: every overdue deadline oldest first, and who sent nothing for last month', () => {
    const report = overdueReport(fixture, { scope: { province: 'BP' }, now: NOW });
    expect(report.period).toBe('2024-09');
    expect(report.overdue.map((d) => d.key)).toEqual(['d3', 'd7', 'd8']);
    // The province office and the department report per quarter, so a month finds them silent.
    expect(report.silent.map((a) => a.id)).toEqual([BHXH_BP, 5, BINH_LONG]);
    expect(overdueReport(fixture, { scope: { province: 'BP' }, now: NOW, period: '2024-Q3' }).silent.map((a) => a.id)).toEqual([BINH_LONG]);
  });
});
