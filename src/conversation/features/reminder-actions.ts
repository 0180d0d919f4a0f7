import { formatLocalDate } from '../../domain/calendar/local-time.js';
import type { OccurrenceAction } from '../../services/reminder-service.js';
import { say, typedForm, type Feature, type Turn } from '../context.js';

const actions: Record<string, OccurrenceAction> = { a: 'ack', s: 'snooze', d: 'done' };

// Typed replies, folded: what people answer when they cannot (or do not) press the buttons.
const TYPED: [RegExp, string][] = [
  [/^(da )?xong( roi)?$|^done$|^hoan thanh$/, 'd'],
  [/^(da )?nhan( duoc)?$|^got it$/, 'a'],
  [/^nhac (lai|sau)( sau)?( 1 ngay)?$|^mai nhac$|^remind (me )?later$|^snooze$/, 's'],
];
const typedCode = (folded: string) => TYPED.find(([re]) => re.test(folded))?.[1];

// A typed "done" refers to the last reminder the person received, if it is recent enough to be what they mean.
const TYPED_REACH_MS = 7 * 86_400_000;

async function typedData(turn: Turn): Promise<string | undefined> {
  const code = typedCode(typedForm(turn.incoming.text ?? ''));
  const last = await turn.deps.outbox.lastSent(turn.person.id, 'reminder', new Date(turn.now.getTime() - TYPED_REACH_MS));
  return last?.payload.buttons?.flat().find((b) => b.data?.startsWith(`r:${code}:`))?.data;
}

/** The buttons under a reminder, r:<a|s|d>:<occurrence key>, and their typed twins ("xong", "đã nhận", "nhắc lại"). */
export const reminderActions: Feature = {
  buttons: ['r:'],
  typed: (folded) => typedCode(folded) !== undefined,
  async handle(turn) {
    const { person, now, deps } = turn;
    const data = turn.incoming.data ?? (await typedData(turn));
    if (!turn.incoming.data && !data) return [say('reminders:action.nothingToAnswer')];
    const [, code, ...rest] = (data ?? '').split(':');
    const action = actions[code ?? ''];
    if (!action) return [say('common:button.expired')];
    const result = await deps.reminders.act({ key: rest.join(':'), action, personId: person.id, now });
    if (!result.ok) return [say(`reminders:action.${result.reason}`)];
    return [say(`reminders:action.${action}`, { task: result.title, due: formatLocalDate(result.occurrence.dueOn) })];
  },
};
