import { rolesHeldBy } from '../../domain/people/roles.js';
import { buttonKindsOf, encodeButton } from '../../messaging/buttons.js';
import type { MessagePayload } from '../../messaging/message.js';
import { say, type Feature, type Turn } from '../context.js';

/** The code typed on the chat to join: the code's owner is asked, on their own chat, to confirm it. */
async function claim(turn: Turn, code: string): Promise<MessagePayload[]> {
  const { deps, person, incoming, now } = turn;
  const claimed = await deps.invites.claimLink({ code, personId: person.id, now });
  if (!claimed.ok) return [say(`common:link.${claimed.reason}`)];
  const keeper = await deps.people.person(claimed.ownerId);
  if (!keeper || !rolesHeldBy(person, keeper)) return [say('common:link.holdsRoles')];
  const address = await deps.people.address(keeper.id);
  if (!address) return [say('common:link.invalid')];
  await deps.outbox.enqueue({
    dedupeKey: `link:${claimed.inviteId}`,
    kind: 'notice',
    personId: keeper.id,
    channel: address.channel,
    chatId: address.chatId,
    payload: {
      lines: [{ key: 'common:link.confirmAsk', params: { name: person.name, channel: incoming.channel } }],
      buttons: [[{ key: 'common:link.confirmButton', data: encodeButton('link.confirm', { inviteId: claimed.inviteId }) }]],
    },
    notBefore: now,
  });
  return [say('common:link.pending')];
}

/** The owner confirms on their chat: every chat of the person who typed the code becomes theirs, roles never moving. */
async function confirm(turn: Turn, inviteId: number): Promise<MessagePayload[]> {
  const { deps, person, now } = turn;
  const confirmed = await deps.invites.confirmLink({ inviteId, ownerId: person.id, now });
  if (!confirmed.ok) return [say(confirmed.reason === 'invalid' ? 'common:button.expired' : `common:link.${confirmed.reason}`)];
  const joining = await deps.people.addresses(confirmed.personId);
  for (const chat of joining) {
    if (!(await deps.people.linkChat(chat.channel, chat.chatId, person.id))) return [say('common:link.holdsRoles')];
  }
  return joining.map((chat) => say('common:link.confirmed', { channel: chat.channel, name: person.name }));
}

/**
 * /link: the same person on a second channel, so a reminder Zalo cannot deliver reaches them on Telegram. The chat to
 * keep (the one with the roles) asks for a short code; the new chat types it; the first chat confirms with a button.
 * Both chats are needed, so neither a code talked out of someone nor one typed by someone talked into it joins a
 * stranger's chat; and roles never move: a chat holding a role its new owner lacks is refused.
 */
export const link: Feature = {
  commands: ['link', 'lienket'],
  buttons: buttonKindsOf('link'),
  async handle(turn) {
    const { args, person, now, deps } = turn;
    if (turn.button?.kind === 'link.confirm') return confirm(turn, turn.button.inviteId);
    const code = args[0];
    if (code) return claim(turn, code);
    const created = await deps.invites.createLink({ personId: person.id, now });
    return [say('common:link.code', { code: created.code, minutes: Math.round((created.expiresAt.getTime() - now.getTime()) / 60_000) })];
  },
};
