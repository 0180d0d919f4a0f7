import { formatLocalDate } from '../../domain/calendar/local-time.js';
import type { OccurrenceAction } from '../../services/reminder-service.js';
import { say, typedForm, type Feature, type Turn } from '../context.js';
import { buttonKindsOf, decodeButton, type Button, type ButtonOf } from '../../messaging/buttons.js';

type ReminderKind = 'reminder.ack' | 'reminder.snooze' | 'reminder.done';
const actions: Record<ReminderKind, OccurrenceAction> = { 'reminder.ack': 'ack', 'reminder.snooze': 'snooze', 'reminder.done': 'done' };
const isReminderButton = (b: Button | undefined): b is ButtonOf<ReminderKind> => !!b && b.kind in actions;

// Typed replies, folded: what people answer when they cannot (or do not) press the buttons.
export const TYPED_REMINDER_ANSWERS: [RegExp, ReminderKind][] = [
  [/^(da )?xong( roi)?$|^done$|^hoan thanh$/, 'reminder.done'],
  [/^(da )?nhan( duoc)?$|^got it$/, 'reminder.ack'],
  [/^nhac (lai|sau)( sau)?( 1 ngay)?$|^mai nhac$|^remind (me )?later$|^snooze$/, 'reminder.snooze'],
];
const typedKind = (folded: string) => TYPED_REMINDER_ANSWERS.find(([re]) => re.test(folded))?.[1];

// A typed "done" refers to the last reminder the person received, if it is recent enough to be what they mean.
const TYPED_REACH_MS = 7 * 86_400_000;

async function typedButton(turn: Turn): Promise<Button | undefined> {
  const kind = typedKind(typedForm(turn.incoming.text ?? ''));
  const last = await turn.deps.outbox.lastSent(turn.person.id, 'reminder', new Date(turn.now.getTime() - TYPED_REACH_MS));
  return last?.payload.buttons?.flat().map((b) => decodeButton(b.data ?? '')).find((b) => b?.kind === kind);
}

/** The buttons under a reminder (ack, snooze, done an occurrence) and their typed twins ("xong", "đã nhận", "nhắc lại"). */
export const reminderActions: Feature = {
  buttons: buttonKindsOf('reminders'),
  typed: (folded) => typedKind(folded) !== undefined,
  async handle(turn) {
    const { person, now, deps } = turn;
    const button = turn.incoming.data ? turn.button : await typedButton(turn);
    if (!turn.incoming.data && !button) return [say('reminders:action.nothingToAnswer')];
    if (!isReminderButton(button)) return [say('common:button.expired')];
    const action = actions[button.kind];
    const result = await deps.reminders.act({ key: button.key, action, personId: person.id, now });
    if (!result.ok) return [say(`reminders:action.${result.reason}`)];
    return [say(`reminders:action.${action}`, { task: result.title, due: formatLocalDate(result.occurrence.dueOn) })];
  },
};
