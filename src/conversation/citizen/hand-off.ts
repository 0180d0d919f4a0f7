import { formatLocalDate, localDateOf } from '../../domain/calendar/local-time.js';
import { say, type Turn } from '../context.js';
import type { MessagePayload } from '../../messaging/message.js';


export function isStaffChat(turn: Turn): boolean {
  const staff = turn.deps.config.staffChat;
  return !!staff && staff.channel === turn.incoming.channel && staff.chatId === turn.incoming.chatId;
}

/**
 * Forwards a question the bot would not answer to the staff chat, once. Only the person who
 * asked can hand it off; the staff answer with /traloi and the reply goes back to this chat.
 */
export async function handOff(turn: Turn, questionId: number): Promise<MessagePayload[]> {
  const { deps } = turn;
  const question = await deps.questions.byId(questionId);
  if (!question || question.personId !== turn.person.id) return [say('common:button.expired')];
  const staff = turn.deps.config.staffChat;
  if (!staff) return [say('citizen:handoff.unavailable', { hotline: deps.subsidy.rules.hotline.number })];
  if (!(await deps.questions.markHandedOff(question.id, turn.now))) return [say('citizen:handoff.already')];
  const staffPerson = await deps.people.personForChat({ ...staff, name: 'Staff', language: deps.config.language });
  await deps.outbox.enqueue({
    dedupeKey: `handoff:${question.id}`,
    kind: 'notice',
    personId: staffPerson.id,
    ...staff,
    payload: {
      lines: [
        { key: 'citizen:staff.question', params: { id: question.id, name: turn.person.name, channel: question.channel, date: formatLocalDate(localDateOf(question.askedAt)), text: question.text } },
        { key: 'citizen:staff.howToReply', params: { id: question.id } },
      ],
    },
    notBefore: turn.now,
  });
  return [say('citizen:handoff.sent', { id: question.id })];
}
