import type { AgencyInfo } from '../../repositories/agencies-repo.js';
import type { InviteTarget } from '../../services/invite-service.js';
import { isEveryProvince, isSupervisor, say, supervisedProvinces, supervises, type Feature, type Turn } from '../context.js';
import type { MessagePayload } from '../../messaging/message.js';
import { buttonKindsOf, decodeButton, encodeButton } from '../../messaging/buttons.js';

const SUPERVISOR_WORDS = ['supervisor', 'giamsat', 'giám_sát'];

export function inviteLink(token: string, botUsername?: string): string {
  return botUsername ? `https://t.me/${botUsername}?start=${token}` : `/start ${token}`;
}

async function issue(turn: Turn, target: InviteTarget, label: string): Promise<MessagePayload[]> {
  const { token, expiresAt } = await turn.deps.invites.create({ target, now: turn.now, createdBy: turn.person.id });
  const hours = Math.round((expiresAt.getTime() - turn.now.getTime()) / 3_600_000);
  const link = inviteLink(token, turn.deps.botUsername());
  // The link alone, so it can be forwarded as is; then how to use it where links do not open the bot (Zalo).
  const typed = link.startsWith('/') ? [] : [say('common:invite.typed', { token })];
  return [say('common:invite.created', { who: label, hours }), say('common:invite.link', { link }), ...typed];
}

function agencyButtons(agencies: AgencyInfo[]): MessagePayload {
  return {
    lines: [{ key: 'common:invite.chooseAgency' }],
    buttons: agencies.slice(0, 40).map((a) => [{ text: a.name, data: encodeButton('invite.agency', { agencyId: a.id }) }]),
  };
}

/** /invite <agency code> → a focal point's invite; /invite supervisor → another supervisor for the same province. */
export const invite: Feature = {
  commands: ['invite', 'moi'],
  buttons: buttonKindsOf('invite'),
  async handle(turn) {
    const { person, args, deps, incoming } = turn;
    if (!isSupervisor(person)) return [say('common:role.needSupervisor')];
    const provinces = supervisedProvinces(person);
    const inScope = (a: AgencyInfo) => supervises(person, a.province);
    const arg = incoming.data ? incoming.data : args[0]?.toLowerCase();
    if (!arg) {
      const agencies = (await deps.agencies.list()).filter((a) => inScope(a) && !a.mergedIntoId);
      return [say('common:invite.usage'), agencyButtons(agencies)];
    }
    if (SUPERVISOR_WORDS.includes(arg)) {
      const province = provinces[0]!;
      const name = isEveryProvince(province) ? turn.t('common:allProvinces') : (await deps.agencies.province(province))?.name ?? province;
      return issue(turn, { kind: 'supervisor', province }, turn.t('common:invite.supervisorOf', { province: name }));
    }
    // The button's data, pressed or (as it always could be) typed after the command.
    const chosen = decodeButton(arg);
    const agency = chosen?.kind === 'invite.agency' ? (await deps.agencies.byIds([chosen.agencyId])).get(chosen.agencyId) : await deps.agencies.byCode(arg);
    if (!agency) return [say('common:invite.unknownAgency', { code: arg })];
    // Judged on the agency as it is now: one merged into another province's is that province's to staff.
    const current = await deps.agencies.survivor(agency);
    if (!inScope(agency) || !inScope(current)) return [say('common:invite.outOfScope', { agency: agency.name })];
    return issue(turn, { kind: 'focal', agencyId: current.id }, turn.t('common:invite.focalOf', { agency: agency.name }));
  },
};
