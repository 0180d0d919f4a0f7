import type { AgencyInfo, Scope } from './types.js';

export interface AgencyRef {
  id: number;
  name: string;
}

export function inScope(agencies: readonly AgencyInfo[], scope: Scope): AgencyInfo[] {
  const ids = scope.agencyIds && new Set(scope.agencyIds);
  return agencies.filter((a) => (scope.province === undefined || a.province === scope.province) && (!ids || ids.has(a.id))).sort((a, b) => compareNames(a.name, b.name));
}

/** Vietnamese alphabetical order (Đ after D, tones after the bare letter). */
export const compareNames: (a: string, b: string) => number = new Intl.Collator('vi').compare;

export function ref(agency: AgencyInfo): AgencyRef {
  return { id: agency.id, name: agency.name };
}
