import { parseCommand } from '../core.js';
import { say, type Feature } from '../context.js';

/** Registered last: anything no feature claimed. */
export const unknown: Feature = {
  async handle({ incoming }) {
    if (incoming.data) return [say('common:button.expired')];
    const command = incoming.text ? parseCommand(incoming.text) : undefined;
    return [command ? say('common:unknownCommand', { command: command.command }) : say('common:notUnderstood')];
  },
};
