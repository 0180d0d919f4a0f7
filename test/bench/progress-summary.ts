// Times buildSummary over 60,000 updates held in memory: 1,000 agencies × 5 years × 12 months,
// each update carrying four values (240,000 records), 5% of them corrected once.
// Run alone: npx tsx test/bench/progress-summary.ts
import { performance } from 'node:perf_hooks';
import { indexUpdates } from '../../src/domain/progress/figures.js';
import { buildSummary } from '../../src/domain/progress/summary.js';
import type { AgencyInfo, DeadlineRecord, TargetRecord, UpdateRecord } from '../../src/domain/progress/types.js';
import type { ProgressMetric } from '../../src/domain/progress/metrics.js';

const AGENCIES = 1000;
const YEARS = [2022, 2023, 2024, 2025, 2026];
const RUNS = 7;

function generate(): { agencies: AgencyInfo[]; updates: UpdateRecord[]; deadlines: DeadlineRecord[]; targets: TargetRecord[] } {
  const agencies: AgencyInfo[] = Array.from({ length: AGENCIES }, (_, i) => ({ id: i + 1, name: `Đơn vị ${i + 1}`, province: 'AG', kind: 'commune' }));
  const updates: UpdateRecord[] = [];
  const deadlines: DeadlineRecord[] = [];
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (const agency of agencies) {
    for (const year of YEARS) {
      deadlines.push({ taskTitle: 'Báo cáo kết quả năm', agencyId: agency.id, dueAt: new Date(Date.UTC(year, 11, 14, 17)), doneAt: random() < 0.8 ? new Date(Date.UTC(year, 11, 10 + Math.floor(random() * 10))) : null });
      for (let month = 1; month <= 12; month++) {
        const period = `${year}-${String(month).padStart(2, '0')}`;
        const receivedAt = new Date(Date.UTC(year, month, 3));
        const values: [ProgressMetric, number][] = [
          ['labour_force', 5000 + agency.id],
          ['bhxh_participants', 800 + Math.floor(random() * 400)],
          ['voluntary_participants', 50 + Math.floor(random() * 100)],
          ['voluntary_new', Math.floor(random() * 10)],
        ];
        for (const [metric, value] of values) updates.push({ agencyId: agency.id, period, metric, value, receivedAt, personId: agency.id });
        if (random() < 0.05) updates.push({ agencyId: agency.id, period, metric: 'bhxh_participants', value: 900, receivedAt: new Date(receivedAt.getTime() + 86_400_000), personId: agency.id });
      }
    }
  }
  const targets: TargetRecord[] = [2025, 2030].flatMap((year) => [
    { planCode: 'AG-608', province: 'AG', metric: 'bhxh_coverage' as const, year, value: year === 2025 ? 20 : 30, comparator: 'gte' as const },
    { planCode: 'AG-608', province: 'AG', metric: 'voluntary_coverage' as const, year, value: year === 2025 ? 2.5 : 5, comparator: 'gte' as const },
  ]);
  return { agencies, updates, deadlines, targets };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(label: string, run: () => unknown): void {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  console.log(`${label}: median ${median(times).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (${RUNS} runs)`);
}

const data = generate();
console.log(`data: ${AGENCIES} agencies × ${YEARS.length} years × 12 months = ${(AGENCIES * YEARS.length * 12).toLocaleString('en')} updates, ${data.updates.length.toLocaleString('en')} records, ${data.deadlines.length.toLocaleString('en')} deadlines`);
const now = new Date('2026-12-20T03:00:00Z');
const base = { scope: { province: 'AG' }, now, ...data };
time('buildSummary month 2026-11', () => buildSummary({ ...base, period: '2026-11' }));
time('buildSummary quarter 2026-Q3', () => buildSummary({ ...base, period: '2026-Q3' }));
time('buildSummary year 2026', () => buildSummary({ ...base, period: '2026' }));
time('of which indexing the updates', () => indexUpdates(data.updates));
const index = indexUpdates(data.updates);
time('buildSummary month 2026-11 on a prebuilt index', () => buildSummary({ ...base, period: '2026-11', index }));
