import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { cli, SEED_PLANS } from '../support/test-app.js';

/** The step rows of `reminders preview`, each starting with its local date and time (dd/mm/yyyy hh:mm), that time made sortable. */
const stepLines = (stdout: string) =>
  stdout.split('\n').flatMap((l) => {
    const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d:\d\d) (.*)$/.exec(l);
    return m ? [`${m[3]}-${m[2]}-${m[1]} ${m[4]} ${m[5]!.trim().replace(/\s+/g, ' ')}`] : [];
  });

describe.each(DATABASES)('cli reminders preview (%s)', (kind) => {
  test('a year of the seed plans lists its steps in order, none before --from, the same as its two halves', { timeout: 120_000 }, async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const clock = manualClock(atLocalTime('2026-12-20', '09:00'));
    const preview = (from: string, to: string) => cli(['reminders', 'preview', '--from', from, '--to', to], databaseUrl, { clock });

    const year = await preview('2027-01-01', '2027-12-31');
    expect(year.code).toBe(0);
    const lines = stepLines(year.stdout);
    expect(lines.length).toBeGreaterThan(100);
    // Deadlines of late December 2026 have overdue steps fired before the range: they are not listed.
    expect(lines.filter((l) => l < '2027-01-01')).toEqual([]);
    expect(lines.filter((l) => l > '2027-12-31 99')).toEqual([]);
    expect(lines.map((l) => l.slice(0, 16))).toEqual(lines.map((l) => l.slice(0, 16)).sort());
    expect(year.stdout).toContain(`${lines.length}`);

    // The range is walked in windows; cut anywhere else, it lists the same steps.
    const halves = [...stepLines((await preview('2027-01-01', '2027-06-30')).stdout), ...stepLines((await preview('2027-07-01', '2027-12-31')).stdout)];
    expect(halves).toEqual(lines);
    // A range that starts just after a step fired does not list it again.
    const january = stepLines((await preview('2027-01-01', '2027-01-31')).stdout);
    const afterFirst = stepLines((await preview(january[0]!.slice(0, 10), '2027-01-31')).stdout);
    expect(afterFirst).toEqual(january.filter((l) => l >= january[0]!.slice(0, 10)));
  });
});
