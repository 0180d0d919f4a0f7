import { answerQuestion } from '../citizen/question-reply.js';
import { parseCommand } from '../core.js';
import { say, type Feature } from '../context.js';

/**
 * Registered last: anything no feature claimed. A plain message is a citizen's question;
 * an unknown command or a stale button gets said so.
 */
export const unknown: Feature = {
  async handle(turn) {
    const { incoming } = turn;
    if (incoming.data) return [say('common:button.expired')];
    const command = incoming.text ? parseCommand(incoming.text) : undefined;
    if (command) return [say('common:unknownCommand', { command: command.command })];
    const text = incoming.text?.trim();
    return text ? answerQuestion(turn, text) : [say('common:notUnderstood')];
  },
};
