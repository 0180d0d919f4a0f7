import { expect, test } from 'vitest';
import { createApp } from '../../src/app.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { createLogger } from '../../src/logger.js';
import { manualClock } from '../../src/services/clock.js';
import { freshDatabaseUrl } from '../support/databases.js';
import { SEED_PLANS, testConfig } from '../support/test-app.js';

/** What the service logs when it starts on `date`, with the holiday file it ships (2025 to 2027). */
async function startLog(date: string): Promise<{ message: string; years?: number[] }[]> {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', write: (line) => lines.push(line) });
  const app = await createApp({ config: testConfig(await freshDatabaseUrl('sqlite', { plans: SEED_PLANS })), logger, clock: manualClock(atLocalTime(date, '09:00')) });
  await app.close();
  return lines.map((l) => JSON.parse(l) as { message: string; years?: number[] });
}

test('a year in use without holiday data is said once at start; a covered one is not', async () => {
  const missing = (await startLog('2027-03-01')).filter((l) => l.message.startsWith('no holiday calendar'));
  expect(missing).toEqual([expect.objectContaining({ years: [2028] })]);
  expect((await startLog('2026-11-30')).filter((l) => l.message.startsWith('no holiday calendar'))).toEqual([]);
});
