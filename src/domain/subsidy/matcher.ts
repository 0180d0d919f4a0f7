/**
 * The topic matcher's scoring, on an inverted index built once. It scores as fuse.js token
 * search did (each query word found in a phrasing counts its idf; a word of ten letters or more
 * may be one letter off), but looks words up instead of scanning every phrasing with bitap,
 * so a question costs microseconds and a long message cannot cost seconds.
 */

import { createRecent } from '../text/recent.js';

export interface Doc<T> {
  item: T;
  /** Distinct words of the phrasing (slot tokens included). */
  words: readonly string[];
}

export interface Scored<T> {
  item: T;
  /** 0 is a perfect match, 1 none. */
  score: number;
}

/** Two rows of the distance table, reused: a message's long words are compared with every word of the vocabulary. */
let rows = [new Int32Array(64), new Int32Array(64)];

/** Edit distance of a and b, or limit + 1 as soon as it is certain to exceed limit. */
export function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (rows[0]!.length <= b.length) rows = [new Int32Array(b.length + 1), new Int32Array(b.length + 1)];
  let previous = rows[0]!;
  let row = rows[1]!;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      row[j] = value;
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    const done = previous;
    previous = row;
    row = done;
  }
  return previous[b.length]!;
}

/** fuse's bitap threshold 0.1 on the edged word "_word_": errors allowed. */
const allowedErrors = (word: string): number => Math.floor(0.1 * (word.length + 2));

/**
 * How many words' hits an index keeps. People ask in much the same words, and a long word is compared with the whole
 * vocabulary: kept, it costs that once. Bounded, so that memory does not grow with the messages read.
 */
export const KEPT_WORDS = 5000;

export function createIndex<T>(docs: readonly Doc<T>[]) {
  const postings = new Map<string, number[]>();
  docs.forEach((doc, i) => {
    for (const w of new Set(doc.words)) {
      const list = postings.get(w) ?? [];
      list.push(i);
      postings.set(w, list);
    }
  });
  const fieldCount = docs.filter((d) => d.words.length > 0).length;
  const vocabulary = [...postings.keys()];
  const idf = (word: string) => {
    const df = postings.get(word)?.length ?? 0;
    return Math.log(1 + (fieldCount - df + 0.5) / (df + 0.5));
  };

  /** A word's hits: the phrasings that hold it, and the word's score in each. */
  interface Hits {
    docs: Int32Array;
    scores: Float64Array;
  }
  const kept = createRecent<Hits>(KEPT_WORDS);
  /** hits(word), from those kept when it was looked up lately. */
  function hitsOf(word: string): Hits {
    return kept.get(word) ?? kept.set(word, hits(word));
  }

  /** Phrasings that hold the word, with the word's score in each (0.001 when exact, errors / length when near). */
  function hits(word: string): Hits {
    const found = new Map<number, number>();
    for (const i of postings.get(word) ?? []) found.set(i, 0.001);
    const limit = allowedErrors(word);
    if (limit > 0) {
      for (const other of vocabulary) {
        if (other === word) continue;
        const errors = boundedDistance(word, other, limit);
        if (errors > limit) continue;
        for (const i of postings.get(other)!) if (!found.has(i)) found.set(i, errors / (word.length + 2));
      }
    }
    return { docs: Int32Array.from(found.keys()), scores: Float64Array.from(found.values()) };
  }

  // One search at a time (it never waits), so its tallies are kept between searches instead of made for each: a
  // question's words touch hundreds of phrasings, and a map of them per question was most of what reading it cost.
  const weights = new Float64Array(docs.length);
  const scores = new Float64Array(docs.length);
  const seen = new Uint8Array(docs.length);
  const touched: number[] = [];
  const byScore = (a: number, b: number) => scores[a]! - scores[b]! || a - b;

  /** Phrasings best first; ties keep the phrasings' order. `words` may repeat: each counts. */
  function search(words: readonly string[], limit: number): Scored<T>[] {
    if (!words.length) return [];
    let possible = 0;
    for (const w of words) {
      const weight = idf(w);
      possible += weight;
      const found = hitsOf(w);
      for (let k = 0; k < found.docs.length; k++) {
        const i = found.docs[k]!;
        if (!seen[i]) {
          seen[i] = 1;
          touched.push(i);
        }
        weights[i] = weights[i]! + weight * (1 - found.scores[k]!);
      }
    }
    for (const i of touched) scores[i] = Math.max(0.001, possible > 0 ? 1 - weights[i]! / possible : 0);
    touched.sort(byScore);
    const best = touched.slice(0, limit).map((i) => ({ item: docs[i]!.item, score: scores[i]! }));
    for (const i of touched) {
      weights[i] = 0;
      seen[i] = 0;
    }
    touched.length = 0;
    return best;
  }

  return { search, keptWords: () => kept.size };
}
