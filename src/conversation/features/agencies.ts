import { parseLevel } from '../../domain/agencies/levels.js';
import { isSupervisor, say, supervises, type Feature, type Turn } from '../context.js';
import type { MessagePayload, TextLine } from '../../messaging/message.js';

const RENAME = ['rename', 'doiten'];
/** Longer than any agency's name in the plans (about 80): a paste, not a name. */
const MAX_NAME_CHARS = 200;
const MERGE = ['merge', 'gop'];
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
 * level and /donvi thuoc <code> <parent code|khong> the agency it sits under. History (events,
 * reports, reminders already sent) stays with the old record.
 */
export const agencies: Feature = {
  commands: ['agency', 'donvi'],
  async handle(turn) {
    const { person, args, deps } = turn;
    if (!isSupervisor(person)) return [say('common:role.needSupervisor')];
    const [action, code, ...rest] = args;
    if (!action) {
      const all = (await deps.agencies.list()).filter((a) => !a.mergedIntoId && supervises(person, a.province));
      const lines: TextLine[] = [{ key: 'common:agency.title' }, ...all.map((a): TextLine => ({ key: 'common:agency.item', params: { code: a.code, name: a.name } })), { key: 'common:agency.usage' }];
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

/** Puts an agency under another of the supervisor's, or under none; the supervisor must oversee both. */
async function setParent(turn: Turn, agency: Awaited<ReturnType<typeof agencyInScope>>, parentCode: string | undefined): Promise<MessagePayload[]> {
  if (!agency) return [say('common:agency.unknown', { code: turn.args[1] ?? '' })];
  const none = parentCode !== undefined && NO_PARENT.has(parentCode.toLowerCase());
  const parent = none ? undefined : await agencyInScope(turn, parentCode);
  if (!none && !parent) return [say('common:agency.unknown', { code: parentCode ?? '' })];
  if (await turn.deps.agencies.setParent(agency.id, parent?.id ?? null, turn.person.id)) return [say('common:agency.parentRefused', { name: agency.name, parent: parent?.name ?? '' })];
  return [parent ? say('common:agency.parentSet', { name: agency.name, parent: parent.name }) : say('common:agency.parentCleared', { name: agency.name })];
}
