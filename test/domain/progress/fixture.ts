// A province's progress data as it would look in 2023–2024: the provincial social-insurance
// office reporting quarterly rates, three districts reporting monthly counts (one of them
// late, one silent in Q3 2024), a department sending only a note, and a second province.
import { atLocalTime } from '../../../src/domain/calendar/local-time.js';
import type { MetricValues, ProgressMetric } from '../../../src/domain/progress/metrics.js';
import type { AgencyInfo, DeadlineRecord, TargetRecord, UpdateRecord } from '../../../src/domain/progress/types.js';

export const at = (date: string, time = '09:00') => atLocalTime(date, time);

export const BHXH_BP = 1;
export const DONG_PHU = 2;
export const LOC_NINH = 3;
export const BINH_LONG = 4;
export const NOI_VU = 5;
export const BHXH_AG = 6;

export const agencies: AgencyInfo[] = [
  { id: BHXH_BP, name: 'BHXH tỉnh Bình Phước', province: 'BP', kind: 'province' },
  { id: DONG_PHU, name: 'UBND huyện Đồng Phú', province: 'BP', kind: 'district' },
  { id: LOC_NINH, name: 'UBND huyện Lộc Ninh', province: 'BP', kind: 'district' },
  { id: BINH_LONG, name: 'UBND thị xã Bình Long', province: 'BP', kind: 'district' },
  { id: NOI_VU, name: 'Sở Nội vụ', province: 'BP', kind: 'department' },
  { id: BHXH_AG, name: 'BHXH tỉnh An Giang', province: 'AG', kind: 'province' },
];

const target = (planCode: string, province: string, metric: TargetRecord['metric'], values: Record<number, number>, comparator: 'gte' | 'gt' = 'gte'): TargetRecord[] =>
  Object.entries(values).map(([year, value]) => ({ planCode, province, metric, year: Number(year), value, comparator }));

export const targets: TargetRecord[] = [
  // Seed 001 (Bình Phước, 2022): a target every year.
  ...target('BP-2022', 'BP', 'bhxh_coverage', { 2022: 35, 2023: 38, 2024: 42, 2025: 45 }),
  ...target('BP-2022', 'BP', 'bhtn_coverage', { 2022: 29.5, 2023: 31.5, 2024: 33, 2025: 35 }),
  ...target('BP-2022', 'BP', 'voluntary_coverage', { 2022: 4.5, 2023: 5.5, 2024: 6.0, 2025: 6.5 }),
  // A Party plan for the same province with milestones in 2021 and 2025 only (as seed 003).
  ...target('BP-NQ', 'BP', 'bhxh_coverage', { 2021: 50, 2025: 55 }),
  ...target('BP-NQ', 'BP', 'pension_share', { 2021: 45, 2025: 55 }),
  ...target('BP-NQ', 'BP', 'satisfaction', { 2021: 80, 2025: 85 }),
  // A plan with no earlier target (as seed 004): "more than 3%" by 2025.
  ...target('AG-56', 'AG', 'voluntary_coverage', { 2025: 3 }, 'gt'),
  ...target('AG-56', 'AG', 'pension_share', { 2025: 55 }),
];

function update(agencyId: number, period: string, values: MetricValues, receivedAt: Date): UpdateRecord[] {
  return Object.entries(values).map(([metric, value]) => ({ agencyId, period, metric: metric as ProgressMetric, value: value!, receivedAt, personId: 100 + agencyId }));
}

const quarterly: [string, number, number, number, string][] = [
  ['2023-Q1', 36.0, 30.0, 4.6, '2023-04-10'],
  ['2023-Q2', 36.8, 30.6, 4.9, '2023-07-10'],
  ['2023-Q3', 37.5, 31.0, 5.1, '2023-10-10'],
  ['2023-Q4', 38.2, 31.6, 5.4, '2024-01-10'],
  ['2024-Q1', 39.0, 32.1, 5.2, '2024-04-10'],
  ['2024-Q2', 40.0, 32.8, 5.3, '2024-07-10'],
];

type Monthly = [string, number, number, number?, number?];
const districtMonths: Record<number, Monthly[]> = {
  // [month, voluntary participants, new voluntary, pension share, satisfaction]
  [DONG_PHU]: [['2024-04', 2800, 30], ['2024-05', 2850, 30], ['2024-06', 2900, 40, 49, 83], ['2024-07', 3000, 40, 50, 84], ['2024-08', 3050, 50], ['2024-09', 3120, 70, 52, 86]],
  [LOC_NINH]: [['2024-04', 1400, 15], ['2024-05', 1420, 15], ['2024-06', 1450, 20, 47, 80], ['2024-07', 1500, 20, 48, 82], ['2024-09', 1580, 30]],
  [BINH_LONG]: [['2024-04', 780, 10], ['2024-05', 790, 10], ['2024-06', 800, 10, 45, 79]],
};

function monthly(agencyId: number, [period, participants, added, pension, satisfaction]: Monthly): UpdateRecord[] {
  const values: MetricValues = { voluntary_participants: participants, voluntary_new: added };
  if (pension !== undefined) values.pension_share = pension;
  if (satisfaction !== undefined) values.satisfaction = satisfaction;
  // Đồng Phú's September figures came late, on 18/10.
  const received = period === '2024-09' && agencyId === DONG_PHU ? at('2024-10-18') : at(`${nextMonth(period)}-05`);
  return update(agencyId, period, values, received);
}

function nextMonth(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return m === 12 ? `${y! + 1}-01` : `${y}-${String(m! + 1).padStart(2, '0')}`;
}

export const updates: UpdateRecord[] = [
  ...quarterly.flatMap(([period, bhxh, bhtn, voluntary, day]) => update(BHXH_BP, period, { bhxh_coverage: bhxh, bhtn_coverage: bhtn, voluntary_coverage: voluntary }, at(day))),
  // Q3 2024: voluntary coverage first sent as 5.9, corrected to 5.6 three days later.
  ...update(BHXH_BP, '2024-Q3', { bhxh_coverage: 41.5, bhtn_coverage: 33.2, voluntary_coverage: 5.9 }, at('2024-10-05')),
  ...update(BHXH_BP, '2024-Q3', { voluntary_coverage: 5.6 }, at('2024-10-08')),
  ...update(DONG_PHU, '2023', { labour_force: 58_000 }, at('2023-03-01')),
  ...update(DONG_PHU, '2024', { labour_force: 60_000 }, at('2024-03-01')),
  ...update(LOC_NINH, '2024', { labour_force: 40_000 }, at('2024-03-01')),
  ...update(BINH_LONG, '2024', { labour_force: 20_000 }, at('2024-03-01')),
  ...Object.entries(districtMonths).flatMap(([id, months]) => months.flatMap((m) => monthly(Number(id), m))),
  ...update(NOI_VU, '2024-Q3', { note: 'Đã tổ chức hội nghị tuyên truyền BHXH tự nguyện' }, at('2024-10-03')),
  ...update(BHXH_AG, '2023', { voluntary_coverage: 1.8, pension_share: 50 }, at('2024-01-15')),
  ...update(BHXH_AG, '2024-12', { voluntary_coverage: 2.45, pension_share: 52 }, at('2025-01-10')),
];

const deadline = (key: string, taskTitle: string, agencyId: number, due: string, doneAt: Date | null): DeadlineRecord => ({ key, taskTitle, agencyId, dueAt: at(due, '00:00'), doneAt });

export const deadlines: DeadlineRecord[] = [
  deadline('d1', 'Gửi số liệu lao động cần vận động', DONG_PHU, '2024-07-10', at('2024-07-08')),
  deadline('d2', 'Gửi số liệu lao động cần vận động', LOC_NINH, '2024-07-10', at('2024-07-15')),
  deadline('d3', 'Gửi số liệu lao động cần vận động', BINH_LONG, '2024-07-10', null),
  deadline('d4', 'Báo cáo kết quả quý III', BHXH_BP, '2024-09-30', at('2024-10-02')),
  deadline('d5', 'Báo cáo kết quả năm', NOI_VU, '2024-12-10', null),
  deadline('d6', 'Báo cáo kết quả quý III', BHXH_AG, '2024-08-01', null),
  deadline('d7', 'Báo cáo tháng 9', DONG_PHU, '2024-10-15', null),
  // Marked done after the instant the summaries below are taken at.
  deadline('d8', 'Báo cáo tháng 9', LOC_NINH, '2024-10-15', at('2024-10-25')),
];

/** When the supervisor asks: 20/10/2024, 10:00 in Vietnam. */
export const NOW = at('2024-10-20', '10:00');
