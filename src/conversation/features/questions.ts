import { answer, isTopic, type Understood } from '../../domain/subsidy/index.js';
import { answerOptions, replyFor } from '../citizen/subsidy-reply.js';
import { handOff } from '../citizen/hand-off.js';
import { say, type Feature } from '../context.js';
import { buttonKindsOf } from '../../messaging/buttons.js';
import { pressedChoice } from './clarify.js';
import { startSubsidyFlow } from './subsidy-flow.js';

/** The buttons under an answer: a topic, a hand-off to staff, or an option of a clarifying question. */
export const questionButtons: Feature = {
  buttons: buttonKindsOf('questions'),
  async handle(turn) {
    const button = turn.button;
    if (button?.kind === 'question.handOff') return handOff(turn, button.questionId);
    if (button?.kind === 'question.category' || button?.kind === 'question.province') return pressedChoice(turn, button);
    const value = button?.kind === 'question.topic' ? button.topic : '';
    if (!isTopic(value)) return [say('common:button.expired')];
    // The calculator needs the person's details: walk them through it.
    if (value === 'calculator') return startSubsidyFlow(turn);
    const understood: Understood = { text: '', normalised: '', intent: value, confidence: 1, slots: {}, suggestions: [] };
    return [replyFor(answer(understood, answerOptions(turn)))];
  },
};
