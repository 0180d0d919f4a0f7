import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { readReorganisation, reorganisationProblem } from '../plans/reorganisation-file.js';
import type { AgenciesRepo } from '../repositories/agencies-repo.js';
import type { ReorganisationChange } from '../plans/reorganisation-file.js';

/** `refused`: a province merge that cannot be made (the old province was merged elsewhere, is the survivor, or the survivor was itself merged). */
export type ChangeOutcome = 'applied' | 'already' | 'unknown' | 'refused';
export interface ChangeResult {
  change: ReorganisationChange;
  outcome: ChangeOutcome;
}

/** Which agency or province a change is about, for what the CLI prints. */
export function subjectOf(change: ReorganisationChange): string {
  if ('merge' in change) return `${change.merge} → ${change.into}`;
  if ('rename' in change) return `${change.rename} → ${change.to}`;
  if ('end' in change) return change.successors.length ? `${change.end} → ${change.successors.join(', ')}` : change.end;
  if ('mergeProvince' in change) return `${change.mergeProvince} → ${change.into} (${change.name})`;
  return `${change.province} → ${change.to}`;
}

/**
 * One province into another, as NQ 202/2025/QH15 did (the file, `provinces merge` and /donvi goptinh): `already` when
 * it is in place, `refused` when the old province was merged elsewhere, is the survivor, or the survivor was itself
 * merged; `unknown` when the old province is not known and its name (`was`) is not given to record it by.
 */
export async function mergeProvince(agencies: AgenciesRepo, input: Parameters<AgenciesRepo['mergeProvince']>[0]): Promise<ChangeOutcome> {
  const [old, survivor] = [await agencies.province(input.from), await agencies.province(input.into)];
  if (old?.mergedInto === input.into && survivor?.name === input.name) return 'already';
  if (input.from === input.into || old?.mergedInto || survivor?.mergedInto) return 'refused';
  if (!old && !input.was) return 'unknown';
  await agencies.mergeProvince(input);
  return 'applied';
}

/**
 * Applies a reorganisation's changes through the paths supervisors use (rename, merge, reassign), in order. A
 * change already in place is skipped, so a file can be applied again after a correction.
 */
export async function applyReorganisation(changes: readonly ReorganisationChange[], agencies: AgenciesRepo, now: Date): Promise<ChangeResult[]> {
  const out: ChangeResult[] = [];
  for (const change of changes) out.push({ change, outcome: await applyOne(change, agencies, now) });
  return out;
}

async function applyOne(change: ReorganisationChange, agencies: AgenciesRepo, now: Date): Promise<ChangeOutcome> {
  if ('mergeProvince' in change) {
    return mergeProvince(agencies, { from: change.mergeProvince, into: change.into, name: change.name, ...(change.was ? { was: change.was } : {}), effectiveOn: change.on, basis: change.basis, now });
  }
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
    if (agency.name === change.to || (await renamedBefore(agencies, agency.id, change.to))) return 'already';
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

/** The agency once took this name: a supervisor who renamed it since (/donvi doiten) is not overruled. */
async function renamedBefore(agencies: AgenciesRepo, id: number, name: string): Promise<boolean> {
  return (await agencies.history(id)).some((e) => e.kind === 'renamed' && e.detail.endsWith(`→ ${name}`));
}

/**
 * The configured reorganisation file (REORGANISATION_FILE) put in place after plans are imported and at start: one
 * query when the file and the agencies are as they were when it was last applied; otherwise each change is applied
 * unless already in place, and what changed is logged once.
 */
export async function keepReorganised(input: { file: string; agencies: AgenciesRepo; logger: Logger; now: Date }): Promise<ChangeResult[]> {
  const { agencies, logger } = input;
  const text = readFileSync(input.file, 'utf8');
  const version = createHash('sha256').update(text).digest('base64url');
  const state = await agencies.reorganisationState();
  if (state.applied === `${version} ${state.now}`) return [];
  const results = await applyReorganisation(readReorganisation(input.file), agencies, input.now);
  const applied = results.filter((r) => r.outcome === 'applied').map((r) => subjectOf(r.change));
  if (applied.length) logger.info('reorganisation applied', { file: input.file, changes: applied });
  const unknown = results.filter((r) => r.outcome === 'unknown').map((r) => subjectOf(r.change));
  // Plans other than the seeds name other agencies: such changes wait for plans that name them.
  if (unknown.length) logger.debug('reorganisation changes about agencies not imported', { changes: unknown });
  const refused = results.filter((r) => r.outcome === 'refused').map((r) => subjectOf(r.change));
  if (refused.length) logger.warn('reorganisation province merges that cannot be made, left out', { changes: refused });
  await agencies.setReorganised(`${version} ${(await agencies.reorganisationState()).now}`);
  return results;
}

/** {@link keepReorganised} on REORGANISATION_FILE, if set: a file missing or invalid is logged, and the service runs on. */
export async function applyConfiguredReorganisation(config: Pick<Config, 'files'>, agencies: AgenciesRepo, logger: Logger, now: Date): Promise<ChangeResult[]> {
  const file = config.files.reorganisationFile;
  if (!file) return [];
  try {
    return await keepReorganised({ file: resolve(file), agencies, logger, now });
  } catch (e) {
    logger.error('reorganisation file not applied', { file, problem: reorganisationProblem(e) });
    return [];
  }
}
