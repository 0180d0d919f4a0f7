import { describe, expect, onTestFinished, test } from 'vitest';
import { openDb } from '../../src/db/connect.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { LAST_RUN_SETTING } from '../../src/repositories/operations-repo.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { cli, SEED_PLANS } from '../support/test-app.js';

// Monday 29 June 2026, 07:00 in Vietnam: the last day on time for the plans' 30/6 reports, whose 08:00 reminders
// fall in the next 24 hours.
const NOW = atLocalTime('2026-06-29', '07:00');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

/** `cli status` as an operator reads it: the value after each label. */
const values = (stdout: string) => new Map(stdout.trim().split('\n').map((line) => {
  const at = line.indexOf(':');
  return [line.slice(0, at), line.slice(at + 1).trim()] as const;
}));

describe.each(DATABASES)('cli status (%s)', (kind) => {
  test('prints the outbox, what was sent and given up lately, the last planning run and the next day\'s reminders, in local time', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const db = await openDb(databaseUrl);
    onTestFinished(() => db.$disconnect());
    // A message given up was given up at its last attempt, when it was due.
    const row = (key: string, channel: string, status: string, notBefore: Date, sentAt?: Date) =>
      ({ dedupeKey: key, kind: 'notice', personId: 1, channel, chatId: '1', payload: '{"lines":[]}', status, notBefore, sentAt: sentAt ?? null, failedAt: ['failed', 'blocked', 'undeliverable'].includes(status) ? notBefore : null });
    await db.outbox.createMany({
      data: [
        row('p1', 'telegram', 'pending', ago(-60)), row('p2', 'telegram', 'pending', ago(-60)), row('p3', 'zalo', 'pending', ago(5)),
        row('s1', 'telegram', 'sent', ago(20), ago(10)), row('s2', 'zalo', 'sent', ago(40), ago(30)), row('s3', 'telegram', 'sent', ago(300), ago(290)),
        row('s4', 'telegram', 'sent', ago(2000), ago(1990)),
        row('f1', 'zalo', 'failed', ago(30)), row('f2', 'telegram', 'blocked', ago(600)),
      ],
    });
    await db.schedulerSetting.create({ data: { name: LAST_RUN_SETTING, value: ago(1).toISOString() } });
    const clock = manualClock(NOW);

    // What `reminders preview` lists for today: the next 24 hours hold today's 08:00 steps and none of tomorrow's.
    const preview = await cli(['reminders', 'preview', '--from', '2026-06-29', '--to', '2026-06-29', '--json'], databaseUrl, { clock });
    const steps = JSON.parse(preview.stdout) as { fireAt: string; step: string }[];
    const dueToday = steps.length;
    expect(steps).toContainEqual(expect.objectContaining({ fireAt: '2026-06-29T08:00:00+07:00', step: 'before-0' }));

    const en = await cli(['status'], databaseUrl, { clock, env: { DEFAULT_LANGUAGE: 'en' } });
    expect(en.code).toBe(0);
    expect(Object.fromEntries(values(en.stdout))).toEqual({
      'Now': '29/06/2026 07:00 (Vietnam time)',
      'Outbox, waiting, telegram': '2',
      'Outbox, waiting, zalo': '1',
      'Outbox, failed, zalo': '1',
      'Outbox, blocked, telegram': '1',
      'Sent in the last hour': 'telegram 1, zalo 1',
      'Sent in the last 24 hours': 'telegram 2, zalo 1',
      'Given up in the last hour': 'zalo 1',
      'Given up in the last 24 hours': 'telegram 1, zalo 1',
      'Last reminder planning run': '29/06/2026 06:59 (Vietnam time)',
      // Nobody has accepted an invite yet: every step is one with no recipient.
      'Reminders due in the next 24 hours': `0 (and ${dueToday} with no recipient)`,
    });
    // Aligned: every value starts in the same column.
    const columns = new Set(en.stdout.trim().split('\n').map((l) => l.length - l.slice(l.indexOf(':') + 1).trimStart().length));
    expect(columns.size).toBe(1);

    // The same figures for a monitoring script.
    const json = await cli(['status', '--json'], databaseUrl, { clock });
    expect(JSON.parse(json.stdout)).toEqual({
      now: NOW.toISOString(),
      outbox: expect.arrayContaining([{ status: 'pending', channel: 'telegram', count: 2 }, { status: 'pending', channel: 'zalo', count: 1 }, { status: 'failed', channel: 'zalo', count: 1 }, { status: 'blocked', channel: 'telegram', count: 1 }]),
      sent: { lastHour: { telegram: 1, zalo: 1 }, lastDay: { telegram: 2, zalo: 1 } },
      failed: { lastHour: { zalo: 1 }, lastDay: { telegram: 1, zalo: 1 } },
      lastSchedulerRun: ago(1).toISOString(),
      remindersDueNextDay: { count: dueToday, withNobody: dueToday },
    });

    const vi = await cli(['status'], databaseUrl, { clock });
    expect(values(vi.stdout).get('Hàng đợi gửi tin, chờ gửi, telegram')).toBe('2');
    expect(values(vi.stdout).get('Lần lập lịch nhắc gần nhất')).toBe('29/06/2026 06:59 (giờ Việt Nam)');
  });

  test('on an empty database says the outbox is empty and no run is recorded', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const result = await cli(['status'], databaseUrl, { clock: manualClock(atLocalTime('2026-07-04', '12:00')), env: { DEFAULT_LANGUAGE: 'en' } });
    expect(result.code).toBe(0);
    const printed = values(result.stdout);
    expect(printed.get('Outbox')).toBe('empty');
    expect(printed.get('Sent in the last hour')).toBe('0');
    expect(printed.get('Last reminder planning run')).toBe('not recorded');
  });
});
