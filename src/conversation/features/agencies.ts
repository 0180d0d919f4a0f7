import { isSupervisor, say, supervises, type Feature, type Turn } from '../context.js';
import type { TextLine } from '../../messaging/message.js';

const RENAME = ['rename', 'doiten'];
/** Longer than any agency's name in the plans (about 80): a paste, not a name. */
const MAX_NAME_CHARS = 200;
const MERGE = ['merge', 'gop'];

/** An agency the supervisor may change: of their province, and so is the one it was merged into, if it was. */
async function agencyInScope(turn: Turn, code: string | undefined) {
  const agency = code ? await turn.deps.agencies.byCode(code) : undefined;
  if (!agency || !supervises(turn.person, agency.province)) return undefined;
  return supervises(turn.person, (await turn.deps.agencies.survivor(agency)).province) ? agency : undefined;
}

/**
 * Supervisors keep the agency list current: /donvi lists it, /donvi doiten <code> <name>
 * renames, /donvi gop <old code> <into code> merges. History (events, reports, reminders
 * already sent) stays with the old record.
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
    return [say('common:agency.usage')];
  },
};
