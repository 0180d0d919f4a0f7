import { parseLevel } from '../../domain/agencies/levels.js';
import { isSupervisor, say, supervises, type Feature, type Turn } from '../context.js';
import type { MessagePayload, TextLine } from '../../messaging/message.js';
import { localDateOf } from '../../domain/calendar/local-time.js';

const RENAME = ['rename', 'doiten'];
/** Longer than any agency's name in the plans (about 80): a paste, not a name. */
const MAX_NAME_CHARS = 200;
const MERGE = ['merge', 'gop'];
const REASSIGN = ['reassign', 'giao'];
const LEVEL = ['level', 'cap'];
const PARENT = ['parent', 'thuoc'];
const NO_PARENT = new Set(['none', 'khong', '-']);

/** An agency the supervisor may change: of their province, and so is the one it was merged into, if it was. */
async function agencyInScope(turn: Turn, code: string | undefined) {
  const agency = code ? await turn.deps.agencies.byCode(code) : undefined;
  if (!agency || !supervises(turn.person, agency.province)) return undefined;
  return supervises(turn.person, (await turn.deps.agencies.survivor(agency)).province) ? agency : undefined;
}

/**
 * Supervisors keep the agency list current: /donvi lists it, /donvi doiten <code> <name>
 * renames, /donvi gop <old code> <into code> merges, /donvi cap <code> <xã|tỉnh> sets its
 * level, /donvi thuoc <code> <parent code|khong> the agency it sits under and /donvi giao
 * <old code> <new code>… hands an ended agency's duties on. History (events,
 * reports, reminders already sent) stays with the old record.
 */
export const agencies: Feature = {
  commands: ['agency', 'donvi'],
  async handle(turn) {
    const { person, args, deps } = turn;
    if (!isSupervisor(person)) return [say('common:role.needSupervisor')];
    const [action, code, ...rest] = args;
    if (!action) {
      const all = (await deps.agencies.list()).filter((a) => !a.mergedIntoId && !a.endedOn && supervises(person, a.province));
      const lines: TextLine[] = [{ key: 'common:agency.title' }, ...all.map((a): TextLine => ({ key: 'common:agency.item', params: { code: a.code, name: a.name } })), { key: 'common:agency.usage' }, { key: 'common:agency.reassignUsage' }];
      return [{ lines }];
    }
    const agency = await agencyInScope(turn, code);
    if (RENAME.includes(action)) {
      const name = rest.join(' ');
      if (!agency) return [say('common:agency.unknown', { code: code ?? '' })];
      if (!name || name.length > MAX_NAME_CHARS) return [say('common:agency.usage')];
      await deps.agencies.rename(agency.id, name, person.id);
      return [say('common:agency.renamed', { code: agency.code, from: agency.name, to: name })];
    }
    if (MERGE.includes(action)) {
      const into = await agencyInScope(turn, rest[0]);
      if (!agency) return [say('common:agency.unknown', { code: code ?? '' })];
      if (!into) return [say('common:agency.unknown', { code: rest[0] ?? '' })];
      if (agency.id === into.id || agency.mergedIntoId || into.mergedIntoId) return [say('common:agency.cannotMerge', { from: agency.code, into: into.code })];
      await deps.agencies.merge(agency.id, into.id, person.id);
      return [say('common:agency.merged', { from: agency.name, into: into.name })];
    }
    if (REASSIGN.includes(action)) return reassign(turn, agency, rest);
    if (LEVEL.includes(action)) {
      const level = parseLevel(rest.join(' '));
      if (!agency) return [say('common:agency.unknown', { code: code ?? '' })];
      if (!level) return [say('common:agency.badLevel', { level: rest.join(' ') })];
      await deps.agencies.setLevel(agency.id, level, person.id);
      return [say('common:agency.levelSet', { name: agency.name, level: turn.t(`progress:level.${level}`) })];
    }
    if (PARENT.includes(action)) return setParent(turn, agency, rest[0]);
    return [say('common:agency.usage')];
  },
};

/** Hands an ended agency's duties to the agencies named; the supervisor must oversee all of them. */
async function reassign(turn: Turn, agency: Awaited<ReturnType<typeof agencyInScope>>, codes: string[]): Promise<MessagePayload[]> {
  if (!agency) return [say('common:agency.unknown', { code: turn.args[1] ?? '' })];
  if (!codes.length) return [say('common:agency.reassignUsage')];
  const to = [];
  for (const c of codes) {
    const found = await agencyInScope(turn, c);
    if (!found) return [say('common:agency.unknown', { code: c })];
    to.push(found);
  }
  if (to.some((t) => t.id === agency.id || t.mergedIntoId || t.endedOn) || agency.mergedIntoId) return [say('common:agency.cannotReassign', { from: agency.code })];
  await turn.deps.agencies.reassign(agency.id, to.map((t) => t.id), { effectiveOn: agency.endedOn ?? localDateOf(turn.now), byPersonId: turn.person.id, now: turn.now });
  return [say('common:agency.reassigned', { from: agency.name, to: to.map((t) => t.name).join('; ') })];
}

/** Puts an agency under another of the supervisor's, or under none; the supervisor must oversee both. */
async function setParent(turn: Turn, agency: Awaited<ReturnType<typeof agencyInScope>>, parentCode: string | undefined): Promise<MessagePayload[]> {
  if (!agency) return [say('common:agency.unknown', { code: turn.args[1] ?? '' })];
  const none = parentCode !== undefined && NO_PARENT.has(parentCode.toLowerCase());
  const parent = none ? undefined : await agencyInScope(turn, parentCode);
  if (!none && !parent) return [say('common:agency.unknown', { code: parentCode ?? '' })];
  if (await turn.deps.agencies.setParent(agency.id, parent?.id ?? null, turn.person.id)) return [say('common:agency.parentRefused', { name: agency.name, parent: parent?.name ?? '' })];
  return [parent ? say('common:agency.parentSet', { name: agency.name, parent: parent.name }) : say('common:agency.parentCleared', { name: agency.name })];
}
