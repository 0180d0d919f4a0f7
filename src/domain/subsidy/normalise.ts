import Fuse from 'fuse.js';
import { fold } from '../text/fold.js';
import { expandAbbreviations } from './abbreviations.js';
import { cleanPunctuation } from './punctuation.js';

/** Folded, cleaned, shorthand expanded: the form every matcher reads. */
export function normalise(text: string): string {
  return expandAbbreviations(cleanPunctuation(fold(text)));
}

/**
 * Corrects misspelt words against a known vocabulary (word → how often the phrasings use
 * it) with fuse.js. Only words of four letters or more that the vocabulary lacks are touched,
 * into a word with the same first letter, at most one letter off (two for words of seven
 * letters or more, or between words of the same length, so that swapped letters are fixed);
 * among equally close words the one of the same length, then the more used one wins.
 * Words are matched with their edges marked, so that "like" is not taken for the "lie" in "lieu".
 */
export function createSpeller(vocabulary: ReadonlyMap<string, number>): (text: string) => string {
  const fuse = new Fuse([...vocabulary.keys()].map((w) => `_${w}_`), { includeScore: true, threshold: 0.3, ignoreLocation: true });
  const cache = new Map<string, string>();
  const correct = (word: string): string => {
    if (word.length < 4 || vocabulary.has(word) || !/^[a-z]+$/.test(word)) return word;
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    const score = (errors: number) => errors / (word.length + 2) + 0.01;
    // One letter off; two only for long words, or for a word of the same length (swapped letters).
    const close = fuse
      .search(`_${word}_`, { limit: 10 })
      .filter((r) => r.item[1] === word[0])
      .filter((r) => (r.score ?? 1) <= score(1) || ((word.length >= 7 || (word.length >= 5 && r.item.length === word.length + 2)) && (r.score ?? 1) <= score(2)));
    const best = close.filter((r) => r.score === close[0]!.score).map((r) => r.item.slice(1, -1));
    const lengthGap = (w: string) => Math.abs(w.length - word.length);
    const fixed = best.sort((a, b) => lengthGap(a) - lengthGap(b) || (vocabulary.get(b) ?? 0) - (vocabulary.get(a) ?? 0))[0] ?? word;
    // Chat text is unbounded: forget everything rather than grow without limit.
    if (cache.size > 10_000) cache.clear();
    cache.set(word, fixed);
    return fixed;
  };
  return (text) => text.split(' ').map(correct).join(' ');
}
