import type { TFunction } from 'i18next';
import type { App } from '../app.js';
import { AGENCY_LEVELS, parseLevel } from '../domain/agencies/levels.js';
import type { CliIo } from './io.js';

/** A word that takes an agency out from under any other. */
const NO_PARENT = new Set(['none', '-', 'khong']);

/** `agencies set-level <code> <commune|province|country>`: where an agency sits in roll-ups; returns the exit code. */
export async function setLevel(app: App, [code, word]: string[], t: TFunction, io: CliIo): Promise<number> {
  const agency = code ? await app.repos.agencies.byCode(code) : undefined;
  if (!agency) return fail(io, t('cli:unknownAgency', { code: code ?? '' }));
  const level = word ? parseLevel(word) : undefined;
  if (!level) return fail(io, t('cli:badLevel', { level: word ?? '', levels: AGENCY_LEVELS.join(', ') }));
  await app.repos.agencies.setLevel(agency.id, level);
  io.out(t('cli:levelSet', { code: agency.code, level }));
  return 0;
}

/** `agencies set-parent <code> <parent code | none>`: the agency then belongs to its parent's province; returns the exit code. */
export async function setParent(app: App, [code, parentCode]: string[], t: TFunction, io: CliIo): Promise<number> {
  const agency = code ? await app.repos.agencies.byCode(code) : undefined;
  if (!agency) return fail(io, t('cli:unknownAgency', { code: code ?? '' }));
  const none = parentCode !== undefined && NO_PARENT.has(parentCode.toLowerCase());
  const parent = parentCode && !none ? await app.repos.agencies.byCode(parentCode) : undefined;
  if (!none && !parent) return fail(io, t('cli:unknownAgency', { code: parentCode ?? '' }));
  const refused = await app.repos.agencies.setParent(agency.id, parent?.id ?? null);
  if (refused) return fail(io, t('cli:parentRefused', { code: agency.code, parent: parent?.code ?? '' }));
  io.out(parent ? t('cli:parentSet', { code: agency.code, parent: parent.code, province: parent.provinceName }) : t('cli:parentCleared', { code: agency.code }));
  return 0;
}

function fail(io: CliIo, message: string): number {
  io.err(message);
  return 2;
}
