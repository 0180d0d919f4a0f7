import { createHash } from 'node:crypto';
import type { Channel } from '../../messaging/channel.js';
import { isStaffChat } from '../citizen/hand-off.js';
import { isSupervisor, say, type Feature } from '../context.js';

/**
 * Staff answer a handed-off question from the staff chat: "/traloi 12 Chào chị, …".
 * The reply goes to the citizen's chat through the outbox and is kept with the question.
 */
export const staffReply: Feature = {
  commands: ['reply', 'traloi'],
  async handle(turn) {
    const { deps } = turn;
    if (!isStaffChat(turn) && !isSupervisor(turn.person)) return [say('citizen:staff.notStaff')];
    const m = /^\/\S+\s+#?(\d+)\s+([\s\S]+)$/.exec(turn.incoming.text?.trim() ?? '');
    if (!m) return [say('citizen:staff.usage')];
    const question = await deps.questions.byId(Number(m[1]));
    if (!question) return [say('citizen:staff.unknownQuestion', { id: m[1]! })];
    const text = m[2]!.trim();
    await deps.outbox.enqueue({
      // The same reply sent twice (a double tap) goes out once.
      dedupeKey: `staff-reply:${question.id}:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`,
      kind: 'notice',
      personId: question.personId,
      channel: question.channel as Channel,
      chatId: question.chatId,
      payload: { lines: [{ key: 'citizen:staff.replyToCitizen', params: { question: question.text, reply: text } }] },
      notBefore: turn.now,
    });
    await deps.questions.recordReply(question.id, { text: question.staffReply ? `${question.staffReply}\n\n${text}` : text, at: turn.now, by: turn.person.id });
    return [say('citizen:staff.sent', { id: question.id })];
  },
};
