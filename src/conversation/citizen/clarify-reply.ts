import type { ClarifyAnswer } from '../../domain/subsidy/answer-types.js';
import type { ButtonSpec, MessagePayload } from '../../messaging/message.js';
import { chatOf, type Turn } from '../context.js';

/** The chat state while the bot waits for the answer to its clarifying question. */
export const CLARIFY_FLOW = 'clarify';
export interface ClarifyState {
  questionId: number;
  slot: ClarifyAnswer['slot'];
  options: string[];
}

/** Keeps the question asked, so that a typed reply (where buttons cannot be pressed) answers it. */
export async function rememberClarification(turn: Turn, questionId: number, asked: ClarifyAnswer): Promise<void> {
  const state: ClarifyState = { questionId, slot: asked.slot, options: asked.options.map((o) => o.value) };
  await turn.deps.chatState.set(chatOf(turn), { flow: CLARIFY_FLOW, data: state as unknown as Record<string, unknown> });
}

/** The slot of a clarifying question as one letter in button data. */
export const SLOT_CODE = { category: 'c', province: 'p' } as const;

/**
 * Button data of a clarifying question's option: `q:<question id>:<c|p>:<value>`. The question
 * is in the log, so a button still works after a restart or when the chat has moved on.
 */
export const clarifyButton = (questionId: number, slot: ClarifyAnswer['slot'], option: ClarifyAnswer['options'][number], index: number): ButtonSpec => ({
  ...(slot === 'category'
    ? { key: 'citizen:clarify.categoryOption', params: { number: index + 1, category: option.value } }
    : { key: 'citizen:clarify.provinceOption', params: { number: index + 1, province: String(option.params.province ?? option.value) } }),
  data: `q:${questionId}:${SLOT_CODE[slot]}:${option.value}`,
});

/** The question and one button per reading, numbered so that it can be answered by typing too. */
export function clarifyReply(result: ClarifyAnswer, questionId?: number): MessagePayload {
  const lines = [{ key: result.key, params: result.params }];
  if (questionId === undefined) return { lines };
  return { lines, buttons: result.options.map((o, i) => [clarifyButton(questionId, result.slot, o, i)]) };
}
