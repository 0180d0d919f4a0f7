import { localDateOf } from '../../domain/calendar/local-time.js';
import { answer, understand, type Answer, type TopicId, type Understood } from '../../domain/subsidy/index.js';
import type { QuestionDraft } from '../../repositories/questions-repo.js';
import type { Turn } from '../context.js';
import { rows, type ButtonSpec, type MessagePayload } from '../../messaging/message.js';
import { encodeButton } from '../../messaging/buttons.js';
import { madeOnce } from '../../domain/text/once.js';
import { questionLanguage } from './question-language.js';
import { clarifyReply, rememberClarification } from './clarify-reply.js';

/** The buttons under an answer: a topic to answer next, or the question handed to staff. */
export const topicButton = (topic: TopicId): ButtonSpec => ({ key: `subsidy:topic.${topic}`, data: encodeButton('question.topic', { topic }) });
export const handOffButton = (questionId: number): ButtonSpec => ({ key: 'citizen:handoff.button', data: encodeButton('question.handOff', { questionId }) });

/**
 * The domain's answer as a chat message: the main text, its figures and notes, and follow-up topics. An answer given
 * again (frozen: domain/subsidy/multi-topic.ts) gets the same frozen lines and buttons, which the channel's renderer
 * then says once per language (messaging/render.ts).
 */
export function replyFor(result: Answer, questionId?: number): MessagePayload {
  if (questionId !== undefined || !Object.isFrozen(result)) return reply(result, questionId);
  return madeOnce(replies, result, (r) => frozenPayload(reply(r)));
}

const replies = new WeakMap<Answer, MessagePayload>();

function frozenPayload(payload: MessagePayload): MessagePayload {
  Object.freeze(payload.lines);
  payload.buttons?.forEach((row) => Object.freeze(row));
  if (payload.buttons) Object.freeze(payload.buttons);
  return Object.freeze(payload);
}

function reply(result: Answer, questionId?: number): MessagePayload {
  if (result.kind === 'clarify') return clarifyReply(result, questionId);
  if (result.kind === 'fallback') {
    const buttons = rows(result.suggestions.map(topicButton));
    if (questionId !== undefined) buttons.push([handOffButton(questionId)]);
    return { lines: [{ key: result.key, params: result.params }], buttons };
  }
  const lines = [{ key: result.key, params: result.params }, ...result.lines];
  const buttons = rows(result.suggestions.slice(0, 4).map(topicButton));
  return buttons.length ? { lines, buttons } : { lines };
}

export function answerOptions(turn: Turn) {
  return { rules: turn.deps.subsidy.rules, today: localDateOf(turn.now), threshold: turn.deps.subsidy.threshold };
}

/** An answer whose reply carries the logged question's number: the hand-off button, the clarifying options. */
export const namesQuestion = (a: Answer) => a.kind === 'clarify' || a.kind === 'fallback';

/**
 * Logs a question: at once when its reply names it (its number goes on a button), otherwise after the reply, with
 * the other questions of the moment (`conversation.written()` tells when it is stored).
 */
export async function logQuestion(turn: Turn, draft: QuestionDraft, named: boolean): Promise<number | undefined> {
  if (named) return turn.deps.questions.record(draft);
  turn.deps.questions.log(draft);
  return undefined;
}

/** A citizen's message answered and logged: the log is what staff review and reply to. */
export async function answerAndLog(turn: Turn, text: string, understood: Understood = understand(text)): Promise<MessagePayload> {
  const result = answer(understood, answerOptions(turn));
  const questionId = await logQuestion(turn, {
    personId: turn.person.id,
    channel: turn.incoming.channel,
    chatId: turn.incoming.chatId,
    text,
    topic: result.intent === 'out_of_scope' ? (understood.suggestions[0] ?? undefined) : result.intent,
    score: understood.confidence,
    outcome: result.kind === 'fallback' ? 'fallback' : result.kind === 'error' ? 'error' : result.kind === 'clarify' ? 'clarify' : 'answered',
    askedAt: turn.now,
  }, namesQuestion(result));
  if (result.kind === 'clarify') await rememberClarification(turn, questionId!, result);
  const language = questionLanguage(text);
  return { ...replyFor(result, questionId), ...(language ? { language } : {}) };
}
