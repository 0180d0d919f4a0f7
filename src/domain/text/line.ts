import type { TextKey } from './keys.js';

export type { TextKey } from './keys.js';

/**
 * One line of a message. Mostly an i18n key and its values: the domain decides what to say and the
 * reader's language says it at send time. A value may itself be a line (a metric's or a period's
 * name), translated first.
 */
export interface KeyedLine {
  key: TextKey;
  params?: Record<string, LineParam>;
}

/**
 * Text shown as it is, never translated: a name from the database on a button, or a reply already
 * rendered that waits in the outbox for a retry.
 */
export interface VerbatimLine {
  text: string;
}

export type TextLine = KeyedLine | VerbatimLine;
export type LineParam = string | number | TextLine;

/** Says a key in the reader's language; the edges wrap i18next's `t` into this. */
export type Translate = (key: TextKey, params?: Record<string, string | number>) => string;

/**
 * Outbox rows stored before verbatim lines existed carried their text as `common:raw` with a
 * `{{text}}` template; the key is gone from the locales (and from TextKey, hence `string`), so such
 * a row is read back here. Only rows still waiting to go out are rendered again: this can go once
 * none older than the change is left.
 */
const LEGACY_RAW: string = 'common:raw';

export function renderLine(line: TextLine, t: Translate): string {
  if ('text' in line) return line.text;
  if (line.key === LEGACY_RAW) return String(line.params?.text ?? '');
  if (!line.params) return t(line.key);
  const params = Object.fromEntries(Object.entries(line.params).map(([k, v]) => [k, typeof v === 'object' ? renderLine(v, t) : v]));
  return t(line.key, params);
}

export function renderLines(lines: readonly TextLine[], t: Translate): string {
  return lines.map((line) => renderLine(line, t)).join('\n');
}
