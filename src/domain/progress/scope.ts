import { DEFAULT_LEVEL } from '../agencies/levels.js';
import type { AgencyInfo, Scope, TargetRecord } from './types.js';

export interface AgencyRef {
  id: number;
  name: string;
}

export function inScope(agencies: readonly AgencyInfo[], scope: Scope): AgencyInfo[] {
  const ids = scope.agencyIds && new Set(scope.agencyIds);
  const under = scope.under === undefined ? undefined : descendants(agencies, scope.under);
  return agencies
    .filter((a) => (scope.province === undefined || a.province === scope.province) && (!ids || ids.has(a.id)) && (!scope.level || (a.level ?? DEFAULT_LEVEL) === scope.level) && (!under || under.has(a.id)))
    .sort((a, b) => compareNames(a.name, b.name));
}

/** An agency and every agency under it, at any depth. */
function descendants(agencies: readonly AgencyInfo[], root: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const a of agencies) if (a.parentId != null) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
  const found = new Set<number>([root]);
  // A cycle in the data is no reason to loop: an agency is visited once.
  for (let next = [root]; next.length; ) {
    next = next.flatMap((id) => children.get(id) ?? []).filter((id) => !found.has(id));
    for (const id of next) found.add(id);
  }
  return found;
}

/** A scope that reaches into more than one province (the country, or a level across it): targets do not apply to it as a whole. */
export const isNational = (scope: Scope): boolean => scope.province === undefined && scope.agencyIds === undefined && scope.under === undefined;

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
