// Two made-up plans at the scale issue 15 is about, written into the run's scratch folder, and
// their figures: the figures are kept here as plain tables so that a test computes what a report
// must say from them, independently of the service.
// - The country: 24 provinces of three communes each, each province with its own target path for
//   voluntary coverage; in every other province one commune is silent, in every fifth one commune
//   corrected its figure.
// - Tỉnh Ba Trăm: a People's Committee and 300 communes under it, one in seven of them silent.
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { stringify } from 'yaml';
import type { App } from '../../src/app.js';
import { atLocalTime, type LocalDate } from '../../src/domain/calendar/local-time.js';
import { occurrenceKey } from '../../src/domain/reminders/occurrence.js';

/** When the supervisors ask: Friday 20/11/2026, 10:00 in Vietnam; they ask about October. */
export const NOW = atLocalTime('2026-11-20', '10:00');
export const PERIOD = '2026-10';
const at = (date: LocalDate, time = '09:00') => atLocalTime(date, time);

const NAMES = ['An Giang', 'Bắc Ninh', 'Cà Mau', 'Cao Bằng', 'Đà Nẵng', 'Điện Biên', 'Đắk Lắk', 'Đồng Nai', 'Đồng Tháp', 'Gia Lai', 'Hà Nội', 'Hà Tĩnh', 'Hải Phòng', 'Huế', 'Hưng Yên', 'Khánh Hòa', 'Lai Châu', 'Lạng Sơn', 'Lào Cai', 'Lâm Đồng', 'Nghệ An', 'Ninh Bình', 'Phú Thọ', 'Quảng Ngãi'];

export interface Commune {
  code: string;
  name: string;
  /** Voluntary participants for October: the figure that counts; none when the commune is silent. */
  participants?: number;
  /** A first figure that a correction the next day replaced. */
  replaced?: number;
  /** The labour force, given for the whole year 2026. */
  labourForce?: number;
}

export interface Province {
  code: string;
  name: string;
  /** The plan's voluntary-coverage targets: the path runs from the 2025 one to the 2026 one. */
  targets: { 2025: number; 2026: number };
  communes: Commune[];
}

export const PROVINCES: Province[] = NAMES.map((name, i) => {
  const p = i + 1;
  const code = `t${String(p).padStart(2, '0')}`;
  return {
    code,
    name,
    targets: { 2025: 2 + (p % 4) * 0.5, 2026: 3 + (p % 6) * 0.4 },
    communes: [1, 2, 3].map((c) => {
      const commune: Commune = { code: `${code}.xa-${c}`, name: `UBND xã ${c}, ${name}` };
      if (p % 2 === 0 && c === 3) return commune;
      return { ...commune, participants: 100 + p * 7 + c * 13, labourForce: 4000 + p * 50 + c * 100, ...(p % 5 === 0 && c === 1 ? { replaced: 150 + p * 7 } : {}) };
    }),
  };
});

export const BA_TRAM = {
  code: 'ba-tram',
  name: 'Tỉnh Ba Trăm',
  committee: { code: 'ba-tram.ubnd', name: 'UBND tỉnh Ba Trăm' },
  communes: Array.from({ length: 300 }, (_, i): Commune & { doneOctober: boolean } => {
    const n = i + 1;
    const silent = n % 7 === 0;
    return { code: `ba-tram.xa-${String(n).padStart(3, '0')}`, name: `UBND xã ${n}`, ...(silent ? {} : { participants: 20 + (n % 17) }), doneOctober: n % 11 !== 0 };
  }),
};

/** A folder of plan files in the run's scratch folder, written once for every worker (the first to finish wins). */
function plansFolder(name: string, plans: Record<string, unknown>): string {
  const scratch = inject('scratchDir');
  const dir = join(scratch, name);
  if (existsSync(dir)) return dir;
  const building = mkdtempSync(join(scratch, `${name}-`));
  for (const [file, plan] of Object.entries(plans)) writeFileSync(join(building, file), stringify(plan));
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
}

const planBase = (code: string, name: string) => ({ title: `Kế hoạch phát triển người tham gia BHXH tự nguyện – ${name}`, document: 'KH thử', issuedOn: '2026-01-02', issuer: `UBND ${name}`, province: code, provinceName: name, seed: 'test-fixture', code: `${code}-2026` });

export function nationalPlans(): string {
  return plansFolder(
    'plans-national',
    Object.fromEntries(
      PROVINCES.map((p) => [
        `${p.code}.yaml`,
        {
          ...planBase(p.code, p.name),
          agencies: p.communes.map((c) => ({ code: c.code, name: c.name, kind: 'people-committee', level: 'commune' })),
          tasks: [{ code: 'monthly', title: 'Báo cáo số liệu tháng', lead: p.communes.map((c) => c.code), recurrence: { every: 'month', day: 10, from: '2026-10-01' }, source: 'test' }],
          targets: [2025, 2026].map((year) => ({ metric: 'voluntary_coverage', year, value: p.targets[year as 2025 | 2026] })),
        },
      ]),
    ),
  );
}

export function communePlans(): string {
  const { code, name, committee, communes } = BA_TRAM;
  return plansFolder('plans-ba-tram', {
    [`${code}.yaml`]: {
      ...planBase(code, name),
      agencies: [{ ...committee, kind: 'people-committee' }, ...communes.map((c) => ({ code: c.code, name: c.name, kind: 'people-committee', level: 'commune', parent: committee.code }))],
      tasks: [{ code: 'monthly', title: 'Báo cáo số liệu tháng', lead: communes.map((c) => c.code), recurrence: { every: 'month', day: 10, from: '2026-10-01' }, source: 'test' }],
    },
  });
}

async function saveFigures(app: App, communes: readonly Commune[]): Promise<void> {
  for (const c of communes) {
    const agencyId = (await app.repos.agencies.byCode(c.code))!.id;
    const save = (period: string, metric: 'voluntary_participants' | 'labour_force', value: number, receivedAt: Date) => app.repos.progressUpdates.save([{ agencyId, period, metric, value, personId: 1, receivedAt }]);
    if (c.labourForce !== undefined) await save('2026', 'labour_force', c.labourForce, at('2026-02-02'));
    if (c.replaced !== undefined) await save(PERIOD, 'voluntary_participants', c.replaced, at('2026-11-05'));
    if (c.participants !== undefined) await save(PERIOD, 'voluntary_participants', c.participants, at(c.replaced === undefined ? '2026-11-05' : '2026-11-06'));
  }
}

/** The country's October figures, as the communes sent them. */
export async function seedNational(app: App): Promise<void> {
  await saveFigures(app, PROVINCES.flatMap((p) => p.communes));
}

/**
 * Ba Trăm's October figures; its deadline of 10/10 done the day before by all but one commune in
 * eleven, and that of 10/11 (October's figures) by the communes that sent them.
 */
export async function seedBaTram(app: App): Promise<void> {
  await saveFigures(app, BA_TRAM.communes);
  const taskId = (await app.repos.plans.findTask(`${BA_TRAM.code}-2026`, 'monthly'))!.id;
  const done = async (agencyId: number, dueOn: LocalDate, doneOn: LocalDate) => app.repos.reminders.setState({ key: occurrenceKey(taskId, agencyId, dueOn), taskId, agencyId, dueOn }, { doneAt: at(doneOn), byPersonId: 1 });
  for (const c of BA_TRAM.communes) {
    const agencyId = (await app.repos.agencies.byCode(c.code))!.id;
    if (c.doneOctober) await done(agencyId, '2026-10-10', '2026-10-09');
    if (c.participants !== undefined) await done(agencyId, '2026-11-10', '2026-11-05');
  }
}
