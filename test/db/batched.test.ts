import { describe, expect, test } from 'vitest';
import { batched } from '../../src/db/batched.js';

describe('calls made at once, run as one', () => {
  test('calls of one turn of the event loop go in one batch, each answered with its own result', async () => {
    const batches: number[][] = [];
    const double = batched(async (items: number[]) => {
      batches.push(items);
      return items.map((n) => n * 2);
    }, 3);
    expect(await Promise.all([1, 2, 3, 4].map(double))).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1, 2, 3], [4]]);
    expect(await double(5)).toBe(10);
    expect(batches).toEqual([[1, 2, 3], [4], [5]]);
  });

  test('callers resume one per turn of the event loop: what the first does next leaves before the second starts', async () => {
    const double = batched(async (items: number[]) => items.map((n) => n * 2));
    const seen: string[] = [];
    // A request's socket is written on process.nextTick: it runs only between turns, once the callers before yield.
    await Promise.all([1, 2, 3].map(async (n) => {
      const out = await double(n);
      seen.push(`resumed ${out}`);
      process.nextTick(() => seen.push(`sent ${out}`));
    }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['resumed 2', 'sent 2', 'resumed 4', 'sent 4', 'resumed 6', 'sent 6']);
  });

  test('a failed batch fails each of its calls, and the next batch runs', async () => {
    let fail = true;
    const call = batched(async (items: string[]) => {
      if (fail) throw new Error('database unavailable');
      return items.map((s) => s.toUpperCase());
    });
    const failed = await Promise.allSettled([call('a'), call('b')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await call('c')).toBe('C');
  });
});
