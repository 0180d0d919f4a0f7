import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A national-scale plan for tests and benches: one province whose plan names every commune's People's
 * Committee (about 3,300 communes in Vietnam since 2025, so 10,000 agencies is a country-wide plan), with the
 * recurring duties such plans give them all: a monthly report, a quarterly report, a yearly one "before 15/12",
 * and one coordinated by the province's social-insurance office.
 */
export interface BigPlanOptions {
  agencies: number;
  /** The plan's and province's code stem (default "tinh-lon"); two plans with different stems share nothing. */
  province?: string;
  /** Names to give some communes instead of the generated ones, by position (0-based). */
  names?: Record<number, string>;
  /** Agencies (by position) left out of the quarterly report's leads. */
  notQuarterly?: number[];
}

// Common commune names; with the number they give every agency a distinct, realistic name.
const STEMS = ['Phú Hòa', 'Tân Thành', 'Bình Minh', 'An Phú', 'Hòa Bình', 'Vĩnh Thạnh', 'Long Hưng', 'Thạnh Lợi', 'Mỹ Hòa', 'Đông Sơn', 'Quảng Điền', 'Hưng Đạo'];

export const bigPlanAgencyCode = (i: number, province = 'tinh-lon') => `${province}.xa-${String(i + 1).padStart(5, '0')}`;
export const bigPlanAgencyName = (i: number) => `Ủy ban nhân dân xã ${STEMS[i % STEMS.length]} ${Math.floor(i / STEMS.length) + 1}`;
export const bigPlanCode = (province = 'tinh-lon') => `${province}-1-2026`;
/** The province's own bodies, which the generated plan names besides the communes. */
export const BIG_PLAN_OWN_AGENCIES = 2;
export const BIG_PLAN_TASKS = ['monthly-figures', 'quarterly-report', 'yearly-results', 'half-year-review'] as const;

const quote = (text: string) => JSON.stringify(text);

/** The plan file's text: valid for src/plans/plan-schema.ts, one agency per line as the seeds write them. */
export function bigPlanYaml(options: BigPlanOptions): string {
  const province = options.province ?? 'tinh-lon';
  const communes = Array.from({ length: options.agencies }, (_, i) => bigPlanAgencyCode(i, province));
  const ubnd = `${province}.ubnd-tinh`;
  const bhxh = `${province}.bhxh-tinh`;
  const skip = new Set(options.notQuarterly ?? []);
  const list = (codes: string[]) => codes.map((c) => `      - ${c}`).join('\n');
  const task = (code: string, title: string, lead: string[], recurrence: string, extra = '') =>
    `  - code: ${code}\n    title: ${quote(title)}\n    lead:\n${list(lead)}\n${extra}    reportTo: [${ubnd}]\n    recurrence: ${recurrence}\n    source: "Mục IV (kế hoạch mẫu cho thử tải)"\n`;
  return [
    `code: ${bigPlanCode(province)}`,
    `title: "Kế hoạch phát triển người tham gia BHXH toàn tỉnh giai đoạn 2026-2030"`,
    `document: "KH 1/KH-UBND"`,
    `issuedOn: "2026-01-05"`,
    `issuer: "UBND tỉnh Lớn"`,
    `province: ${province}`,
    `provinceName: "Tỉnh Lớn (${province})"`,
    `seed: generated`,
    `agencies:`,
    `  - { code: ${ubnd}, name: "Ủy ban nhân dân tỉnh", kind: people-committee }`,
    `  - { code: ${bhxh}, name: "Bảo hiểm xã hội tỉnh", kind: insurance }`,
    ...communes.map((code, i) => `  - { code: ${code}, name: ${quote(options.names?.[i] ?? bigPlanAgencyName(i))}, kind: people-committee }`),
    `tasks:`,
    task('monthly-figures', 'Báo cáo số liệu phát triển người tham gia BHXH tháng', communes, '{ every: month, day: 5, from: "2026-01-01", until: "2030-12-31" }').trimEnd(),
    task('quarterly-report', 'Báo cáo kết quả thực hiện Kế hoạch quý', communes.filter((_, i) => !skip.has(i)), '{ every: quarter, day: 15, from: "2026-01-01", until: "2030-12-31" }').trimEnd(),
    task('yearly-results', 'Báo cáo kết quả thực hiện Kế hoạch năm về UBND tỉnh', communes, '{ every: year, due: "15/12", until: "2030-12-31" }').trimEnd(),
    task('half-year-review', 'Sơ kết 6 tháng việc thực hiện Kế hoạch', [bhxh], '{ every: half-year, day: 10, until: "2030-12-31" }', `    coordinating:\n${list(communes)}\n`).trimEnd(),
    `targets:`,
    `  - { metric: bhxh_coverage, year: 2026, value: 45, source: "Mục II.2" }`,
    `  - { metric: bhxh_coverage, year: 2030, value: 60, source: "Mục II.2" }`,
    `  - { metric: voluntary_coverage, year: 2030, value: 7.5, source: "Mục II.2" }`,
    `  - { metric: satisfaction, year: 2030, value: 90, comparator: gt, source: "Mục II.2" }`,
    '',
  ].join('\n');
}

/** Writes the plan into `dir` (created if missing) as its only file and returns `dir`, ready to be a PLANS_DIR. */
export function writeBigPlan(dir: string, options: BigPlanOptions): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `900-${options.province ?? 'tinh-lon'}.yaml`), bigPlanYaml(options));
  return dir;
}
