import type { TextLine } from '../domain/text/line.js';

export type { TextLine };

/** How much of a name (a task's title) a button shows, cut on a word: about one line of a phone's screen. */
export const BUTTON_TITLE_LENGTH = 32;

/** A button's label, a line like any other, and what pressing it sends back. */
export type ButtonSpec = TextLine & {
  /** Short code sent back when pressed (Telegram allows 64 bytes). */
  data: string;
};

/**
 * A file that goes with a reply (a report spreadsheet, a chart). Telegram sends
 * it as a document or photo, the console writes it to a folder, Zalo gives a
 * link or a short text. Only replies carry files: the outbox stores JSON.
 */
export interface Attachment {
  kind: 'document' | 'photo';
  filename: string;
  mime: string;
  data: Buffer;
  /** A one-line text version, for channels that cannot send files. */
  summary?: TextLine;
}

/** Buttons laid out a few to a row, so they stay readable on a phone. */
export function rows<T>(items: readonly T[], perRow = 2): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += perRow) out.push(items.slice(i, i + perRow));
  return out;
}

/** A message before translation: what the outbox stores and the core returns. */
export interface MessagePayload {
  lines: TextLine[];
  buttons?: ButtonSpec[][];
  attachments?: Attachment[];
  /** Answer in this language rather than the chat's (a question asked in English). */
  language?: 'vi' | 'en';
}

export interface OutgoingAttachment extends Omit<Attachment, 'summary'> {
  summary?: string;
}

/** A message ready for a channel: translated text, buttons and files. */
export interface OutgoingMessage {
  text: string;
  buttons?: { text: string; data: string }[][];
  attachments?: OutgoingAttachment[];
}
