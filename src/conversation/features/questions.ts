import { answer, isTopic, type Understood } from '../../domain/subsidy/index.js';
import { answerOptions, replyFor } from '../citizen/subsidy-reply.js';
import { handOff } from '../citizen/hand-off.js';
import { say, type Feature } from '../context.js';
import { startSubsidyFlow } from './subsidy-flow.js';

/** The follow-up buttons under an answer: a topic (`s:t:`) or a hand-off to staff (`s:h:`). */
export const questionButtons: Feature = {
  buttons: ['s:t:', 's:h:'],
  async handle(turn) {
    const [, kind, value = ''] = turn.args[0]!.split(':');
    if (kind === 'h') return handOff(turn, Number(value));
    if (!isTopic(value)) return [say('common:button.expired')];
    // The calculator needs the person's details: walk them through it.
    if (value === 'calculator') return startSubsidyFlow(turn);
    const understood: Understood = { text: '', normalised: '', intent: value, confidence: 1, slots: {}, suggestions: [] };
    return [replyFor(answer(understood, answerOptions(turn)))];
  },
};
