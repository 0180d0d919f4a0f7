import { boundWords, cutInput } from './bounds.js';
import { createIndex } from './matcher.js';
import { createSpeller, normalise } from './normalise.js';
import { spellNumbers } from './number-words.js';
import { isLookalike } from './out-of-scope.js';
import { PHRASINGS } from './phrasings.js';
import { PROVINCES } from './provinces.js';
import { createRecent } from '../text/recent.js';
import { SLOT_WORDS, extractSlots, type Slots } from './slots.js';
import { DEFAULT_SUGGESTIONS, isTopic, type Intent, type TopicId } from './topics.js';

/** What the bot made of a message. */
export interface Understood {
  text: string;
  /** The message as the matcher read it: folded, shorthand expanded, misspellings corrected. */
  normalised: string;
  intent: Intent;
  /** 0 … 1: how closely the message matched the best topic's phrasings. */
  confidence: number;
  slots: Slots;
  /** The closest topics after the chosen one (or instead of it, when unsure), for buttons. */
  suggestions: TopicId[];
}

/**
 * Words that carry no topic: politeness, pronouns, particles (folded). English words that
 * fold into Vietnamese ones stay out ("that" is thất in thất nghiệp).
 */
const STOP_WORDS = new Set([
  'a', 'oi', 'nhe', 'nha', 'vay', 'v', 'z', 'ha', 'nhi', 'ad', 'admin', 'em', 'anh', 'chi', 'minh', 'cho', 'hoi',
  'xin', 'la', 'thi', 'ma', 'voi', 'va', 'roi', 'nay', 'ay', 'u', 'uh', 'vui', 'long',
  'xbreak', 'i', 'me', 'my', 'is', 'are', 'am', 'an', 'the', 'what', 'this', 'in', 'on', 'at', 'with', 'by', 'to', 'of', 'for', 'does', 'be', 'please', 'you', 'it', 'there', 'any', 'will', 'would',
]);

interface Example {
  intent: Intent;
  terms: string[];
}

interface Matcher {
  index: ReturnType<typeof createIndex<Example>>;
  spell: (text: string) => string;
}

/** The name of the scheme itself says nothing about which of its topics is asked. */
const SCHEME_NAME = /\b(?:bhxh tu nguyen|bao hiem xa hoi tu nguyen|bao hiem xa hoi|bhxh|bao hiem|tu nguyen|voluntary social insurance|social insurance|voluntary insurance|voluntary)\b/g;

/**
 * Sentence ends and commas become the word "xbreak", so that negation does not reach across
 * them and a message can be cut into its questions; decimals ("3,5") have no space after.
 */
export function markClauses(text: string): string {
  return text.replace(/[?!;\n]+|[.,:](?=\s|$)/g, ' xbreak ');
}

/** The message as every reader sees it: bounded, folded, clause ends marked, numbers in digits. */
export function prepare(text: string, spell?: (text: string) => string): string {
  const plain = boundWords(spellNumbers(normalise(markClauses(cutInput(text)))));
  return spell ? spell(plain) : plain;
}

export function termsOf(text: string, spell?: (text: string) => string): { normalised: string; slots: Slots; terms: string[] } {
  const normalised = prepare(text, spell);
  const { slots, delexicalised } = extractSlots(normalised, cutInput(text));
  const terms = delexicalised.replace(SCHEME_NAME, ' ').split(' ').filter((w) => w.length > 1 && !STOP_WORDS.has(w));
  return { normalised, slots, terms };
}

let matcher: Matcher | undefined;

/**
 * Built once: the phrasings never change while the process runs. The service builds it as it starts (prepareMatcher),
 * so that the first citizens to write do not wait for it and its scaffolding is not garbage among their replies.
 */
function getMatcher(): Matcher {
  if (matcher) return matcher;
  const examples: Example[] = [];
  const vocabulary = new Map<string, number>([...SLOT_WORDS, ...STOP_WORDS, ...PROVINCES.flatMap((p) => p.aliases.join(' ').split(' '))].map((w) => [w, 0]));
  for (const [intent, phrasings] of Object.entries(PHRASINGS) as [Intent, string[]][]) {
    for (const phrasing of phrasings) {
      const { normalised, terms } = termsOf(phrasing);
      normalised.split(' ').forEach((w) => vocabulary.set(w, (vocabulary.get(w) ?? 0) + 1));
      examples.push({ intent, terms });
    }
  }
  const index = createIndex(examples.map((e) => ({ item: e, words: e.terms })));
  matcher = { index, spell: createSpeller(vocabulary) };
  return matcher;
}

export function prepareMatcher(): void {
  getMatcher();
}

/** Best score per intent, best first (0 is a perfect match). */
export function rank(terms: string[]): [Intent, number][] {
  if (!terms.length) return [];
  const { index } = getMatcher();
  const best = new Map<Intent, number>();
  for (const r of index.search(terms, 50)) {
    if (!best.has(r.item.intent)) best.set(r.item.intent, r.score ?? 1);
  }
  // On a tie with the questions the bot must not answer, it does not answer: never guess.
  const outOfScopeFirst = (a: Intent, b: Intent) => Number(b === 'out_of_scope') - Number(a === 'out_of_scope');
  return [...best].sort((a, b) => a[1] - b[1] || outOfScopeFirst(a[0], b[0]));
}

const PAYMENT_TOPICS = new Set<Intent>(['monthly_payment', 'rate_by_category', 'payment_modes', 'calculator']);

/** What the slots say about the topic that the words alone cannot. */
/** Asking what one pays, not what one is given. */
const PAYS = /\b(?:phai dong|dong bao nhieu|dong het|dong it nhat|dong toi thieu|dong toi da|dong thap nhat|dong cao nhat|phai tra|tra bao nhieu|(?:i|we|do i|does \w+|to) pay|pay (?:per|each|every|bao nhieu)|how much \w+ \w+ phai dong)\b/;
/** Asking what the State (or anyone) gives. */
const SUPPORT = /\b(?:ho tro|support|subsid\w*|tro cap|help|give|gives|get|state|government|nha nuoc|ngan sach)\b/;
/** The State as the one who pays. */
const STATE_GIVES = /\b(?:does|do|will|would) the (?:state|government) (?:pay|support|give|cover)\b|\bnha nuoc (?:ho tro|tra|dong|cho|chi)\b/;
/** Asking what a province adds on top, not the support as a whole. */
const EXTRA = /\b(?:them|extra|add|adds|added|more|top ?ups?|ngoai|rieng|dia phuong|local|provincial|tinh|thanh pho|city|province|hdnd)\b/;

export function refine(intent: Intent, slots: Slots, normalised = ''): Intent {
  // "How much do poor households pay" is about the payment, even in words close to the rate's.
  if (intent === 'rate_by_category' && PAYS.test(normalised) && !SUPPORT.test(normalised)) intent = 'monthly_payment';
  // "How much does the State pay" asks for the support, not the payment.
  if (intent === 'monthly_payment' && STATE_GIVES.test(normalised)) intent = 'rate_by_category';
  // A province named in a question about support or payment asks for both parts, which those
  // answers show; the top-up topic is for asking what the province adds.
  if (intent === 'province_topup' && slots.province && !EXTRA.test(normalised)) {
    if (SUPPORT.test(normalised)) intent = 'rate_by_category';
    else if (PAYS.test(normalised)) intent = 'monthly_payment';
  }
  // A chosen income turns a question about paying into a calculation; without one the
  // calculator has nothing to calculate and the answer is the payment at the minimum.
  if (PAYMENT_TOPICS.has(intent) && slots.income !== undefined) return 'calculator';
  if (intent === 'calculator') return 'monthly_payment';
  // "Before July 2025" about a rate asks for the rate that was replaced.
  if (intent === 'rate_by_category' && slots.when?.before) return 'rate_history';
  return intent;
}

/**
 * How many messages' readings are kept. A reading depends on the text alone (never on the date: "next year" is
 * resolved when answering), and on the day a policy changes thousands of people ask the same few questions in the
 * same words. Only short messages are kept, so that the memory stays bounded (about a megabyte).
 */
export const KEPT_READINGS = 2000;
export const KEPT_CHARS = 200;
const readings = createRecent<Understood>(KEPT_READINGS);

/**
 * The topic of a message and what it says (category, income, date, province, payment period).
 * The topic comes from a token search over the phrasings (matcher.ts), refined by the slots.
 * The result is frozen: it may be handed to the next person who writes the same words.
 */
export function understand(text: string): Understood {
  if (text.length > KEPT_CHARS) return read(text);
  return readings.get(text) ?? readings.set(text, frozen(read(text)));
}

function read(text: string): Understood {
  const { spell } = getMatcher();
  const { normalised, slots, terms } = termsOf(text, spell);
  const ranked = rank(terms);
  // A look-alike (compulsory or health insurance, maternity, withdrawal…) is never answered.
  const [best, score] = isLookalike(normalised) ? (['out_of_scope', 0] as const) : (ranked[0] ?? ['out_of_scope', 1]);
  const intent = refine(best, slots, normalised);
  const others = ranked.map(([i]) => i).filter((i): i is TopicId => isTopic(i) && i !== intent);
  const suggestions = (others.length ? others : DEFAULT_SUGGESTIONS).slice(0, 3);
  return { text, normalised, intent, confidence: Math.round((1 - score) * 1000) / 1000, slots, suggestions };
}

/** A reading and everything in it made read-only. */
function frozen(understood: Understood): Understood {
  const { slots } = understood;
  Object.freeze(slots.categories);
  Object.freeze(slots.when);
  if (slots.unsure) Object.freeze(Object.freeze(slots.unsure).options);
  Object.freeze(slots);
  Object.freeze(understood.suggestions);
  return Object.freeze(understood);
}
