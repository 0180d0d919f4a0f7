import type { TFunction } from 'i18next';
import type { App } from '../app.js';
import { formatLocalDateTime } from '../domain/calendar/local-time.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const STATES = ['pending', 'failed', 'blocked', 'undeliverable', 'skipped'] as const;
type State = (typeof STATES)[number];
const isState = (s: string): s is State => (STATES as readonly string[]).includes(s);

const perChannel = (counts: Record<string, number>) =>
  Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)).map(([channel, n]) => `${channel} ${n}`).join(', ') || '0';

/**
 * `status`: the figures GET /metrics gives a machine, for a person, from the database alone (this is another process
 * than the service): the outbox by status and channel, what was sent and given up lately, the planner's last run,
 * the reminders of the next 24 hours. Aligned `label: value` lines, or with `--json` one JSON object.
 */
export async function status(app: App, t: TFunction, out: (line: string) => void, options: { json?: boolean } = {}): Promise<number> {
  const now = app.clock.now();
  const ops = app.repos.operations;
  const [depth, sentHour, sentDay, failedHour, failedDay, lastRun, due] = await Promise.all([
    ops.depth(),
    ops.sentSince(new Date(now.getTime() - HOUR_MS)),
    ops.sentSince(new Date(now.getTime() - DAY_MS)),
    ops.failedSince(new Date(now.getTime() - HOUR_MS)),
    ops.failedSince(new Date(now.getTime() - DAY_MS)),
    ops.lastSchedulerRun(),
    app.reminders.preview(now, new Date(now.getTime() + DAY_MS)),
  ]);
  const nobody = due.filter((s) => s.personId === 0).length;
  if (options.json) {
    // For a monitoring script: the same figures, untranslated, times in UTC.
    out(JSON.stringify({
      now: now.toISOString(),
      outbox: depth.map((d) => ({ status: d.status, channel: d.channel, count: d.count })),
      sent: { lastHour: sentHour, lastDay: sentDay },
      failed: { lastHour: failedHour, lastDay: failedDay },
      lastSchedulerRun: lastRun?.toISOString() ?? null,
      remindersDueNextDay: { count: due.length, withNobody: nobody },
    }, null, 2));
    return 0;
  }
  const queued = depth
    .sort((a, b) => STATES.indexOf(a.status as State) - STATES.indexOf(b.status as State) || a.channel.localeCompare(b.channel))
    .map((d): [string, string] => [t('cli:status.outbox', { state: isState(d.status) ? t(`cli:status.state.${d.status}`) : d.status, channel: d.channel }), String(d.count)]);
  const rows: [string, string][] = [
    [t('cli:status.now'), t('cli:status.localTime', { time: formatLocalDateTime(now) })],
    ...(queued.length ? queued : [[t('cli:status.outboxLabel'), t('cli:status.empty')] as [string, string]]),
    [t('cli:status.sentHour'), perChannel(sentHour)],
    [t('cli:status.sentDay'), perChannel(sentDay)],
    [t('cli:status.failedHour'), perChannel(failedHour)],
    [t('cli:status.failedDay'), perChannel(failedDay)],
    [t('cli:status.lastRun'), lastRun ? t('cli:status.localTime', { time: formatLocalDateTime(lastRun) }) : t('cli:status.notRecorded')],
    [t('cli:status.dueNextDay'), nobody ? t('cli:status.dueWithNobody', { count: due.length - nobody, nobody }) : String(due.length)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  for (const [label, value] of rows) out(`${`${label}:`.padEnd(width)} ${value}`);
  return 0;
}
