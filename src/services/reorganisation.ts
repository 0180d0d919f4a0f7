import type { AgenciesRepo } from '../repositories/agencies-repo.js';
import type { ReorganisationChange } from '../plans/reorganisation-file.js';

export type ChangeOutcome = 'applied' | 'already' | 'unknown';

/** Which agency or province a change is about, for what the CLI prints. */
export function subjectOf(change: ReorganisationChange): string {
  if ('merge' in change) return `${change.merge} → ${change.into}`;
  if ('rename' in change) return `${change.rename} → ${change.to}`;
  if ('end' in change) return change.successors.length ? `${change.end} → ${change.successors.join(', ')}` : change.end;
  return `${change.province} → ${change.to}`;
}

/**
 * Applies a reorganisation's changes through the paths supervisors use (rename, merge, reassign), in order. A
 * change already in place is skipped, so a file can be applied again after a correction.
 */
export async function applyReorganisation(changes: readonly ReorganisationChange[], agencies: AgenciesRepo, now: Date): Promise<{ change: ReorganisationChange; outcome: ChangeOutcome }[]> {
  const out: { change: ReorganisationChange; outcome: ChangeOutcome }[] = [];
  for (const change of changes) out.push({ change, outcome: await applyOne(change, agencies, now) });
  return out;
}

async function applyOne(change: ReorganisationChange, agencies: AgenciesRepo, now: Date): Promise<ChangeOutcome> {
  if ('province' in change) {
    const province = await agencies.province(change.province);
    if (!province) return 'unknown';
    if (province.name === change.to) return 'already';
    await agencies.renameProvince(change.province, change.to, change.on);
    return 'applied';
  }
  if ('merge' in change) {
    const [from, into] = [await agencies.byCode(change.merge), await agencies.byCode(change.into)];
    if (!from || !into) return 'unknown';
    if (from.mergedIntoId) return 'already';
    await agencies.merge(from.id, into.id, undefined, change.on);
    return 'applied';
  }
  if ('rename' in change) {
    const agency = await agencies.byCode(change.rename);
    if (!agency) return 'unknown';
    if (agency.name === change.to) return 'already';
    await agencies.rename(agency.id, change.to, undefined, change.on);
    return 'applied';
  }
  const agency = await agencies.byCode(change.end);
  const successors = await Promise.all(change.successors.map((c) => agencies.byCode(c)));
  if (!agency || successors.some((s) => !s)) return 'unknown';
  if (agency.endedOn) return 'already';
  await agencies.reassign(agency.id, successors.map((s) => s!.id), { effectiveOn: change.on, now });
  return 'applied';
}
