import Fuse from 'fuse.js';
import { expandAbbreviations } from './abbreviations.js';
import { cleanPunctuation, fold } from './fold.js';

/** Folded, cleaned, shorthand expanded: the form every matcher reads. */
export function normalise(text: string): string {
  return expandAbbreviations(cleanPunctuation(fold(text)));
}

/**
 * Corrects misspelt words against a known vocabulary with fuse.js. Only words of four
 * letters or more that the vocabulary lacks are touched, and only into a word with the same
 * first letter and a similar length: short words are too ambiguous to guess at.
 */
export function createSpeller(vocabulary: Iterable<string>): (text: string) => string {
  const known = new Set(vocabulary);
  const fuse = new Fuse([...known], { includeScore: true, threshold: 0.4, ignoreLocation: true });
  const cache = new Map<string, string>();
  const correct = (word: string): string => {
    if (word.length < 4 || known.has(word) || !/^[a-z]+$/.test(word)) return word;
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    const limit = word.length <= 4 ? 0.25 : 0.4;
    const best = fuse
      .search(word, { limit: 5 })
      .find((r) => (r.score ?? 1) <= limit && r.item[0] === word[0] && Math.abs(r.item.length - word.length) <= 2);
    const fixed = best?.item ?? word;
    // Chat text is unbounded: forget everything rather than grow without limit.
    if (cache.size > 10_000) cache.clear();
    cache.set(word, fixed);
    return fixed;
  };
  return (text) => text.split(' ').map(correct).join(' ');
}
