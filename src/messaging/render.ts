import type { TFunction } from 'i18next';
import type { MessagePayload, OutgoingMessage } from './message.js';

export function render(t: TFunction, payload: MessagePayload): OutgoingMessage {
  const text = payload.lines.map((l) => t(l.key, l.params ?? {})).join('\n');
  const buttons = payload.buttons?.map((row) => row.map((b) => ({ text: t(b.key, b.params ?? {}), data: b.data })));
  const attachments = payload.attachments?.map(({ summary, ...file }) => (summary ? { ...file, summary: t(summary.key, summary.params ?? {}) } : file));
  return { text, ...(buttons?.length ? { buttons } : {}), ...(attachments?.length ? { attachments } : {}) };
}
