import type { TFunction } from 'i18next';
import { renderLine, renderLines, type Translate } from '../domain/text/line.js';
import { madeOnce } from '../domain/text/once.js';
import { createRecent, type Recent } from '../domain/text/recent.js';
import type { ButtonSpec, MessagePayload, OutgoingMessage, TextLine } from './message.js';

/** What each language (each `t`) has said already. */
interface Kept {
  say: Translate;
  /** Lines and buttons that cannot change (frozen: an answer given again), as said in this language. */
  lines: WeakMap<readonly TextLine[], string>;
  buttons: WeakMap<readonly ButtonSpec[][], OutgoingButtons>;
}
type OutgoingButtons = NonNullable<OutgoingMessage['buttons']>;

const kept = new WeakMap<TFunction, Kept>();
export const RECENT_TEXTS = 2000;

function keptFor(t: TFunction): Kept {
  let k = kept.get(t);
  if (!k) kept.set(t, (k = { say: sayWith(t), lines: new WeakMap(), buttons: new WeakMap() }));
  return k;
}

/**
 * `t`'s texts, by key and values: the same key with the same values says the same words every time, and answers
 * repeat (the same categories, provinces and amounts), so i18next is asked once for each. The texts that take no
 * values are kept for good (there are as many as keys); those with values are kept for the most recent
 * RECENT_TEXTS, so that the memory does not grow with the number of questions answered.
 */
function sayWith(t: TFunction): Translate {
  const plain = new Map<string, string>();
  const recent: Recent<string> = createRecent(RECENT_TEXTS);
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

/** i18next's `t` as the domain's translate function, which knows nothing of i18next. */
export function translateWith(t: TFunction): Translate {
  return keptFor(t).say;
}

/** Buttons given to every message that answers the same (a channel must not change them). */
function frozen(rows: OutgoingButtons): OutgoingButtons {
  for (const row of rows) {
    for (const button of row) Object.freeze(button);
    Object.freeze(row);
  }
  return Object.freeze(rows) as OutgoingButtons;
}

export function render(t: TFunction, payload: MessagePayload): OutgoingMessage {
  const { say, lines, buttons: said } = keptFor(t);
  const text = madeOnce(lines, payload.lines, (l) => renderLines(l, say));
  const buttons = payload.buttons && madeOnce(said, payload.buttons, (rows) => frozen(rows.map((row) => row.map((b) => ({ text: renderLine(b, say), data: b.data })))));
  const attachments = payload.attachments?.map(({ summary, ...file }) => (summary ? { ...file, summary: renderLine(summary, say) } : file));
  return { text, ...(buttons?.length ? { buttons } : {}), ...(attachments?.length ? { attachments } : {}) };
}
