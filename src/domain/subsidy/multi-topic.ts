import { answer, DEFAULT_THRESHOLD, type AnswerOptions } from './answer.js';
import type { Answer } from './answer-types.js';
import { cutInput } from './bounds.js';
import { withChoice, type Choice } from './clarify.js';
import { normalise } from './normalise.js';
import { SLOT_TOKENS } from './slots.js';
import { isTopic, type Intent } from './topics.js';
import { KEPT_CHARS, KEPT_READINGS, refine, termsOf, understand, type Understood } from './understand.js';
import { createRecent, type Recent } from '../text/recent.js';
import type { Rules } from './rules-schema.js';

/**
 * Where a message may hold a second question: sentence ends, and the words that join two
 * questions ("và", ", còn", "ngoài ra", "and", "also"). Other commas are left alone: they
 * join categories and amounts far more often than questions.
 */
const CLAUSE_BREAK = /[?!;\n]+|\.(?=\s|$)|,\s*(?:còn|con)\s|\s(?:và|va|ngoài ra|ngoai ra|với lại|voi lai|and|also|plus)\s/giu;
/** At most this many topics are answered from one message. */
const MAX_TOPICS = 3;
const SLOT_WORDS = new Set<string>(Object.values(SLOT_TOKENS));
/** A part is a question of its own only when it asks something. */
const QUESTION = / (?:ai|bao nhieu|bao lau|may|o dau|dau|the nao|nao|gi|khong|chua|sao|how|what|where|when|who|which|can|do|does|is|are) /;

/** Topics whose answers overlap: two of the same group in one message are one question. */
const GROUP: Partial<Record<Intent, string>> = { monthly_payment: 'payment', calculator: 'payment', rate_by_category: 'rate', rate_history: 'rate' };

interface Part {
  intent: Intent;
  confidence: number;
  normalised: string;
}

/** The parts of a message that ask something of their own, understood; none when it is one question. */
function questionsIn(text: string): readonly Understood[] {
  const clauses = cutInput(text).split(CLAUSE_BREAK).map((c) => c.trim()).filter(Boolean);
  if (clauses.length < 2) return [];
  // A part must say something of its own besides a category or an amount: "hộ nghèo và cận nghèo" is one question.
  const asks = (clause: string) => QUESTION.test(` ${normalise(clause)} `) && termsOf(clause).terms.some((t) => !SLOT_WORDS.has(t));
  return Object.freeze(clauses.filter(asks).map(understand));
}

/** questionsIn, for the messages read lately (a reading depends on the text alone: see understand). */
const questions = createRecent<readonly Understood[]>(KEPT_READINGS);
const questionsOf = (text: string) => (text.length > KEPT_CHARS ? questionsIn(text) : (questions.get(text) ?? questions.set(text, questionsIn(text))));

/** The topics asked in separate parts of the message, in the order asked, one per group. */
function topicsOf(text: string, threshold: number): Part[] {
  const parts: Part[] = [];
  for (const u of questionsOf(text)) {
    if (!isTopic(u.intent) || u.confidence < threshold) continue;
    const group = GROUP[u.intent] ?? u.intent;
    if (parts.some((p) => (GROUP[p.intent] ?? p.intent) === group)) continue;
    parts.push({ intent: u.intent, confidence: u.confidence, normalised: u.normalised });
  }
  return parts.slice(0, MAX_TOPICS);
}

export interface MessageOptions extends AnswerOptions {
  /** The person's answer to a clarifying question about this message. */
  choice?: Choice;
}

/**
 * Every answer a message needs: one per topic it asks about (a message may ask two things:
 * the support rate and where to register), each read with what the whole message says (the
 * category, the province, the date). When a figure depends on something the message leaves
 * open, the one reply is the clarifying question; the topics are answered after the choice.
 *
 * The answers depend on the text, the rules, the day and the threshold alone, and people ask the same questions in
 * the same words: those of the most recent short messages are kept (per rules, as loaded), frozen, and given again.
 */
export function answerMessage(text: string, options: MessageOptions): Answer[] {
  if (options.choice || text.length > KEPT_CHARS) return answersTo(text, options);
  let kept = given.get(options.rules);
  if (!kept) given.set(options.rules, (kept = createRecent(KEPT_READINGS)));
  const key = `${options.today} ${options.threshold ?? DEFAULT_THRESHOLD} ${text}`;
  return kept.get(key) ?? kept.set(key, Object.freeze(answersTo(text, options).map(frozen)) as Answer[]);
}

const given = new WeakMap<Rules, Recent<Answer[]>>();

function answersTo(text: string, options: MessageOptions): Answer[] {
  const understood = options.choice ? withChoice(understand(text), options.choice) : understand(text);
  const parts = topicsOf(text, options.threshold ?? DEFAULT_THRESHOLD);
  if (parts.length < 2) return [answer(understood, options)];
  const answers = parts.map((p) => answer({ ...understood, intent: refine(p.intent, understood.slots, p.normalised), confidence: p.confidence } satisfies Understood, options));
  const question = answers.find((a) => a.kind === 'clarify');
  return question ? [question] : answers;
}

/** An answer made read-only, with what it holds of its own (the rules' objects it cites are left as they are). */
function frozen(a: Answer): Answer {
  Object.freeze(a.params);
  if ('suggestions' in a) Object.freeze(a.suggestions);
  if ('lines' in a) for (const line of Object.freeze(a.lines)) Object.freeze(Object.freeze(line).params);
  if ('basis' in a) Object.freeze(a.basis);
  if (a.kind === 'clarify') for (const option of Object.freeze(a.options)) Object.freeze(Object.freeze(option).params);
  return Object.freeze(a);
}
