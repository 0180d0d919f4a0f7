/**
 * The values of the keys used most recently, at most `limit` of them: a cache whose memory does not grow with the
 * messages read. A key read again moves to the back, so what people keep asking stays and a one-off goes first.
 */
export function createRecent<V>(limit: number) {
  const kept = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      const value = kept.get(key);
      if (value !== undefined) {
        kept.delete(key);
        kept.set(key, value);
      }
      return value;
    },
    set(key: string, value: V): V {
      if (kept.size >= limit) kept.delete(kept.keys().next().value!);
      kept.set(key, value);
      return value;
    },
    get size(): number {
      return kept.size;
    },
  };
}

export type Recent<V> = ReturnType<typeof createRecent<V>>;
