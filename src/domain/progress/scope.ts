import type { AgencyInfo, Scope, TargetRecord } from './types.js';

export interface AgencyRef {
  id: number;
  name: string;
}

export function inScope(agencies: readonly AgencyInfo[], scope: Scope): AgencyInfo[] {
  const ids = scope.agencyIds && new Set(scope.agencyIds);
  return agencies.filter((a) => (scope.province === undefined || a.province === scope.province) && (!ids || ids.has(a.id))).sort((a, b) => compareNames(a.name, b.name));
}

/** Vietnamese alphabetical order (Đ after D, tones after the bare letter), numbers by value: Xã 2 before Xã 10. */
export const compareNames: (a: string, b: string) => number = new Intl.Collator('vi', { numeric: true }).compare;

export function ref(agency: AgencyInfo): AgencyRef {
  return { id: agency.id, name: agency.name };
}

/**
 * Targets are a province's: they apply to a province scope, or to agencies that all lie in
 * one province (a district is measured against its province's plan); across provinces none.
 */
export function targetsOfScope(targets: readonly TargetRecord[], scope: Scope, provinces: readonly string[]): TargetRecord[] {
  const province = scope.province ?? (provinces.length === 1 ? provinces[0] : undefined);
  return province === undefined ? [] : targets.filter((t) => t.province === province);
}
