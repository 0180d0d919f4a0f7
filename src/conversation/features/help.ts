import { isFocal, isSupervisor, type Feature } from '../context.js';
import type { TextLine } from '../message.js';

export const help: Feature = {
  commands: ['help', 'trogiup'],
  async handle({ person }) {
    const lines: TextLine[] = [{ key: 'common:help.title' }, { key: 'common:help.everyone' }];
    if (isFocal(person)) lines.push({ key: 'common:help.focal' });
    if (isSupervisor(person)) lines.push({ key: 'common:help.supervisor' });
    if (!isFocal(person) && !isSupervisor(person)) lines.push({ key: 'common:help.citizen' });
    return [{ lines }];
  },
};
