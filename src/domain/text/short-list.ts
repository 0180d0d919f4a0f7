/** A few names and how many were left out, so a list of 300 agencies still fits a phone screen. */
export function shortList(names: readonly string[], max: number): { names: string; more: number } {
  return { names: names.slice(0, max).join(', '), more: Math.max(0, names.length - max) };
}
