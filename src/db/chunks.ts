/**
 * Reads rows for a long list of keys a slice at a time: SQLite caps the parameters of one
 * statement, and a province's year of deadlines or a thousand agencies goes past it.
 */
export async function readInChunks<K, R>(keys: readonly K[], read: (slice: K[]) => Promise<R[]>, size = 500): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < keys.length; i += size) out.push(...(await read(keys.slice(i, i + size))));
  return out;
}
