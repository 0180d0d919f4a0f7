import { answerMessage, PROVINCES, understand, type Choice } from '../../domain/subsidy/index.js';
import { answerOptions, handOffButton } from '../citizen/subsidy-reply.js';
import { SLOT_CODE } from '../citizen/clarify-reply.js';
import { answerQuestion, CLARIFY_FLOW, type ClarifyState } from '../citizen/question-reply.js';
import { chatOf, say, typedForm, type Feature, type Turn } from '../context.js';
import type { MessagePayload } from '../../messaging/message.js';

const SLOT_OF_CODE: Record<string, Choice['slot']> = { [SLOT_CODE.category]: 'category', [SLOT_CODE.province]: 'province' };
/** A one-line calculation is logged with its command; the question is what follows it. */
const withoutCommand = (text: string) => text.replace(/^\/(?:tinh|calc)(?:@\S+)?\s+/i, '');

/** A typed answer to a clarifying question: the option's number, or the option in words ("cận nghèo", "không", "Hà Nội"). */
export function readChoice(text: string, state: ClarifyState): Choice | undefined {
  const folded = typedForm(text);
  const number = /^(\d{1,2})$/.exec(folded);
  if (number) {
    const value = state.options[Number(number[1]) - 1];
    return value === undefined ? undefined : { slot: state.slot, value };
  }
  if (state.slot === 'category') {
    const { categories = [] } = understand(text).slots;
    const named = categories.filter((c) => state.options.includes(c));
    if (named.length === 1) return { slot: 'category', value: named[0]! };
    // "không", "không phải", "no", "none": not the category asked about.
    if (!named.length && state.options.includes('other') && /^(?:khong|ko|k|no|none|not|khong phai|khong thuoc|other|khac)$/.test(folded)) return { slot: 'category', value: 'other' };
    return undefined;
  }
  const named = state.options.filter((code) => PROVINCES.find((p) => p.code === code)?.aliases.some((a) => new RegExp(`\\b${a}\\b`).test(folded)));
  return named.length === 1 ? { slot: 'province', value: named[0]! } : undefined;
}

async function clarified(turn: Turn, questionId: number, choice: Choice): Promise<MessagePayload[]> {
  const question = await turn.deps.questions.byId(questionId);
  if (!question || question.personId !== turn.person.id) return [say('common:button.expired')];
  return answerQuestion(turn, withoutCommand(question.text), { questionId, choice });
}

/**
 * The answer to a clarifying question, pressed (`q:<question id>:<c|p>:<value>`) or typed.
 * A typed reply that is no option is taken as a new question when the bot understands it;
 * otherwise the bot still cannot tell, says so and offers the hand-off to staff.
 */
export const clarification: Feature = {
  buttons: ['q:'],
  flows: [CLARIFY_FLOW],
  async handle(turn) {
    const state = await turn.deps.chatState.get<ClarifyState>(chatOf(turn));
    const waiting = state?.flow === CLARIFY_FLOW ? state.data : undefined;
    const pressed = turn.incoming.data;
    if (pressed) {
      const [, id = '', code = '', value = ''] = pressed.split(':');
      const slot = SLOT_OF_CODE[code];
      if (!slot || !/^\d+$/.test(id)) return [say('common:button.expired')];
      if (waiting?.questionId === Number(id)) await turn.deps.chatState.clear(chatOf(turn));
      return clarified(turn, Number(id), { slot, value });
    }
    await turn.deps.chatState.clear(chatOf(turn));
    const text = turn.incoming.text?.trim() ?? '';
    if (!waiting) return answerQuestion(turn, text);
    const choice = readChoice(text, waiting);
    if (choice) return clarified(turn, waiting.questionId, choice);
    // Understood as a question of its own: answered. Not understood either: no guess, a hand-off.
    if (answerMessage(text, answerOptions(turn))[0]!.kind !== 'fallback') return answerQuestion(turn, text);
    const own = await turn.deps.questions.byId(waiting.questionId);
    if (own) await turn.deps.questions.recordOutcome(own.id, { outcome: 'fallback', ...(own.topic ? { topic: own.topic } : {}) });
    return [{ lines: [{ key: 'citizen:clarify.unclear', params: { hotline: turn.deps.subsidy.rules.hotline.number } }], buttons: [[handOffButton(waiting.questionId)]] }];
  },
};
