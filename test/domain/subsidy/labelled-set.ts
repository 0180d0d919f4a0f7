import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Answer } from '../../../src/domain/subsidy/answer-types.js';
import type { Rules } from '../../../src/domain/subsidy/rules-schema.js';
import { wrongFigures, type Truth } from './figure-oracle.js';

export interface LabelledQuestion {
  q: string;
  /** The topic; for a message that asks two things, `intents` lists them in the order asked. Figures named "-" must not be shown. */
  intent: string;
  intents?: string[];
  tags?: string[];
  /** The classes reported apart (negation, categories, province-vi, …); tags count as classes too. */
  classes?: string[];
  kind?: 'answer' | 'error' | 'clarify';
  figures?: Record<string, string>;
  /** The question's real reading: every figure stated must agree with the calculator's for it. */
  truth?: Truth;
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

/** The classes a question is reported in: its own, its tags, and out of scope for what the bot must not answer. */
export function classesOf(item: LabelledQuestion): string[] {
  const fromTags = (item.tags ?? []).map((t) => ({ nodiac: 'diacritic-free', en: 'english', typo: 'shorthand-typos', oos: 'out-of-scope' })[t] ?? t);
  return [...new Set([...(item.classes ?? []), ...fromTags, ...(item.intent === 'out_of_scope' ? ['out-of-scope'] : [])])];
}

export interface Score {
  total: number;
  /** Questions answered right: the topic(s), the kind of reply and every figure. */
  correct: number;
  intentHits: number;
  figures: number;
  figureHits: number;
  misses: string[];
  wrongFigures: string[];
  oosAnswered: string[];
  /** Per class: questions and how many were answered right. */
  classes: Map<string, { total: number; correct: number }>;
}

/** Runs the labelled questions through `ask` and scores topics, kinds and figures. */
export function score(questions: LabelledQuestion[], ask: (q: string) => Answer[], oracle?: { rules: Rules; today: string }): Score {
  const s: Score = { total: questions.length, correct: 0, intentHits: 0, figures: 0, figureHits: 0, misses: [], wrongFigures: [], oosAnswered: [], classes: new Map() };
  for (const item of questions) {
    const answers = ask(item.q);
    const got = answers.map((a) => a.intent);
    const expected = item.intents ?? [item.intent];
    const hit = got.length === expected.length && got.every((g, i) => g === expected[i]);
    let right = hit;
    if (hit) s.intentHits++;
    else s.misses.push(`${item.q}  expected ${expected.join(' + ')}, got ${got.join(' + ')}${answers[0]?.kind === 'clarify' ? ' (clarify)' : ''}`);
    if (item.intent === 'out_of_scope' && answers.some((a) => a.kind !== 'fallback')) s.oosAnswered.push(`${item.q}  answered as ${got.join(' + ')}`);
    // A figure is wrong whenever it is stated and differs from the rules, whatever the topic.
    const wrong = oracle && item.truth ? wrongFigures(answers, item.truth, oracle.rules, oracle.today) : [];
    for (const w of wrong) s.wrongFigures.push(`${item.q}  ${w}`);
    if (wrong.length) right = false;
    if (hit) {
      const first = answers[0]!;
      if (item.kind && first.kind !== item.kind) {
        right = false;
        // Asking or declining instead of answering is a miss, never a wrong figure.
        const message = `${item.q}  expected a ${item.kind}, got ${first.kind} (${first.kind !== 'fallback' ? first.key : ''})`;
        if (first.kind === 'clarify' || first.kind === 'fallback') s.misses.push(message);
        else s.wrongFigures.push(message);
      }
      const shown = Object.assign({}, ...answers.map(shownFigures)) as Record<string, string>;
      for (const [name, value] of Object.entries(item.figures ?? {})) {
        s.figures++;
        // "-": this must not be shown (a province read from words that are not one).
        if (value === '-' ? shown[name] === undefined : shown[name] === value) s.figureHits++;
        else if (value === '-') {
          right = false;
          s.wrongFigures.push(`${item.q}  ${name}: must not be shown, shown ${shown[name]}`);
        }
        else {
          right = false;
          if (shown[name] === undefined) s.misses.push(`${item.q}  ${name}: expected ${value}, not shown`);
          else s.wrongFigures.push(`${item.q}  ${name}: expected ${value}, shown ${shown[name]}`);
        }
      }
    }
    if (right) s.correct++;
    for (const c of classesOf(item)) {
      const entry = s.classes.get(c) ?? { total: 0, correct: 0 };
      entry.total++;
      if (right) entry.correct++;
      s.classes.set(c, entry);
    }
  }
  return s;
}
