import type { TFunction } from 'i18next';
import { renderLine, renderLines, type Translate } from '../domain/text/line.js';
import type { MessagePayload, OutgoingMessage } from './message.js';

/** Each `t`'s texts that take no values, by key: the same words every time, so i18next is asked once. */
const plainTexts = new WeakMap<TFunction, Map<string, string>>();

/** i18next's `t` as the domain's translate function, which knows nothing of i18next. */
export function translateWith(t: TFunction): Translate {
  const plain = plainTexts.get(t) ?? new Map<string, string>();
  plainTexts.set(t, plain);
  return (key, params) => {
    if (params) return t(key, params);
    let text = plain.get(key);
    if (text === undefined) plain.set(key, (text = t(key, {})));
    return text;
  };
}

export function render(t: TFunction, payload: MessagePayload): OutgoingMessage {
  const say = translateWith(t);
  const text = renderLines(payload.lines, say);
  const buttons = payload.buttons?.map((row) => row.map((b) => ({ text: renderLine(b, say), data: b.data })));
  const attachments = payload.attachments?.map(({ summary, ...file }) => (summary ? { ...file, summary: renderLine(summary, say) } : file));
  return { text, ...(buttons?.length ? { buttons } : {}), ...(attachments?.length ? { attachments } : {}) };
}
