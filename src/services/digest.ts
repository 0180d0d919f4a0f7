import { DateTime } from 'luxon';
import { addDays, formatLocalDate, localDateOf, ZONE } from '../domain/calendar/local-time.js';
import { focalAgencyIds, isEveryProvince, provinceWithin, supervisedProvinces } from '../domain/people/roles.js';
import { assumedDayLine } from '../domain/plans/task-day.js';
import { parsePeriodCode } from '../domain/progress/period.js';
import { shortList } from '../domain/text/short-list.js';
import type { TextLine } from '../messaging/message.js';
import type { Logger } from '../logger.js';
import type { AgenciesRepo } from '../repositories/agencies-repo.js';
import type { OutboxRepo } from '../repositories/outbox-repo.js';
import { toRole, type PeopleRepo } from '../repositories/people-repo.js';
import type { ProgressFiguresRepo } from '../repositories/progress-figures-repo.js';
import type { DeadlineStats } from './deadline-stats.js';
import type { ProgressService } from './progress-service.js';
import type { DeliveryFailuresRepo } from '../repositories/delivery-failures-repo.js';
import { undeliveredLine } from './undelivered.js';

export interface DigestDeps {
  people: PeopleRepo;
  agencies: AgenciesRepo;
  outbox: OutboxRepo;
  progressFigures: ProgressFiguresRepo;
  progress: ProgressService;
  deadlines: DeadlineStats;
  /** Reminders given up after every try: the digest names whom they were for. */
  deliveryFailures?: DeliveryFailuresRepo;
  logger: Logger;
  /** Local time the digest is due on Mondays, HH:MM (the reminders' hour). */
  hour: string;
  /** Zalo's interaction window when Zalo is on: people silent longer cannot be reached there. */
  zaloWindowMs?: number;
}

const AHEAD_DAYS = 14;
const MAX_ITEMS = 10;
const MAX_NAMES = 8;
const WEEK_MS = 7 * 86_400_000;

/**
 * Monday morning, local time: each supervisor gets one message per province they supervise with
 * the deadlines of the next 14 days, the overdue ones, the updates of the past week and the
 * agencies silent for last month. It goes through the outbox with a dedupe key per person,
 * province and ISO week, so a restart, a second instance or a later tick the same Monday
 * sends nothing twice. A Monday the service was down is not made up on Tuesday: by then the
 * week's news is in /baocao and /quahan.
 */
export function createDigest(deps: DigestDeps) {
  const [hh, mm] = deps.hour.split(':').map(Number) as [number, number];
  // Keys this process has queued or found queued: a cheap guard against rebuilding every digest each minute of a Monday.
  const settled = new Set<string>();

  function due(now: Date): string | undefined {
    const local = DateTime.fromJSDate(now, { zone: ZONE });
    if (local.weekday !== 1 || local.hour * 60 + local.minute < hh * 60 + mm) return undefined;
    return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
  }

  async function linesFor(province: string, now: Date): Promise<TextLine[]> {
    const scope = isEveryProvince(province) ? {} : { province };
    const today = localDateOf(now);
    // Counted by the database: a national digest reads a few dozen rows, not every deadline and update.
    const ahead = await deps.deadlines.summary({ scope, from: today, to: addDays(today, AHEAD_DAYS), now, limit: MAX_ITEMS, listed: ['in_time'] });
    const report = await deps.progress.overdue({ scope, now, limit: MAX_ITEMS });
    const senders = await deps.progressFigures.senders({ scope, from: new Date(now.getTime() - WEEK_MS), to: now });
    const batches = senders.reduce((n, s) => n + s.batches, 0);
    const period = parsePeriodCode(report.period)!;
    const title: TextLine = isEveryProvince(province) ? { key: 'progress:digest.titleAll', params: { date: formatLocalDate(today) } } : { key: 'progress:digest.title', params: { scope: (await deps.agencies.province(province))?.name ?? province, date: formatLocalDate(today) } };
    const lines: TextLine[] = [title];
    const upcoming = ahead.counts.in_time;
    lines.push(upcoming ? { key: 'progress:digest.upcoming', params: { days: AHEAD_DAYS, count: upcoming } } : { key: 'progress:digest.noUpcoming', params: { days: AHEAD_DAYS } });
    for (const d of ahead.items.in_time) {
      lines.push({ key: 'progress:digest.item', params: { due: formatLocalDate(localDateOf(d.dueAt)), agency: d.agencyName, task: d.taskTitle } });
      if (d.assumed) lines.push({ key: 'dates:assumed.note', params: { assumed: assumedDayLine(d.assumed) } });
    }
    if (upcoming > ahead.items.in_time.length) lines.push({ key: 'progress:digest.more', params: { count: upcoming - ahead.items.in_time.length } });
    lines.push(report.overdueCount ? { key: 'progress:digest.overdue', params: { count: report.overdueCount } } : { key: 'progress:digest.noOverdue' });
    for (const d of report.overdue) lines.push({ key: 'progress:digest.overdueItem', params: { agency: d.agencyName, task: d.taskTitle, due: formatLocalDate(localDateOf(d.dueAt)), days: d.daysLate } });
    if (report.overdueCount > report.overdue.length) lines.push({ key: 'progress:digest.more', params: { count: report.overdueCount - report.overdue.length } });
    if (report.unconfirmedCount) lines.push({ key: 'dates:overdue.unconfirmed', params: { count: report.unconfirmedCount } });
    lines.push(batches ? { key: 'progress:digest.updates', params: { count: batches, agencies: senders.length, names: shortNames(senders.map((s) => s.name)) } } : { key: 'progress:digest.noUpdates' });
    const month = { month: period.index, year: period.year };
    lines.push(report.silent.length ? { key: 'progress:digest.silent', params: { ...month, count: report.silent.length, names: shortNames(report.silent.map((a) => a.name)) } } : { key: 'progress:digest.noSilent', params: month });
    const unreachable = await outsideZaloWindow(province, now);
    if (unreachable.length) lines.push({ key: 'progress:digest.zaloClosed', params: { count: unreachable.length, names: shortNames(unreachable) } });
    const undelivered = deps.deliveryFailures && (await undeliveredLine({ deliveryFailures: deps.deliveryFailures, people: deps.people, agencies: deps.agencies }, province, now));
    if (undelivered) lines.push(undelivered);
    return lines;
  }

  /** Focal points and supervisors of the province whose Zalo chat has been silent past the window. */
  async function outsideZaloWindow(province: string, now: Date): Promise<string[]> {
    if (!deps.zaloWindowMs) return [];
    const silent = await deps.people.silentSince('zalo', new Date(now.getTime() - deps.zaloWindowMs));
    // Only the agencies of the people who went silent are looked up, not the province's.
    const agencies = await deps.agencies.byIds([...new Set(silent.flatMap(({ person }) => focalAgencyIds(person)))]);
    const names: string[] = [];
    for (const { person, lastInboundAt } of silent) {
      // Supervisors whose own area lies within the digest's: a `*` supervisor is not listed under one province.
      const concerned = focalAgencyIds(person).some((id) => { const a = agencies.get(id); return a !== undefined && !a.mergedIntoId && provinceWithin(a.province, province); }) || supervisedProvinces(person).some((area) => provinceWithin(area, province));
      if (concerned) names.push(lastInboundAt ? `${person.name} (${formatLocalDate(localDateOf(lastInboundAt))})` : person.name);
    }
    return names;
  }

  return {
    /** Queues the week's digests when they are due; returns how many were queued. */
    async tick(now: Date): Promise<number> {
      const week = due(now);
      if (!week) return 0;
      let queued = 0;
      for (const person of await deps.people.listPeople()) {
        const provinces = [...new Set(supervisedProvinces({ roles: person.roles.map(toRole) }))];
        if (!provinces.length) continue;
        const address = await deps.people.address(person.id);
        if (!address || address.blocked) continue;
        for (const province of provinces) {
          const dedupeKey = `digest:${person.id}:${province}:${week}`;
          if (settled.has(dedupeKey)) continue;
          const lines = await linesFor(province, now);
          if (await deps.outbox.enqueue({ dedupeKey, kind: 'notice', personId: person.id, channel: address.channel, chatId: address.chatId, payload: { lines }, notBefore: now })) queued++;
          settled.add(dedupeKey);
        }
      }
      if (queued) deps.logger.info('weekly digest queued', { week, queued });
      return queued;
    },
  };
}

// The lines already give the counts: a cut list only needs to show that it goes on.
function shortNames(names: readonly string[]): string {
  const list = shortList(names, MAX_NAMES);
  return list.more ? `${list.names}, …` : list.names;
}

export type Digest = ReturnType<typeof createDigest>;
