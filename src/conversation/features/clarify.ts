import { answerMessage, PROVINCES, understand, type Choice } from '../../domain/subsidy/index.js';
import type { ButtonOf } from '../../messaging/buttons.js';
import type { MessagePayload } from '../../messaging/message.js';
import { answerOptions, handOffButton } from '../citizen/subsidy-reply.js';
import { answerQuestion, CLARIFY_FLOW, type ClarifyState } from '../citizen/question-reply.js';
import { say, typedForm, type Feature, type Turn } from '../context.js';
import { flowData, forgetFlow, storedFlow } from '../flow.js';

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

/** A clarifying question's option, pressed: the question it settles is answered with that reading. */
export async function pressedChoice(turn: Turn, button: ButtonOf<'question.category'> | ButtonOf<'question.province'>): Promise<MessagePayload[]> {
  const choice: Choice = button.kind === 'question.category' ? { slot: 'category', value: button.category } : { slot: 'province', value: button.province };
  // The typed reply is no longer awaited once the button has answered (even a wait that has expired: it goes too).
  const state = await storedFlow(turn);
  if (state?.flow === CLARIFY_FLOW && state.data.questionId === button.questionId) await forgetFlow(turn);
  return clarified(turn, button.questionId, choice);
}

/**
 * A typed answer to a clarifying question (its buttons are answered by the questions feature,
 * which owns the `q:` data). A typed reply that is no option is taken as a new question when the
 * bot understands it; otherwise the bot still cannot tell, says so and offers the hand-off to staff.
 */
export const clarification: Feature = {
  flows: [CLARIFY_FLOW],
  async handle(turn) {
    const waiting = await flowData<ClarifyState>(turn, CLARIFY_FLOW);
    await forgetFlow(turn);
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
