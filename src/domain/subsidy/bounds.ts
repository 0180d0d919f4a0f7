/**
 * Limits on what one message costs to understand. Chat text is unbounded; a question is not:
 * the longest real questions are a few sentences. Cutting before any fuzzy matching keeps every
 * message within a few milliseconds, whatever someone pastes.
 */

/** Characters of the raw message read at all (folding and cleaning are linear, but not free). */
export const MAX_INPUT_CHARS = 1_000;
/** Words of the normalised message that the slots and the topic matcher read. */
export const MAX_WORDS = 60;
/** A word longer than this is noise (a pasted link, a key held down), not a word to correct. */
export const MAX_WORD_LENGTH = 24;

/** The raw message cut to MAX_INPUT_CHARS, at a space when there is one near the cut. */
export function cutInput(text: string): string {
  if (text.length <= MAX_INPUT_CHARS) return text;
  const cut = text.slice(0, MAX_INPUT_CHARS);
  const space = cut.lastIndexOf(' ');
  return space > MAX_INPUT_CHARS - 50 ? cut.slice(0, space) : cut;
}

/**
 * Normalised words with repeats said once ("can ngheo can ngheo can ngheo" → "can ngheo"),
 * over-long words dropped, at most MAX_WORDS kept.
 */
export function boundWords(normalised: string): string {
  const words = normalised.split(' ').filter((w) => w.length > 0 && w.length <= MAX_WORD_LENGTH);
  const kept: string[] = [];
  for (const w of words) {
    kept.push(w);
    // A run of one to four words said again right after itself is dropped.
    for (let n = 1; n <= 4 && kept.length >= 2 * n; n++) {
      const end = kept.length;
      let same = true;
      for (let k = 0; k < n && same; k++) same = kept[end - 1 - k] === kept[end - 1 - n - k];
      if (same) {
        kept.length = end - n;
        break;
      }
    }
    if (kept.length >= MAX_WORDS) break;
  }
  return kept.join(' ');
}
