import { fold } from '../text/fold.js';
import { expandAbbreviations } from './abbreviations.js';
import { cleanPunctuation } from './punctuation.js';

/** Folded, cleaned, shorthand expanded: the form every matcher reads. */
export function normalise(text: string): string {
  return expandAbbreviations(cleanPunctuation(fold(text)));
}

/**
 * Edit distance of `_word_` to the closest part of `_known_` (fuse.js's bitap measure, which
 * the speller used to call): a word may match a known one with letters to spare around it.
 */
function partDistance(word: string, known: string, limit: number): number {
  const p = `_${word}_`;
  const t = `_${known}_`;
  // Sellers: a match may start anywhere in t, so the first row is all zeros.
  let previous = new Array<number>(t.length + 1).fill(0);
  for (let i = 1; i <= p.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= t.length; j++) {
      const value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (p[i - 1] === t[j - 1] ? 0 : 1));
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = row;
  }
  return Math.min(...previous);
}

/**
 * Corrects misspelt words against a known vocabulary (word → how often the phrasings use
 * it). Only words of four letters or more that the vocabulary lacks are touched, into a word
 * with the same first letter, at most one letter off (two for words of seven letters or more,
 * or between words of the same length, so that swapped letters are fixed); among equally close
 * words the one of the same length, then the more used one wins. Words are matched with their
 * edges marked, so that "like" is not taken for the "lie" in "lieu".
 */
export function createSpeller(vocabulary: ReadonlyMap<string, number>): (text: string) => string {
  const byFirst = new Map<string, string[]>();
  for (const w of vocabulary.keys()) byFirst.set(w[0]!, [...(byFirst.get(w[0]!) ?? []), w]);
  const cache = new Map<string, string>();
  const correct = (word: string): string => {
    // Longer than any word of the language: noise, not a misspelling worth the search.
    if (word.length < 4 || word.length > 24 || vocabulary.has(word) || !/^[a-z]+$/.test(word)) return word;
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    const candidates = (byFirst.get(word[0]!) ?? [])
      .map((known) => ({ known, errors: partDistance(word, known, 2) }))
      .filter(({ known, errors }) => errors <= 1 || (errors === 2 && (word.length >= 7 || (word.length >= 5 && known.length === word.length))));
    const fewest = Math.min(...candidates.map((c) => c.errors));
    const lengthGap = (w: string) => Math.abs(w.length - word.length);
    const fixed =
      candidates
        .filter((c) => c.errors === fewest)
        .map((c) => c.known)
        .sort((a, b) => lengthGap(a) - lengthGap(b) || (vocabulary.get(b) ?? 0) - (vocabulary.get(a) ?? 0))[0] ?? word;
    // Chat text is unbounded: forget everything rather than grow without limit.
    if (cache.size > 10_000) cache.clear();
    cache.set(word, fixed);
    return fixed;
  };
  return (text) => text.split(' ').map(correct).join(' ');
}
