import { isEveryProvince, say, type Feature, type Turn } from '../context.js';
import type { MessagePayload } from '../../messaging/message.js';
import { help } from './help.js';

async function acceptInvite(turn: Turn, token: string): Promise<MessagePayload[]> {
  const result = await turn.deps.invites.accept({ token, personId: turn.person.id, now: turn.now });
  if (!result.ok) return [say(`common:invite.${result.reason}`)];
  if (result.target.kind === 'supervisor') {
    const province = isEveryProvince(result.target.province) ? turn.t('common:allProvinces') : (await turn.deps.agencies.province(result.target.province))?.name ?? result.target.province;
    return [say('common:invite.acceptedSupervisor', { province })];
  }
  const agency = (await turn.deps.agencies.byIds([result.target.agencyId])).get(result.target.agencyId);
  return [say('common:invite.acceptedFocal', { agency: agency?.name ?? '' })];
}

export const start: Feature = {
  commands: ['start', 'batdau'],
  async handle(turn) {
    const token = turn.args[0];
    if (token) {
      const accepted = await acceptInvite(turn, token);
      const person = await turn.deps.people.person(turn.person.id);
      return [...accepted, ...(await help.handle({ ...turn, person: person ?? turn.person, args: [] }))];
    }
    return [say('common:welcome', { name: turn.person.name }), ...(await help.handle(turn))];
  },
};
