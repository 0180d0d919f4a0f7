import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Answer } from '../../../src/domain/subsidy/answer-types.js';

export interface LabelledQuestion {
  q: string;
  intent: string;
  tags?: string[];
  kind?: 'answer' | 'error';
  figures?: Record<string, string>;
}

export function readQuestions(file: string): { today: string; questions: LabelledQuestion[] } {
  return parse(readFileSync(join(import.meta.dirname, '../../fixtures/questions', file), 'utf8')) as { today: string; questions: LabelledQuestion[] };
}

/** Every figure an answer shows: its params and its lines' params in one map. */
export function shownFigures(a: Answer): Record<string, string> {
  if (a.kind === 'fallback') return {};
  const all = [a.params, ...a.lines.map((l) => l.params)];
  return Object.fromEntries(all.flatMap((p) => Object.entries(p).map(([k, v]) => [k, String(v)])));
}

export interface Score {
  total: number;
  intentHits: number;
  figures: number;
  figureHits: number;
  misses: string[];
  wrongFigures: string[];
  oosAnswered: string[];
}

/** Runs the labelled questions through `ask` and scores topic and figures. */
export function score(questions: LabelledQuestion[], ask: (q: string) => Answer): Score {
  const s: Score = { total: questions.length, intentHits: 0, figures: 0, figureHits: 0, misses: [], wrongFigures: [], oosAnswered: [] };
  for (const item of questions) {
    const a = ask(item.q);
    if (a.intent === item.intent) s.intentHits++;
    else s.misses.push(`${item.q}  expected ${item.intent}, got ${a.intent}`);
    if (item.intent === 'out_of_scope' && a.kind !== 'fallback') s.oosAnswered.push(`${item.q}  answered as ${a.intent}`);
    if (a.intent !== item.intent) continue;
    if (item.kind && a.kind !== item.kind) s.wrongFigures.push(`${item.q}  expected a ${item.kind}, got ${a.kind} (${a.kind !== 'fallback' ? a.key : ''})`);
    const shown = shownFigures(a);
    for (const [name, expected] of Object.entries(item.figures ?? {})) {
      s.figures++;
      if (shown[name] === expected) s.figureHits++;
      else s.wrongFigures.push(`${item.q}  ${name}: expected ${expected}, shown ${shown[name] ?? '(none)'}`);
    }
  }
  return s;
}
