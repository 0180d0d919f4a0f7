import { formatLocalDate } from '../../domain/calendar/local-time.js';
import type { OccurrenceAction } from '../../services/reminder-service.js';
import { say, typedForm, type Feature, type Turn } from '../context.js';
import type { MessagePayload } from '../../messaging/message.js';
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

/** A typed answer: its kind, and the deadline's number when the reminder listed several ("xong 2"). */
function typedAnswer(folded: string): { kind: ReminderKind; n?: number } | undefined {
  const whole = TYPED_REMINDER_ANSWERS.find(([re]) => re.test(folded))?.[1];
  if (whole) return { kind: whole };
  const numbered = /^(.*) (\d{1,2})$/.exec(folded);
  const kind = numbered && TYPED_REMINDER_ANSWERS.find(([re]) => re.test(numbered[1]!))?.[1];
  return kind ? { kind, n: Number(numbered[2]) } : undefined;
}

// A typed "done" refers to the last reminder the person received, if it is recent enough to be what they mean.
const TYPED_REACH_MS = 7 * 86_400_000;

/** The button a typed answer stands for, or what to say when it does not name one. */
async function typedButton(turn: Turn): Promise<{ button?: Button; reply?: MessagePayload }> {
  const answer = typedAnswer(typedForm(turn.incoming.text ?? ''));
  const last = await turn.deps.outbox.lastSent(turn.person.id, 'reminder', new Date(turn.now.getTime() - TYPED_REACH_MS));
  const mine = (last?.payload.buttons?.flat() ?? []).map((b) => decodeButton(b.data ?? '')).filter((b) => b?.kind === answer?.kind);
  if (!mine.length) return {};
  if (answer?.n === undefined) return mine.length > 1 ? { reply: say('reminders:bundle.whichOne', { count: mine.length }) } : { button: mine[0] };
  const button = mine[answer.n - 1];
  return button ? { button } : { reply: say('reminders:bundle.noSuchNumber', { n: answer.n, count: mine.length }) };
}

/** The buttons under a reminder (ack, snooze, done an occurrence) and their typed twins ("xong", "đã nhận", "nhắc lại"). */
export const reminderActions: Feature = {
  buttons: buttonKindsOf('reminders'),
  typed: (folded) => typedAnswer(folded) !== undefined,
  async handle(turn) {
    const { person, now, deps } = turn;
    const typed = turn.incoming.data ? {} : await typedButton(turn);
    if (typed.reply) return [typed.reply];
    const button = turn.incoming.data ? turn.button : typed.button;
    if (!turn.incoming.data && !button) return [say('reminders:action.nothingToAnswer')];
    if (!isReminderButton(button)) return [say('common:button.expired')];
    const action = actions[button.kind];
    const result = await deps.reminders.act({ key: button.key, action, personId: person.id, now, channel: turn.incoming.channel });
    if (!result.ok) return [say(`reminders:action.${result.reason}`)];
    return [say(`reminders:action.${action}`, { task: result.title, due: formatLocalDate(result.occurrence.dueOn) })];
  },
};
