import { createHash } from 'node:crypto';
import { provinceByCode, understand } from '../../domain/subsidy/index.js';
import { isEveryProvince } from '../../domain/people/roles.js';
import { MAX_ID } from '../../messaging/buttons.js';
import type { Channel } from '../../messaging/channel.js';
import { isStaffChat } from '../citizen/hand-off.js';
import { isSupervisor, say, supervisedProvinces, type Feature, type Turn } from '../context.js';

/** The province a question is about: the one chosen when asked to clarify, else the one its text names. */
function questionProvince(question: { text: string; choice: string | null }): string | undefined {
  try {
    const choice = question.choice ? (JSON.parse(question.choice) as { slot?: string; value?: string }) : undefined;
    if (choice?.slot === 'province' && choice.value) return choice.value;
  } catch {
    // A choice that does not parse names no province; the text may.
  }
  return understand(question.text).slots.province;
}

/**
 * A supervisor answers for the citizens of their province: the question's province is theirs, or is the province
 * theirs was merged into (the plans keep the old provinces' codes, the answers the new ones).
 */
function answersFor(turn: Turn, question: { text: string; choice: string | null }): boolean {
  const areas = supervisedProvinces(turn.person);
  if (areas.some(isEveryProvince)) return true;
  const province = questionProvince(question);
  if (!province) return false;
  const aliases = provinceByCode(province)?.aliases ?? [];
  return areas.some((area) => area === province || aliases.includes(area.replace(/-/g, ' ')));
}

/**
 * Staff answer a handed-off question from the staff chat, or a supervisor of the citizen's province from their own:
 * "/traloi 12 Chào chị, …". Only questions the citizen handed off can be answered; one the sender may not answer is
 * "no such question", so question numbers tell nothing. The reply goes to the citizen's chat through the outbox and
 * is kept with the question.
 */
export const staffReply: Feature = {
  commands: ['reply', 'traloi'],
  async handle(turn) {
    const { deps } = turn;
    const staff = isStaffChat(turn);
    if (!staff && !isSupervisor(turn.person)) return [say('citizen:staff.notStaff')];
    const m = /^\/\S+\s+#?(\d{1,10})\s+([\s\S]+)$/.exec(turn.incoming.text?.trim() ?? '');
    if (!m || Number(m[1]) > MAX_ID) return [say('citizen:staff.usage')];
    const found = await deps.questions.byId(Number(m[1]));
    const question = found && (staff || answersFor(turn, found)) ? found : undefined;
    if (!question) return [say('citizen:staff.unknownQuestion', { id: m[1]! })];
    if (!question.handedOffAt) return [say('citizen:staff.notHandedOff', { id: question.id })];
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
