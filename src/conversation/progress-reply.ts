import { normaliseName, type Scope } from '../domain/progress/index.js';
import { focalAgencyIds, isInChargeOf, supervisedProvinces, supervises, supervisesEveryProvince, type Turn } from './context.js';
import type { Attachment } from '../messaging/message.js';
import type { ReportFile } from '../reports/files.js';

export function asAttachments(files: readonly ReportFile[]): Attachment[] {
  return files.map((f) => ({ kind: f.kind, filename: f.filename, mime: f.mime, data: f.data, summary: { key: 'progress:file.summary', params: { name: f.filename } } }));
}

export interface NamedScope {
  scope: Scope;
  /** Province or agency name, or "all provinces", in the reader's language. */
  name: string;
}

/**
 * What a person may look at: a supervisor their provinces (every one for `*`), a focal point
 * their agencies. With no text, all of it, one scope per province or agency; with text, the
 * one agency or province it names (code or name, accents optional) if it is theirs.
 */
export async function scopesFor(turn: Turn, text: string): Promise<NamedScope[] | undefined> {
  const { person, deps, t } = turn;
  const provinces = supervisedProvinces(person);
  const everywhere = supervisesEveryProvince(person);
  const own = new Set(focalAgencyIds(person));
  const allProvinces = await deps.agencies.provinces();
  const agencies = await deps.progress.agenciesOf({});
  const maySee = (a: { id: number; province: string }) => isInChargeOf(person, a);
  const provinceName = (code: string) => allProvinces.find((p) => p.code === code)?.name ?? code;
  const wanted = text.trim();
  if (!wanted) {
    if (everywhere) return [{ scope: {}, name: t('progress:scope.all') }];
    return [
      ...provinces.map((code) => ({ scope: { province: code }, name: provinceName(code) })),
      ...agencies.filter((a) => own.has(a.id) && !provinces.includes(a.province)).map((a) => ({ scope: { agencyIds: [a.id] }, name: a.name })),
    ];
  }
  const folded = normaliseName(wanted);
  const province = allProvinces.find((p) => p.code === wanted.toLowerCase() || normaliseName(p.name) === folded);
  if (province) return supervises(person, province.code) ? [{ scope: { province: province.code }, name: province.name }] : undefined;
  const visible = agencies.filter(maySee);
  const byCode = visible.find((a) => a.code.toLowerCase() === wanted.toLowerCase());
  const exact = visible.filter((a) => normaliseName(a.name) === folded);
  const partial = visible.filter((a) => normaliseName(a.name).includes(folded) || normaliseName(a.code).includes(folded));
  const agency = byCode ?? (exact.length === 1 ? exact[0] : partial.length === 1 ? partial[0] : undefined);
  return agency ? [{ scope: { agencyIds: [agency.id] }, name: agency.name }] : undefined;
}
