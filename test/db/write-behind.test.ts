import { describe, expect, test } from 'vitest';
import { createWriteBehind } from '../../src/db/write-behind.js';

/** A store whose writes can be held open or made to fail, recording each batch it was given. */
function store() {
  const batches: number[][] = [];
  let failNext = false;
  let gate: Promise<void> | undefined;
  let onStart: (() => void) | undefined;
  return {
    batches,
    failOnce: () => void (failNext = true),
    /** Holds the next write open until `release` is called; `started` resolves when it begins. */
    hold() {
      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      const started = new Promise<void>((resolve) => (onStart = resolve));
      return { started, release: () => release() };
    },
    async write(rows: number[]) {
      if (failNext) {
        failNext = false;
        throw new Error('database unavailable');
      }
      const open = gate;
      gate = undefined;
      onStart?.();
      await open;
      batches.push(rows);
    },
  };
}

describe('rows written behind the reply', () => {
  test('rows added in one turn of the event loop are written in one batch, and flush waits for it', async () => {
    const s = store();
    const queue = createWriteBehind((rows: number[]) => s.write(rows));
    for (const n of [1, 2, 3]) queue.add(n);
    expect(s.batches).toEqual([]);
    await queue.flush();
    expect(s.batches).toEqual([[1, 2, 3]]);
    expect(queue.pending).toBe(0);
  });

  test('rows added while a write is under way go in the next one; a batch never exceeds its size', async () => {
    const s = store();
    const queue = createWriteBehind((rows: number[]) => s.write(rows), { maxRows: 2 });
    const gate = s.hold();
    queue.add(1);
    const first = queue.flush();
    // Added while the first write is held open.
    await gate.started;
    for (const n of [2, 3, 4]) queue.add(n);
    gate.release();
    await first;
    expect(s.batches).toEqual([[1]]);
    await queue.flush();
    expect(s.batches).toEqual([[1], [2, 3], [4]]);
  });

  test('a failed write loses nothing: its rows are written with the next ones', async () => {
    const s = store();
    const failures: number[] = [];
    const queue = createWriteBehind((rows: number[]) => s.write(rows), { onError: (_e, rows) => failures.push(rows) });
    s.failOnce();
    queue.add(1);
    queue.add(2);
    await expect(queue.flush()).rejects.toThrow('database unavailable');
    expect(failures).toEqual([2]);
    queue.add(3);
    await queue.flush();
    expect(s.batches).toEqual([[1, 2, 3]]);
  });
});
