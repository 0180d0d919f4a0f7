import type { ClarifyAnswer, ClarifyOption, ClarifySlot } from '../../domain/subsidy/index.js';
import { encodeButton } from '../../messaging/buttons.js';
import type { ButtonSpec, MessagePayload } from '../../messaging/message.js';
import type { Turn } from '../context.js';
import { keepFlow } from '../flow.js';

/** The chat state while the bot waits for the answer to its clarifying question. */
export const CLARIFY_FLOW = 'clarify';
export interface ClarifyState {
  questionId: number;
  slot: ClarifySlot;
  options: string[];
}

/**
 * Keeps the question asked, so that a typed reply (where buttons cannot be pressed) answers it.
 * Kept as the flow kit keeps a flow, with its time: a reply a day later is a new message.
 */
export async function rememberClarification(turn: Turn, questionId: number, asked: ClarifyAnswer): Promise<void> {
  const state: ClarifyState = { questionId, slot: asked.slot, options: asked.options.map((o) => o.value) };
  await keepFlow(turn, CLARIFY_FLOW, state);
}

/**
 * A clarifying question's option, numbered. Its data names the logged question, so that a
 * button still works after a restart or when the chat has moved on.
 */
export function clarifyButton(questionId: number, slot: ClarifySlot, option: ClarifyOption, index: number): ButtonSpec {
  const number = index + 1;
  if (slot === 'category') {
    return { key: 'citizen:clarify.categoryOption', params: { number, category: option.value }, data: encodeButton('question.category', { questionId, category: option.value }) };
  }
  const province = String(option.params.province ?? option.value);
  return { key: 'citizen:clarify.provinceOption', params: { number, province }, data: encodeButton('question.province', { questionId, province: option.value }) };
}

/** The question and one button per reading, numbered so that it can be answered by typing too. */
export function clarifyReply(result: ClarifyAnswer, questionId?: number): MessagePayload {
  const lines = [{ key: result.key, params: result.params }];
  if (questionId === undefined) return { lines };
  return { lines, buttons: result.options.map((o, i) => [clarifyButton(questionId, result.slot, o, i)]) };
}
