/**
 * `make(key)`, made once for a key that cannot change (frozen) and kept while the key lives; made afresh for any
 * other key. The answers given again are frozen (domain/subsidy/multi-topic.ts), and what is made from them repeats.
 */
export function madeOnce<K extends object, V>(made: WeakMap<K, V>, key: K, make: (key: K) => V): V {
  if (!Object.isFrozen(key)) return make(key);
  let value = made.get(key);
  if (value === undefined) made.set(key, (value = make(key)));
  return value;
}
