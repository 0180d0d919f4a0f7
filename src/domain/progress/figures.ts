import { PARTICIPANTS_OF, coverageFrom, metricDef, type ProgressMetric } from './metrics.js';
import { monthSpan, parsePeriodCode, periodCode, periodsWithin, type Period, type PeriodCode, type PeriodKind } from './period.js';
import type { UpdateRecord } from './types.js';

/**
 * The newest version of one agency's value for one metric and period (latest `receivedAt`;
 * on a tie, the one listed later), and how many versions were sent in all.
 */
export interface Slot {
  latest: UpdateRecord;
  versions: number;
}

interface WindowPart {
  code: PeriodCode;
  kind: PeriodKind;
  end: number;
}

/** A period with the shorter periods inside it worked out once, since every lookup needs them. */
export interface PeriodWindow {
  period: Period;
  code: PeriodCode;
  /** Exclusive end, in months since year 0. */
  end: number;
  parts: WindowPart[];
}

export function windowOf(period: Period): PeriodWindow {
  const parts = periodsWithin(period).map((p) => ({ code: periodCode(p), kind: p.kind, end: monthSpan(p).end }));
  return { period, code: periodCode(period), end: monthSpan(period).end, parts };
}

export interface Figure {
  value: number | string;
  receivedAt: Date;
  /** The period the figure was reported for, which may be shorter than the one asked about. */
  period: PeriodCode;
  /** A coverage rate computed from a participant count and the labour force. */
  derived?: boolean;
}

/**
 * Every update indexed once by agency, metric and period, so that a summary looks values
 * up instead of scanning: 60,000 updates are read once, not once per agency.
 */
export interface FigureIndex {
  slots(agencyId: number, metric: ProgressMetric): ReadonlyMap<PeriodCode, Slot> | undefined;
  reportedIn(agencyId: number, window: PeriodWindow): boolean;
  /**
   * The labour force for a period ending at `endMonth`: the figure for the latest-starting
   * period that began before then, so a yearly figure counts from January of its year.
   */
  labourAt(agencyId: number, endMonth: number): number | undefined;
}

export function indexUpdates(updates: readonly UpdateRecord[]): FigureIndex {
  const byAgency = new Map<number, Map<ProgressMetric, Map<PeriodCode, Slot>>>();
  const periods = new Map<number, Set<PeriodCode>>();
  // A plain loop without per-record closures: this runs once per record, hundreds of thousands of times.
  for (const u of updates) {
    let metrics = byAgency.get(u.agencyId);
    if (!metrics) byAgency.set(u.agencyId, (metrics = new Map()));
    let slots = metrics.get(u.metric);
    if (!slots) metrics.set(u.metric, (slots = new Map()));
    const slot = slots.get(u.period);
    if (!slot) {
      slots.set(u.period, { latest: u, versions: 1 });
      let reported = periods.get(u.agencyId);
      if (!reported) periods.set(u.agencyId, (reported = new Set()));
      reported.add(u.period);
    } else {
      slot.versions++;
      if (u.receivedAt.getTime() >= slot.latest.receivedAt.getTime()) slot.latest = u;
    }
  }
  // Built per agency on first use: most summaries need the labour force of a few agencies only.
  const labour = new Map<number, LabourPoint[]>();
  const spans = new Map<PeriodCode, { first: number; end: number }>();
  const labourOf = (agencyId: number) => getOrAdd(labour, agencyId, () => labourSeries(byAgency.get(agencyId)?.get('labour_force'), spans));
  return {
    slots: (agencyId, metric) => byAgency.get(agencyId)?.get(metric),
    reportedIn: (agencyId, window) => {
      const reported = periods.get(agencyId);
      return reported !== undefined && window.parts.some((p) => reported.has(p.code));
    },
    labourAt: (agencyId, endMonth) => latestBefore(labourOf(agencyId), endMonth),
  };
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = create()));
  return value;
}

interface LabourPoint {
  first: number;
  end: number;
  value: number;
  receivedAt: number;
}

function labourSeries(slots: Map<PeriodCode, Slot> | undefined, spans: Map<PeriodCode, { first: number; end: number }>): LabourPoint[] {
  if (!slots) return [];
  const points: LabourPoint[] = [];
  for (const { latest } of slots.values()) {
    if (typeof latest.value !== 'number') continue;
    const period = parsePeriodCode(latest.period);
    if (!period) continue; // a stored code this version cannot read is no reason to fail a whole summary
    const span = getOrAdd(spans, latest.period, () => monthSpan(period));
    points.push({ first: span.first, end: span.end, value: latest.value, receivedAt: latest.receivedAt.getTime() });
  }
  return points.sort((a, b) => a.first - b.first || a.end - b.end || a.receivedAt - b.receivedAt);
}

/** The last point that started before `endMonth`, by binary search over points sorted by start. */
function latestBefore(points: LabourPoint[], endMonth: number): number | undefined {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.first < endMonth) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? points[lo - 1]!.value : undefined;
}

/**
 * One agency's figure for a period:
 * - a level (participants, rates, labour force) is the figure for the latest part of the
 *   period that has one, so a quarter reads the agency's September figure, or August's if
 *   September is missing, or a figure given for the whole quarter; a tie goes to the newer;
 * - a flow (new voluntary participants) is the figure for the whole period if given, else the
 *   sum of its months, else of its quarters, else of its halves: whichever is reported first;
 * - a coverage rate not given is derived from the participant count and the labour force
 *   known for the period (see labourAt), because the labour force is counted rarely.
 */
export function agencyFigure(index: FigureIndex, agencyId: number, metric: ProgressMetric, window: PeriodWindow): Figure | undefined {
  const slots = index.slots(agencyId, metric);
  const nature = metricDef(metric).nature;
  const given = slots && (nature === 'flow' ? flowFigure(slots, window) : levelFigure(slots, window));
  return given ?? derivedFigure(index, agencyId, metric, window);
}

function levelFigure(slots: ReadonlyMap<PeriodCode, Slot>, window: PeriodWindow): Figure | undefined {
  let best: { slot: Slot; end: number } | undefined;
  for (const part of window.parts) {
    const slot = slots.get(part.code);
    if (!slot) continue;
    if (!best || part.end > best.end || (part.end === best.end && slot.latest.receivedAt > best.slot.latest.receivedAt)) best = { slot, end: part.end };
  }
  return best && toFigure(best.slot);
}

function flowFigure(slots: ReadonlyMap<PeriodCode, Slot>, window: PeriodWindow): Figure | undefined {
  const exact = slots.get(window.code);
  if (exact) return toFigure(exact);
  for (const kind of ['month', 'quarter', 'half'] as const) {
    const found = window.parts.filter((p) => p.kind === kind).flatMap((p) => slots.get(p.code) ?? []);
    const numbers = found.filter((s) => typeof s.latest.value === 'number');
    if (numbers.length === 0) continue;
    const newest = numbers.reduce((a, b) => (b.latest.receivedAt > a.latest.receivedAt ? b : a));
    return { value: numbers.reduce((sum, s) => sum + (s.latest.value as number), 0), receivedAt: newest.latest.receivedAt, period: window.code };
  }
  return undefined;
}

function derivedFigure(index: FigureIndex, agencyId: number, metric: ProgressMetric, window: PeriodWindow): Figure | undefined {
  const participantsMetric = PARTICIPANTS_OF[metric];
  if (!participantsMetric) return undefined;
  const participants = agencyFigure(index, agencyId, participantsMetric, window);
  if (!participants || typeof participants.value !== 'number') return undefined;
  const rate = coverageFrom(participants.value, index.labourAt(agencyId, window.end));
  return rate === undefined ? undefined : { ...participants, value: rate, derived: true };
}

function toFigure(slot: Slot): Figure {
  return { value: slot.latest.value, receivedAt: slot.latest.receivedAt, period: slot.latest.period };
}
