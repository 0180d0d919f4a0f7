import { say, type Feature } from '../context.js';

/**
 * /link: the same person on a second channel. The chat to keep asks for a short code, the other types it; the second
 * chat then belongs to the first chat's person, so a reminder Zalo cannot deliver reaches them on Telegram. Only a
 * chat without roles of its own is joined: roles never move, so the code must be made where the roles are.
 */
export const link: Feature = {
  commands: ['link', 'lienket'],
  async handle({ args, person, incoming, now, deps }) {
    const code = args[0];
    if (!code) {
      const created = await deps.invites.createLink({ personId: person.id, now });
      return [say('common:link.code', { code: created.code, minutes: Math.round((created.expiresAt.getTime() - now.getTime()) / 60_000) })];
    }
    const result = await deps.invites.redeemLink({ code, personId: person.id, now });
    if (!result.ok) return [say(`common:link.${result.reason}`)];
    if (result.personId === person.id) return [say('common:link.same')];
    if (!(await deps.people.linkChat(incoming.channel, incoming.chatId, result.personId))) return [say('common:link.holdsRoles')];
    const owner = await deps.people.person(result.personId);
    return [say('common:link.linked', { name: owner?.name ?? '' })];
  },
};
