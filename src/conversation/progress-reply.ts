import type { AgencyLevel } from '../domain/agencies/levels.js';
import { normaliseName, type Scope } from '../domain/progress/index.js';
import { focalAgencyIds, isInChargeOf, supervisedProvinces, supervises, supervisesEveryProvince, type Turn } from './context.js';
import type { Attachment } from '../messaging/message.js';
import type { ReportFile } from '../reports/files.js';
import { planScope } from '../services/plan-scope.js';

export function asAttachments(files: readonly ReportFile[]): Attachment[] {
  return files.map((f) => ({ kind: f.kind, filename: f.filename, mime: f.mime, data: f.data, summary: { key: 'progress:file.summary', params: { name: f.filename } } }));
}

export interface NamedScope {
  scope: Scope;
  /** Province or agency name, or "whole country", in the reader's language. */
  name: string;
}

/** What the person typed after the period and file words: a name or code, and maybe the whole country or a level. */
export interface ScopeRequest {
  text: string;
  national?: boolean;
  level?: AgencyLevel;
}

/**
 * What a person may look at: a supervisor their provinces (the whole country for `*`), a focal
 * point their agencies. With no text, all of it, one scope per province or agency; with text,
 * the one agency or province it names (code or name, accents optional) if it is theirs; an
 * agency with others under it stands for the group. `toàn quốc` asks for the country (a `*`
 * supervisor's), `cấp xã` narrows any of these to the communes.
 */
export async function scopesFor(turn: Turn, request: ScopeRequest): Promise<NamedScope[] | undefined> {
  const { person, deps, t } = turn;
  const level = request.level;
  const named = (s: NamedScope): NamedScope => (level ? { scope: { ...s.scope, level }, name: t('progress:scope.level', { scope: s.name, level: t(`progress:level.${level}`) }) } : s);
  const country = (): NamedScope[] | undefined => (supervisesEveryProvince(person) ? [named({ scope: {}, name: t('progress:scope.all') })] : undefined);
  const wanted = request.text.trim();
  if (request.national) return wanted ? undefined : country();
  const provinces = await deps.agencies.provinces();
  const provinceName = (code: string) => provinces.find((p) => p.code === code)?.name ?? code;
  if (!wanted) {
    if (supervisesEveryProvince(person)) return country();
    const supervised = supervisedProvinces(person);
    const own = [...(await deps.agencies.byIds(focalAgencyIds(person))).values()].filter((a) => !a.mergedIntoId && !supervised.includes(a.province));
    return [...supervised.map((code) => ({ scope: { province: code }, name: provinceName(code) })), ...own.map((a) => ({ scope: { agencyIds: [a.id] }, name: a.name }))].map(named);
  }
  const folded = normaliseName(wanted);
  const found = provinces.find((p) => p.code === wanted.toLowerCase() || normaliseName(p.name) === folded);
  // A province merged into another is asked for by its old name: the province that holds its agencies now.
  const province = found?.mergedInto ? await deps.agencies.provinceNow(found.code) : found;
  if (province) return supervises(person, province.code) ? [named({ scope: { province: province.code }, name: province.name })] : undefined;
  const plan = await planScope(deps.plans, wanted);
  if (plan) {
    if (!supervises(person, plan.provinceCode)) return undefined;
    return [named({ scope: plan.scope, name: t('progress:scope.plan', { plan: plan.scope.plan, province: provinceName(plan.provinceCode) }) })];
  }
  const agency = await agencyNamed(turn, wanted);
  if (!agency) return undefined;
  const scope: Scope = (await deps.agencies.hasChildren(agency.id)) ? { under: agency.id } : { agencyIds: [agency.id] };
  return [named({ scope, name: agency.name })];
}

/** The one agency the text names among those the person may see: by code, by its whole name, or by a part only it has. */
async function agencyNamed(turn: Turn, wanted: string) {
  const { person, deps } = turn;
  const byCode = await deps.agencies.byCode(wanted.toLowerCase());
  if (byCode && !byCode.mergedIntoId) return isInChargeOf(person, byCode) ? byCode : undefined;
  // Names are matched in the areas the person supervises (every agency for `*`) and their own agencies.
  const areas = supervisesEveryProvince(person) ? [undefined] : supervisedProvinces(person);
  const candidates = [...(await Promise.all(areas.map((province) => deps.agencies.list(province ? { province } : {})))).flat(), ...(await deps.agencies.byIds(focalAgencyIds(person))).values()];
  const visible = [...new Map(candidates.filter((a) => !a.mergedIntoId && isInChargeOf(person, a)).map((a) => [a.id, a])).values()];
  const folded = normaliseName(wanted);
  const exact = visible.filter((a) => normaliseName(a.name) === folded);
  const partial = visible.filter((a) => normaliseName(a.name).includes(folded) || normaliseName(a.code).includes(folded));
  return exact.length === 1 ? exact[0] : partial.length === 1 ? partial[0] : undefined;
}
