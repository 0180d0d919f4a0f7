/** One line of text as an i18n key and its values, translated for the reader at send time. */
export interface TextLine {
  key: string;
  params?: Record<string, string | number>;
}

export interface ButtonSpec {
  key: string;
  params?: Record<string, string | number>;
  /** Short code sent back when pressed (Telegram allows 64 bytes). */
  data: string;
}

/** A message before translation: what the outbox stores and the core returns. */
export interface MessagePayload {
  lines: TextLine[];
  buttons?: ButtonSpec[][];
}

/** A message ready for a channel: translated text and buttons. */
export interface OutgoingMessage {
  text: string;
  buttons?: { text: string; data: string }[][];
}
