import Fuse from 'fuse.js';
import { createSpeller, normalise } from './normalise.js';
import { PHRASINGS } from './phrasings.js';
import { PROVINCES } from './provinces.js';
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

/** Words that carry no topic: politeness, pronouns, particles (folded). */
const STOP_WORDS = new Set([
  'a', 'oi', 'nhe', 'nha', 'vay', 'v', 'z', 'ha', 'nhi', 'ad', 'admin', 'em', 'anh', 'chi', 'minh', 'toi', 'ban', 'cho', 'hoi',
  'xin', 'la', 'thi', 'ma', 'voi', 'va', 'thi', 'roi', 'co', 'nay', 'do', 'day', 'ay', 'u', 'uh', 'vui', 'long', 'giup',
  'i', 'me', 'my', 'is', 'are', 'am', 'the', 'an', 'to', 'of', 'for', 'does', 'be', 'please', 'you', 'it', 'there', 'any', 'will', 'would',
]);

interface Example {
  intent: Intent;
  text: string;
}

interface Matcher {
  fuse: Fuse<Example>;
  spell: (text: string) => string;
}

/** Underscores mark word edges, so fuse's per-word matching cannot find "ho" inside "hoi". */
const edged = (terms: string[]): string => terms.map((t) => `_${t}_`).join(' ');

function termsOf(text: string, spell?: (text: string) => string): { normalised: string; slots: Slots; terms: string[] } {
  const plain = normalise(text);
  const normalised = spell ? spell(plain) : plain;
  const { slots, delexicalised } = extractSlots(normalised);
  return { normalised, slots, terms: delexicalised.split(' ').filter((w) => w && !STOP_WORDS.has(w)) };
}

let matcher: Matcher | undefined;

/** Built once, on first use: the phrasings never change while the process runs. */
function getMatcher(): Matcher {
  if (matcher) return matcher;
  const examples: Example[] = [];
  const vocabulary = new Set<string>([...SLOT_WORDS, ...STOP_WORDS, ...PROVINCES.flatMap((p) => p.aliases.join(' ').split(' '))]);
  for (const [intent, phrasings] of Object.entries(PHRASINGS) as [Intent, string[]][]) {
    for (const phrasing of phrasings) {
      const { normalised, terms } = termsOf(phrasing);
      normalised.split(' ').forEach((w) => vocabulary.add(w));
      examples.push({ intent, text: edged(terms) });
    }
  }
  const fuse = new Fuse(examples, { keys: ['text'], useTokenSearch: true, includeScore: true, threshold: 0.3 });
  matcher = { fuse, spell: createSpeller(vocabulary) };
  return matcher;
}

/** Best score per intent, best first (fuse scores: 0 is a perfect match). */
function rank(terms: string[], fuse: Fuse<Example>): [Intent, number][] {
  if (!terms.length) return [];
  const best = new Map<Intent, number>();
  for (const r of fuse.search(edged(terms), { limit: 50 })) {
    if (!best.has(r.item.intent)) best.set(r.item.intent, r.score ?? 1);
  }
  return [...best].sort((a, b) => a[1] - b[1]);
}

const PAYMENT_TOPICS = new Set<Intent>(['monthly_payment', 'rate_by_category', 'payment_modes', 'calculator']);

/**
 * The topic of a message and what it says (category, income, date, province, payment period).
 * The topic comes from fuse.js token search over the phrasings; a chosen income turns any
 * question about payments into a calculation.
 */
export function understand(text: string): Understood {
  const { fuse, spell } = getMatcher();
  const { normalised, slots, terms } = termsOf(text, spell);
  const ranked = rank(terms, fuse);
  let [intent, score] = ranked[0] ?? ['out_of_scope', 1];
  if (slots.income !== undefined && (PAYMENT_TOPICS.has(intent) || (!terms.some((t) => !t.startsWith('x')) && !ranked.length))) intent = 'calculator';
  if (slots.income !== undefined && !ranked.length) [intent, score] = ['calculator', 0.2];
  const others = ranked.map(([i]) => i).filter((i): i is TopicId => isTopic(i) && i !== intent);
  const suggestions = (others.length ? others : DEFAULT_SUGGESTIONS).slice(0, 3);
  return { text, normalised, intent, confidence: Math.round((1 - score) * 1000) / 1000, slots, suggestions };
}
