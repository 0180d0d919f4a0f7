import type { Answer } from '../../domain/subsidy/index.js';
import { madeOnce } from '../../domain/text/once.js';

/** One answer as logged: enough to tell whether a later reply to the same question differs. */
export interface AnswerDigest {
  kind: Answer['kind'];
  intent: string;
  key: string;
  /** Every figure and value shown, main text and lines together ("lines.2.pays" for a line's). */
  figures: Record<string, string>;
}

/** The answers to one message in the form the question log keeps. */
export function digest(answers: readonly Answer[]): AnswerDigest[] {
  return answers.map((a) => {
    const figures: Record<string, string> = {};
    for (const [k, v] of Object.entries(a.params)) figures[k] = String(v);
    if (a.kind === 'clarify') a.options.forEach((o, i) => (figures[`option.${i}`] = o.value));
    if (a.kind !== 'fallback') a.lines.forEach((l) => Object.entries(l.params).forEach(([k, v]) => (figures[`${l.key}.${k}`] = typeof v === 'object' ? JSON.stringify(v) : String(v))));
    return { kind: a.kind, intent: a.intent, key: a.key, figures };
  });
}

/** digest(answers) as the question log stores it: once for answers given again (frozen, as answerMessage keeps them). */
export function digestText(answers: readonly Answer[]): string {
  return madeOnce(texts, answers, (a) => JSON.stringify(digest(a)));
}

const texts = new WeakMap<readonly Answer[], string>();

/** What changed between two digests of the same question, as "name: before → after" (empty when nothing did). */
export function changes(before: readonly AnswerDigest[], after: readonly AnswerDigest[]): string[] {
  const out: string[] = [];
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    const a = before[i];
    const b = after[i];
    const where = n > 1 ? `#${i + 1} ` : '';
    if (!a || !b) {
      out.push(`${where}${a ? `${a.kind} ${a.intent}` : '-'} → ${b ? `${b.kind} ${b.intent}` : '-'}`);
      continue;
    }
    if (a.kind !== b.kind || a.intent !== b.intent || a.key !== b.key) out.push(`${where}${a.kind} ${a.intent} (${a.key}) → ${b.kind} ${b.intent} (${b.key})`);
    for (const k of new Set([...Object.keys(a.figures), ...Object.keys(b.figures)])) {
      if (a.figures[k] !== b.figures[k]) out.push(`${where}${k}: ${a.figures[k] ?? '-'} → ${b.figures[k] ?? '-'}`);
    }
  }
  return out;
}
