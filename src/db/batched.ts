/**
 * A call made many times at once (a burst of first messages) run as one: the calls made in the same turn of the
 * event loop go to `run` together, which answers each in order; calls made while a batch runs wait for the next.
 * A batch that fails fails each of its calls.
 */
export function batched<I, O>(run: (items: I[]) => Promise<O[]>, maxItems = 100): (item: I) => Promise<O> {
  type Call = { item: I; resolve: (out: O) => void; reject: (error: unknown) => void };
  let queue: Call[] = [];
  let next: Promise<void> | undefined;
  let current: Promise<void> = Promise.resolve();

  async function runQueued(): Promise<void> {
    next = undefined;
    const calls = queue;
    queue = [];
    for (let i = 0; i < calls.length; i += maxItems) {
      const chunk = calls.slice(i, i + maxItems);
      try {
        const out = await run(chunk.map((c) => c.item));
        chunk.forEach((c, k) => c.resolve(out[k]!));
      } catch (e) {
        for (const c of chunk) c.reject(e);
      }
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      next ??= current = current.then(() => new Promise<void>((r) => setImmediate(r))).then(runQueued);
    });
}
