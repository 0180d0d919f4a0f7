import { editDistance } from '../text/closest.js';
import { METRICS, normaliseName } from './metrics.js';

/** The typed name closest to `typed`, for "did you mean …?"; none when nothing is close. */
export function suggestName(typed: string): string | undefined {
  const wanted = normaliseName(typed);
  let best: { alias: string; distance: number } | undefined;
  for (const alias of METRICS.flatMap((m) => m.aliases.slice(1)).filter((a) => /^[a-z_]+$/.test(a))) {
    const distance = editDistance(wanted, normaliseName(alias));
    if (!best || distance < best.distance) best = { alias, distance };
  }
  // Two edits cover a missing letter plus a swapped one, the usual phone typos, without matching unrelated words.
  return best && best.distance <= Math.min(2, Math.floor(wanted.length / 3)) ? best.alias : undefined;
}
