import { LineCounter, isMap, isSeq, parseDocument, type Document } from 'yaml';
import { addDays } from '../calendar/local-time.js';
import { provinceByCode } from './provinces.js';
import { rulesSchema, type Rules } from './rules-schema.js';
import type { Period, Sourced } from './types.js';

export interface RulesIssue {
  line: number;
  field: string;
  problem: string;
}

export type RulesParseResult = { ok: true; rules: Rules } | { ok: false; issues: RulesIssue[] };

/** Thrown by loadRules: the message lists every issue with its line and field. */
export class RulesError extends Error {
  constructor(readonly source: string, readonly issues: RulesIssue[]) {
    super(`${source} is not valid:\n${issues.map((i) => `  line ${i.line}, ${i.field || '(file)'}: ${i.problem}`).join('\n')}`);
    this.name = 'RulesError';
  }
}

type Path = (string | number)[];

function lineOf(doc: Document, counter: LineCounter, path: Path): number {
  // Walk down as far as the path exists: a missing field is reported at its parent.
  let node: unknown = doc.contents;
  let offset = 0;
  for (const key of path) {
    if (!(isMap(node) || isSeq(node))) break;
    offset = node.range?.[0] ?? offset;
    const next = node.get(key, true);
    if (next === undefined) break;
    node = next;
  }
  const range = (node as { range?: [number] }).range;
  return counter.linePos(range?.[0] ?? offset).line;
}

type Found = { path: Path; problem: string };

/** Entries of a series must follow one another without overlap or gap. */
function seriesIssues(name: string, entries: Period[]): Found[] {
  const out: Found[] = [];
  entries.forEach((e, i) => {
    if (e.until && e.until < e.from) out.push({ path: [name, i, 'until'], problem: `ends (${e.until}) before it starts (${e.from})` });
    const next = entries[i + 1];
    if (!next) return;
    if (next.from <= e.from) out.push({ path: [name, i + 1, 'from'], problem: `must start after the entry before it (${e.from}); keep entries in date order` });
    else if (e.until && next.from <= e.until) out.push({ path: [name, i + 1, 'from'], problem: `overlaps the entry before it, which runs until ${e.until}` });
    else if (e.until && next.from !== addDays(e.until, 1)) out.push({ path: [name, i + 1, 'from'], problem: `leaves a gap: the entry before it ends ${e.until}, so this one should start ${addDays(e.until, 1)}` });
  });
  const last = entries[entries.length - 1];
  if (last?.until) out.push({ path: [name, entries.length - 1, 'until'], problem: 'the last entry must stay open (no until): add a new entry for the rule that follows' });
  return out;
}

/** Values that are not certain must say why, so the operator knows what to check. */
function noteIssues(path: Path, value: Sourced): Found[] {
  return value.confidence !== 'high' && !value.note ? [{ path: [...path, 'note'], problem: `confidence is ${value.confidence}: add a note saying what is not certain` }] : [];
}

function crossIssues(rules: Rules): Found[] {
  const series = ['contributionRate', 'regimes', 'povertyLine', 'referenceLevel', 'income', 'paymentModes', 'pension'] as const;
  const out: Found[] = series.flatMap((name) => seriesIssues(name, rules[name]));
  const start = rules.regimes[0]!.from;
  for (const name of series) {
    if (rules[name][0]!.from > start) out.push({ path: [name, 0, 'from'], problem: `must cover ${start}, when the first regime starts` });
    rules[name].forEach((e, i) => out.push(...noteIssues([name, i], e)));
  }
  out.push(...noteIssues(['advanceDiscount'], rules.advanceDiscount));
  rules.advanceDiscount.monthlyRates.forEach((r, i) => out.push(...noteIssues(['advanceDiscount', 'monthlyRates', i], r)));
  for (const key of ['eligibility', 'hotline', 'registration'] as const) out.push(...noteIssues([key], rules[key]));
  rules.provinceTopUps.forEach((t, i) => {
    if (!provinceByCode(t.province)) out.push({ path: ['provinceTopUps', i, 'province'], problem: `unknown province code "${t.province}" (see src/domain/subsidy/provinces.ts)` });
    out.push(...noteIssues(['provinceTopUps', i], t));
  });
  const provinces = [...new Set(rules.provinceTopUps.map((t) => t.province))];
  for (const code of provinces) {
    const entries = rules.provinceTopUps.map((t, i) => ({ t, i })).filter((x) => x.t.province === code);
    entries.slice(1).forEach(({ t, i }, k) => {
      const before = entries[k]!.t;
      if (!before.until || t.from <= before.until) out.push({ path: ['provinceTopUps', i, 'from'], problem: `overlaps the earlier top-up of ${code}: give that one an until before ${t.from}` });
    });
  }
  return out;
}

/** Parses and validates the rules file; every problem names its line and field. */
export function parseRules(text: string): RulesParseResult {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length) {
    return { ok: false, issues: doc.errors.map((e) => ({ line: counter.linePos(e.pos[0]).line, field: '', problem: e.message.split('\n')[0]! })) };
  }
  const issue = (f: Found): RulesIssue => ({ line: lineOf(doc, counter, f.path), field: f.path.join('.'), problem: f.problem });
  const parsed = rulesSchema.safeParse(doc.toJS());
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => issue({ path: i.path as Path, problem: i.message })) };
  const cross = crossIssues(parsed.data);
  return cross.length ? { ok: false, issues: cross.map(issue) } : { ok: true, rules: parsed.data };
}

/** parseRules for callers that cannot go on without valid rules (start-up, tests). */
export function loadRules(text: string, source = 'data/subsidy/rules.yaml'): Rules {
  const result = parseRules(text);
  if (!result.ok) throw new RulesError(source, result.issues);
  return result.rules;
}
