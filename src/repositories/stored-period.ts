import { parsePeriodCode, periodCode, type PeriodCode } from '../domain/progress/period.js';

/**
 * The table stores periods as `2026-M06`, `2026-Q2`, `2026-H1`, `2026-Y` (every code the same
 * shape, so they sort and filter by prefix); the domain writes `2026-06` and `2026`.
 */
export function storedPeriod(code: PeriodCode): string {
  const p = parsePeriodCode(code);
  if (!p) throw new Error(`Not a period code: "${code}"`);
  if (p.kind === 'month') return `${p.year}-M${String(p.index).padStart(2, '0')}`;
  if (p.kind === 'year') return `${p.year}-Y`;
  return periodCode(p);
}

export function domainPeriod(stored: string): PeriodCode | undefined {
  const m = /^(\d{4})-(?:M(\d{2})|(Q[1-4])|(H[12])|Y)$/.exec(stored);
  if (!m) return undefined;
  if (m[2]) return `${m[1]}-${m[2]}`;
  if (m[3] || m[4]) return `${m[1]}-${m[3] ?? m[4]}`;
  return m[1]!;
}
