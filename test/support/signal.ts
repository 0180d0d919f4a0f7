/**
 * Something that happens again and again (a message reaching an emulator, the service falling idle), counted so
 * that a test can wait for the next time it happens instead of polling or sleeping.
 */
export class Signal {
  private count = 0;
  private waiters: (() => void)[] = [];

  /** How many times it has happened so far: read this before looking, then wait with `after`. */
  get seen(): number {
    return this.count;
  }

  notify(): void {
    this.count++;
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves once it has happened more than `seen` times: at once if it already has. */
  after(seen: number): Promise<void> {
    return this.count > seen ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
