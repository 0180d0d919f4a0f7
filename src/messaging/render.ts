import type { TFunction } from 'i18next';
import { renderLine, renderLines, type Translate } from '../domain/text/line.js';
import { createRecent, type Recent } from '../domain/text/recent.js';
import type { MessagePayload, OutgoingMessage } from './message.js';

/**
 * Each `t`'s texts, by key and values: the same key with the same values says the same words every time, and
 * answers repeat (the same categories, provinces and amounts), so i18next is asked once for each. The texts that
 * take no values are kept for good (there are as many as keys); those with values are kept for the most recent
 * RECENT_TEXTS, so that the memory does not grow with the number of questions answered.
 */
const texts = new WeakMap<TFunction, { plain: Map<string, string>; recent: Recent<string> }>();
export const RECENT_TEXTS = 2000;

/** i18next's `t` as the domain's translate function, which knows nothing of i18next. */
export function translateWith(t: TFunction): Translate {
  let kept = texts.get(t);
  if (!kept) texts.set(t, (kept = { plain: new Map(), recent: createRecent(RECENT_TEXTS) }));
  const { plain, recent } = kept;
  return (key, params) => {
    if (!params) {
      let text = plain.get(key);
      if (text === undefined) plain.set(key, (text = t(key, {})));
      return text;
    }
    const id = `${key}\u0000${JSON.stringify(params)}`;
    return recent.get(id) ?? recent.set(id, t(key, params));
  };
}

export function render(t: TFunction, payload: MessagePayload): OutgoingMessage {
  const say = translateWith(t);
  const text = renderLines(payload.lines, say);
  const buttons = payload.buttons?.map((row) => row.map((b) => ({ text: renderLine(b, say), data: b.data })));
  const attachments = payload.attachments?.map(({ summary, ...file }) => (summary ? { ...file, summary: renderLine(summary, say) } : file));
  return { text, ...(buttons?.length ? { buttons } : {}), ...(attachments?.length ? { attachments } : {}) };
}
