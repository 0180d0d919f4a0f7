/** One `key=value` as typed, before the key or value is understood. */
export interface RawPair {
  key: string;
  value: string;
}

export interface SplitLine {
  /** Text before the first `key=`: a bare period such as `quý 3/2026`, or a mistake. */
  leading: string;
  pairs: RawPair[];
  /** Text between a closing quote and the next key, which belongs to nothing. */
  stray: string[];
}

// A key is a word directly before `=`, at the start or after a space.
const KEY = /(?<!\S)([\p{L}\p{M}\p{N}_-]+)\s*=\s*/gu;
// Telegram on phones turns "…" into “…”; « » and „ “ come from other keyboards.
const DOUBLE_OPEN = '"“”„«';
const DOUBLE_CLOSE = '"“”»';

/**
 * Splits `/capnhat tunguyen=1250 ghichu=tăng do tuyên truyền ky=Q3 2026` into pairs. A value
 * runs to the next `key=` or the end of the line, so a note may contain spaces; a quoted
 * value runs to its closing quote, so a note may also contain `=`.
 */
export function splitUpdateLine(text: string): SplitLine {
  const body = text.replace(/^\s*\/\S+/, '');
  const first = nextKey(body, 0);
  const out: SplitLine = { leading: body.slice(0, first?.index ?? body.length).trim(), pairs: [], stray: [] };
  for (let key = first; key; ) {
    const valueStart = key.index + key[0].length;
    const quoted = readQuoted(body, valueStart);
    const next = nextKey(body, quoted ? quoted.end : valueStart);
    const valueEnd = next?.index ?? body.length;
    out.pairs.push({ key: key[1]!, value: quoted ? quoted.value : body.slice(valueStart, valueEnd).trim() });
    const rest = quoted ? body.slice(quoted.end, valueEnd).trim() : '';
    if (rest) out.stray.push(rest);
    key = next;
  }
  return out;
}

function nextKey(body: string, from: number): RegExpExecArray | null {
  KEY.lastIndex = from;
  return KEY.exec(body);
}

function readQuoted(body: string, at: number): { value: string; end: number } | undefined {
  const open = body[at];
  if (open === undefined) return undefined;
  const closers = open === "'" ? "'" : DOUBLE_OPEN.includes(open) ? DOUBLE_CLOSE : undefined;
  if (!closers) return undefined;
  for (let i = at + 1; i < body.length; i++) {
    if (closers.includes(body[i]!)) return { value: body.slice(at + 1, i).trim(), end: i + 1 };
  }
  // An unclosed quote: the value is the rest of the line, which is what was meant.
  return { value: body.slice(at + 1).trim(), end: body.length };
}
