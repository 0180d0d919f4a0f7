import type { Db, Provider } from '../db/connect.js';

/**
 * Send slots shared by every instance on one database: `reserve` books `count` slots `gapMs` apart, starting no
 * earlier than `notBefore`, and returns when the first one starts (ms since the epoch); `pauseUntil` moves every
 * instance's next slot after a 429.
 */
export interface SharedBudget {
  reserve(count: number, gapMs: number, notBefore: number): Promise<number>;
  pauseUntil(at: number): Promise<void>;
}

/**
 * A platform's send slots, booked in the database so that every instance on it shares one limit. Each booking is
 * one statement: the row's `nextAt` moves forward atomically, so two instances never get the same slot.
 */
export function createRateBudget(db: Db, provider: Provider, channel: string): SharedBudget {
  const pg = provider === 'postgresql';
  const greatest = pg ? 'GREATEST' : 'MAX';
  // Typed parameters: PostgreSQL would otherwise take `$1 + 3600000` for integer arithmetic.
  const ms = (i: number) => `CAST(${pg ? `$${i}` : '?'} AS ${pg ? 'DOUBLE PRECISION' : 'REAL'})`;
  const text = (i: number) => (pg ? `$${i}` : '?');
  let ready: Promise<unknown> | undefined;
  const ensureRow = () => (ready ??= db.$executeRawUnsafe(`INSERT INTO "RateBudget" ("channel", "nextAt") VALUES (${text(1)}, 0) ON CONFLICT ("channel") DO NOTHING`, channel));
  return {
    async reserve(count, gapMs, notBefore) {
      await ensureRow();
      // A budget left far ahead (a clock set wrong, a long pause) is not honoured beyond an hour.
      const rows = await db.$queryRawUnsafe<{ nextAt: number }[]>(
        `UPDATE "RateBudget" SET "nextAt" = CASE WHEN "nextAt" > ${ms(1)} + 3600000 THEN ${ms(2)} ELSE ${greatest}("nextAt", ${ms(3)}) END + ${ms(4)} WHERE "channel" = ${text(5)} RETURNING "nextAt"`,
        notBefore, notBefore, notBefore, count * gapMs, channel,
      );
      return Number(rows[0]!.nextAt) - count * gapMs;
    },
    async pauseUntil(at) {
      await ensureRow();
      await db.$executeRawUnsafe(`UPDATE "RateBudget" SET "nextAt" = ${greatest}("nextAt", ${ms(1)}) WHERE "channel" = ${text(2)}`, at, channel);
    },
  };
}
