/** `text` in at most `max` characters, cut after a whole word where there is one, with "…" when cut. */
export function shorten(text: string, max: number): string {
  const flat = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  if (chars.length <= max) return flat;
  const head = chars.slice(0, max - 1).join('');
  const space = chars[max - 1] === ' ' ? head.length : head.lastIndexOf(' ');
  // A single word longer than half the room is cut inside it rather than leaving the cell almost empty.
  const cut = space >= (max - 1) / 2 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s,;:.–-]+$/, '')}…`;
}
