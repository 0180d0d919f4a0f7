import { addDays, formatLocalDate, isValidLocalDate, type LocalDate } from '../../domain/calendar/local-time.js';
import { buttonKindsOf } from '../../messaging/buttons.js';
import type { MessagePayload } from '../../messaging/message.js';
import { say, type Feature, type Turn } from '../context.js';
import { guidedFlow, storedFlow, type Outcome } from '../flow.js';
import { MAX_EXTENSION_DAYS } from '../../services/extension-service.js';

/** "31/7/2026" → "2026-07-31". */
function parseDate(text: string): LocalDate | undefined {
  const m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isValidLocalDate(iso) ? iso : undefined;
}

/** Reasons are read by people and kept as evidence: a few words at least, not a whole letter. */
const MIN_REASON = 3;
const MAX_REASON = 500;
const readReason = (text: string) => text.trim().replace(/\s+/g, ' ').slice(0, MAX_REASON);

const cancel = { button: 'extension.cancel' as const, label: { key: 'reminders:extension.cancel' as const }, done: say('reminders:extension.cancelled') };
const expired = say('reminders:extension.expired');

interface RequestData {
  step: 'date' | 'reason';
  key: string;
  dueOn?: LocalDate;
}

/** The deadline as it stands now, or why it cannot be extended (done since, or asked for meanwhile). */
async function targetOf(turn: Turn, key: string) {
  return turn.deps.reminders.extensions.target(key, turn.person.id);
}

const refusal = (reason: 'unknown' | 'not_yours' | 'already_done' | 'pending'): MessagePayload => (reason === 'pending' ? say('reminders:extension.pending') : say(`reminders:action.${reason}`));

/** A focal point's request: the new date, then the reason; sent to the province's supervisors. */
const requestFlow = guidedFlow<RequestData>({
  name: 'extension-request',
  steps: {
    date: {
      async ask(turn, data) {
        const found = await targetOf(turn, data.key);
        if (!found.ok) return refusal(found.reason);
        const { task, dueOn } = found.target;
        return { lines: [{ key: 'reminders:extension.askDate', params: { task: task.title, due: formatLocalDate(dueOn), example: formatLocalDate(addDays(dueOn, 14)) } }] };
      },
      async typed(turn, data, text): Promise<Outcome<RequestData>> {
        const found = await targetOf(turn, data.key);
        if (!found.ok) return { done: [refusal(found.reason)] };
        const example = formatLocalDate(addDays(found.target.dueOn, 14));
        const dueOn = parseDate(text);
        if (!dueOn) return { again: [{ key: 'reminders:extension.badDate', params: { value: text.trim(), example } }] };
        const problem = turn.deps.reminders.extensions.dateProblem(found.target, dueOn, turn.now);
        if (problem) return { again: [{ key: `reminders:extension.${problem.key}`, params: { due: formatLocalDate(found.target.dueOn), days: MAX_EXTENSION_DAYS, max: formatLocalDate(problem.max) } }] };
        return { next: { ...data, step: 'reason', dueOn } };
      },
    },
    reason: {
      ask: (_turn, data) => ({ lines: [{ key: 'reminders:extension.askReason', params: { date: formatLocalDate(data.dueOn!) } }] }),
      async typed(turn, data, text): Promise<Outcome<RequestData>> {
        const reason = readReason(text);
        if (reason.length < MIN_REASON) return { again: [{ key: 'reminders:extension.emptyReason' }] };
        const found = await targetOf(turn, data.key);
        if (!found.ok) return { done: [refusal(found.reason)] };
        const sent = await turn.deps.reminders.extensions.request({ target: found.target, dueOn: data.dueOn!, reason, personId: turn.person.id, now: turn.now });
        if (!sent) return { done: [say('reminders:extension.noSupervisor')] };
        return { done: [say('reminders:extension.sent', { task: found.target.task.title, date: formatLocalDate(data.dueOn!), due: formatLocalDate(found.target.dueOn), count: sent })] };
      },
    },
  },
  cancel,
  expired,
});

interface DeclineData {
  step: 'reason';
  id: number;
}

const decideRefusal = (reason: 'unknown' | 'notYours' | 'alreadyDecided') => say(`reminders:extension.${reason}`);

/** A supervisor's decline: the reason, which the focal point is told. */
const declineFlow = guidedFlow<DeclineData>({
  name: 'extension-decline',
  steps: {
    reason: {
      async ask(turn, data) {
        const found = await turn.deps.reminders.extensions.pending(data.id, turn.person.id);
        if (!found.ok) return decideRefusal(found.reason);
        return { lines: [{ key: 'reminders:extension.askDeclineReason', params: { task: found.task, agency: found.agency } }] };
      },
      async typed(turn, data, text): Promise<Outcome<DeclineData>> {
        const reason = readReason(text);
        if (reason.length < MIN_REASON) return { again: [{ key: 'reminders:extension.emptyReason' }] };
        const result = await turn.deps.reminders.extensions.decide({ id: data.id, personId: turn.person.id, approve: false, reason, now: turn.now });
        if (!result.ok) return { done: [decideRefusal(result.reason)] };
        return { done: [say('reminders:extension.declined', { task: result.task, agency: result.agency })] };
      },
    },
  },
  cancel,
  expired,
});

/**
 * "Xin gia hạn" under a reminder: the focal point gives a new date and a reason; the province's supervisors approve
 * (the reminders move to the new date) or decline with a reason the focal point is told.
 */
export const extensions: Feature = {
  buttons: buttonKindsOf('extensions'),
  flows: [requestFlow.name, declineFlow.name],
  async handle(turn) {
    const pressed = turn.button;
    if (pressed?.kind === 'extension.request') {
      const found = await targetOf(turn, pressed.key);
      if (!found.ok) return [refusal(found.reason)];
      return requestFlow.start(turn, { step: 'date', key: pressed.key });
    }
    if (pressed?.kind === 'extension.approve') {
      const result = await turn.deps.reminders.extensions.decide({ id: pressed.id, personId: turn.person.id, approve: true, now: turn.now });
      if (!result.ok) return [decideRefusal(result.reason)];
      return [say('reminders:extension.approved', { task: result.task, agency: result.agency, date: formatLocalDate(result.extension.requestedDueOn) })];
    }
    if (pressed?.kind === 'extension.decline') {
      const found = await turn.deps.reminders.extensions.pending(pressed.id, turn.person.id);
      if (!found.ok) return [decideRefusal(found.reason)];
      return declineFlow.start(turn, { step: 'reason', id: pressed.id });
    }
    const flow = (await storedFlow(turn))?.flow;
    return (flow === declineFlow.name ? declineFlow : requestFlow).handle(turn);
  },
};

