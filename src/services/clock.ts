/** Where services read the time, so tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: for tests and `reminders preview`. */
export function manualClock(start: Date) {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(to: Date) {
      current = new Date(to);
    },
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
  };
}
