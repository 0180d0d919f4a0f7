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
