import type { LocalDate } from '../calendar/local-time.js';

/** What can happen to a deadline, in the order the log lists things that happened at the same moment. */
export const LOG_KINDS = ['reminder', 'escalation', 'extension_requested', 'extension_approved', 'extension_declined', 'acknowledged', 'snoozed', 'done'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

/** A reminder's message as the outbox left it: delivered, given up (failed, blocked, undeliverable), or still waiting. */
export type Delivery = 'sent' | 'failed' | 'pending' | 'skipped';

/** One thing that happened to a deadline occurrence, as the evidence log shows it. */
export interface LogEntry {
  occurrenceKey: string;
  kind: LogKind;
  at: Date;
  /** Who was reminded, who acted or asked, who decided; null once a person was erased. */
  person: string | null;
  channel: string | null;
  /** Reminders only: whether the message reached the chat, and when it was sent or given up. */
  delivery?: { status: Delivery; at: Date | null };
  /** The ladder step of a reminder (`before-3`), the date a snooze runs to, an extension's new date and reason. */
  step?: string;
  snoozedUntil?: Date;
  extension?: { to: LocalDate; reason: string };
}

/** A deadline as the log heads its rows: its plan, task, agency, first date and the date an extension moved it to. */
export interface LoggedDeadline {
  key: string;
  plan: string;
  task: string;
  agency: string;
  dueOn: LocalDate;
  extendedTo?: LocalDate;
}

/** A deadline's entries in the order they happened; at the same instant, in the order of LOG_KINDS. */
export function inLogOrder(entries: readonly LogEntry[]): LogEntry[] {
  return [...entries].sort((a, b) => a.at.getTime() - b.at.getTime() || LOG_KINDS.indexOf(a.kind) - LOG_KINDS.indexOf(b.kind));
}

/** Reminder outbox statuses as the log names them: blocked and undeliverable chats were given up on, as failed. */
export function deliveryOf(status: string): Delivery {
  if (status === 'sent') return 'sent';
  if (status === 'pending') return 'pending';
  if (status === 'skipped') return 'skipped';
  return 'failed';
}
