import { fold, understand } from '../../domain/subsidy/index.js';
import { answerAndLog } from '../citizen/subsidy-reply.js';
import { say, type Feature } from '../context.js';

/**
 * In the one-line form a bare "6 tháng" or "2 năm" is the payment period (in a free
 * question it could be a date), so it is read here before the rest is understood.
 */
export function readPeriod(text: string): { months?: number; rest: string } {
  const folded = fold(text);
  const m = /\b(\d{1,2}) ?(thang|months?|nam|years?)\b/.exec(folded);
  if (!m) return { rest: text };
  const months = Number(m[1]) * (/^(nam|year)/.test(m[2]!) ? 12 : 1);
  return { months, rest: `${folded.slice(0, m.index)} ${folded.slice(m.index + m[0].length)}` };
}

/** One-line calculator: "/tinh can ngheo 3tr 6 thang ha noi". Whatever is left out takes its default. */
export const calc: Feature = {
  commands: ['calc', 'tinh'],
  async handle(turn) {
    const text = turn.args.join(' ');
    if (!text) return [say('citizen:calc.usage')];
    const { months, rest } = readPeriod(text);
    const understood = understand(rest);
    // The command says what is wanted; the words only fill in the details.
    const slots = months ? { ...understood.slots, months } : understood.slots;
    return [await answerAndLog(turn, `/tinh ${text}`, { ...understood, text, slots, intent: 'calculator', confidence: 1 })];
  },
};
