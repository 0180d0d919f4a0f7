import { isStaffChat } from '../citizen/hand-off.js';
import { isFocal, isSupervisor, type Feature } from '../context.js';
import type { TextLine } from '../../messaging/message.js';

export const help: Feature = {
  commands: ['help', 'trogiup'],
  async handle(turn) {
    const { person } = turn;
    const lines: TextLine[] = [{ key: 'common:help.title' }, { key: 'common:help.everyone' }, { key: 'common:help.questions' }];
    if (isFocal(person)) lines.push({ key: 'common:help.focal' }, { key: 'common:help.progressFocal' });
    if (isSupervisor(person)) lines.push({ key: 'common:help.supervisor' }, { key: 'common:help.progressSupervisor' });
    if (isStaffChat(turn) || isSupervisor(person)) lines.push({ key: 'common:help.staff' });
    if (!isFocal(person) && !isSupervisor(person)) lines.push({ key: 'common:help.citizen' });
    return [{ lines }];
  },
};
