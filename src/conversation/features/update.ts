import { formatLocalDate, localDateOf } from '../../domain/calendar/local-time.js';
import {
  checkValues,
  currentPeriod,
  findMetric,
  isFuturePeriod,
  isProgressMetric,
  METRICS,
  metricDef,
  metricName,
  parsePeriodText,
  parseUpdateLine,
  periodCode,
  periodName,
  previousPeriod,
  readMetricValue,
  updateErrorLines,
  updateSavedLines,
  errorLine,
  draftValueLine,
  type DeadlineRecord,
  type MetricValues,
  type ParsedUpdate,
  type PeriodCode,
  type ProgressMetric,
  type UpdateError,
} from '../../domain/progress/index.js';
import { focalAgencyIds, isFocal, say, type Feature, type Turn } from '../context.js';
import { guidedFlow, type Outcome } from '../flow.js';
import { buttonKindsOf, encodeButton } from '../../messaging/buttons.js';
import { BUTTON_TITLE_LENGTH, rows, type ButtonSpec, type MessagePayload, type TextLine } from '../../messaging/message.js';
import { shorten } from '../../domain/text/shorten.js';

/** How many "mark done" buttons an update offers: the soonest deadlines, few enough for a phone. */
const MAX_DONE_BUTTONS = 3;

/** The guided update so far, kept per chat: raw values as typed, read again when saved. */
interface FlowData {
  step: 'agency' | 'period' | 'menu' | 'value';
  agencyId?: number;
  period?: PeriodCode;
  metric?: ProgressMetric;
  values: Partial<Record<ProgressMetric, string>>;
}

/** A button the flow as it stands cannot take (one from before the agency or period was chosen). */
const stale: Outcome<FlowData> = { say: [say('common:button.expired')] };

async function agencyName(turn: Turn, id: number): Promise<string> {
  return (await turn.deps.agencies.byIds([id])).get(id)?.name ?? String(id);
}

/** The periods a focal point most often reports: this and last month, quarter and year. */
function periodChoices(now: Date): PeriodCode[] {
  const month = currentPeriod(now, 'month');
  const quarter = currentPeriod(now, 'quarter');
  const choices = [month, previousPeriod(month), quarter, previousPeriod(quarter), currentPeriod(now, 'half'), previousPeriod(currentPeriod(now, 'year'))];
  return [...new Set(choices.map(periodCode))];
}

/** Stores an accepted update and answers with what was understood and the deadlines it may close. */
async function store(turn: Turn, update: ParsedUpdate, agencyId: number): Promise<MessagePayload[]> {
  const result = await turn.deps.progress.submit({ update, agencyId, personId: turn.person.id, now: turn.now });
  const lines = updateSavedLines(update, { agencyName: await agencyName(turn, agencyId), corrected: result.corrected });
  // Only a deadline with its occurrence key can be marked done from here.
  const offered = result.answerable.filter((d): d is Keyed => d.key !== undefined).slice(0, MAX_DONE_BUTTONS);
  if (!offered.length) return [{ lines }];
  lines.push({ key: 'progress:flow.answers' });
  return [{ lines, buttons: offered.map((d) => [doneButton(d)]) }];
}

// The reminder buttons' own kind: pressing it goes through ReminderService like a reminder's "done".
type Keyed = DeadlineRecord & { key: string };
const doneButton = (d: Keyed): ButtonSpec => ({ key: 'progress:flow.markDone', params: { task: shorten(d.taskTitle, BUTTON_TITLE_LENGTH), due: formatLocalDate(localDateOf(d.dueAt)) }, data: encodeButton('reminder.done', { key: d.key }) });

function refused(errors: readonly UpdateError[]): MessagePayload[] {
  return [{ lines: updateErrorLines(errors) }];
}

/** `/capnhat tunguyen=1250 tyle_tunguyen=4,8% ghichu=…`: all or nothing. */
async function oneLine(turn: Turn, text: string): Promise<MessagePayload[]> {
  const parsed = parseUpdateLine(text, { now: turn.now });
  if (!parsed.ok) return refused(parsed.errors);
  const own = focalAgencyIds(turn.person);
  let agencyId: number | undefined;
  if (parsed.update.agencyCode !== undefined) {
    const agency = await turn.deps.agencies.byCode(parsed.update.agencyCode.trim());
    if (!agency || !own.includes(agency.id)) return refused([{ code: 'not_your_agency', value: parsed.update.agencyCode }]);
    agencyId = agency.id;
  } else if (own.length === 1) agencyId = own[0];
  if (agencyId === undefined) {
    const codes = [...(await turn.deps.agencies.byIds(own)).values()].map((a) => a.code).join(', ');
    return [{ lines: [{ key: 'progress:update.failed', params: { count: 1 } }, { key: 'progress:flow.whichAgency', params: { codes } }] }];
  }
  await progressFlow.end(turn);
  return store(turn, parsed.update, agencyId);
}

const toMenu = ({ metric: _metric, ...data }: FlowData): FlowData => ({ ...data, step: 'menu' });

/** Reads every value of the guided update again, with the checks across values, then stores it. */
async function finish(turn: Turn, data: FlowData): Promise<Outcome<FlowData>> {
  if (!data.period) return stale;
  const values: MetricValues = {};
  const errors: UpdateError[] = [];
  for (const [metric, raw] of Object.entries(data.values) as [ProgressMetric, string][]) {
    const read = readMetricValue(metric, raw);
    if ('code' in read) errors.push({ code: read.code, metric: read.metric, value: raw });
    else values[read.metric] = read.value;
  }
  if (!errors.length && !Object.keys(values).length) errors.push({ code: 'empty' });
  errors.push(...checkValues(values));
  // Without the closing example line: the menu that follows says what to do.
  if (errors.length) return { next: toMenu(data), problem: updateErrorLines(errors).slice(0, -1) };
  return { done: await store(turn, { period: data.period, values }, data.agencyId!) };
}

function chooseAgency(turn: Turn, data: FlowData, id: number): Outcome<FlowData> {
  if (!focalAgencyIds(turn.person).includes(id)) return { say: refused([{ code: 'not_your_agency', value: String(id) }]) };
  return { next: { ...data, step: 'period', agencyId: id } };
}

function choosePeriod(turn: Turn, data: FlowData, text: string): Outcome<FlowData> {
  const period = parsePeriodText(text, { now: turn.now });
  if (!period) return { again: [errorLine({ code: 'bad_period', value: text })] };
  if (isFuturePeriod(period, turn.now)) return { again: [errorLine({ code: 'future_period', value: periodCode(period) })] };
  return { next: { ...data, step: 'menu', period: periodCode(period) } };
}

const chooseMetric = (data: FlowData, metric: ProgressMetric): Outcome<FlowData> => ({ next: { ...data, step: 'value', metric } });

function enterValue(data: FlowData, text: string): Outcome<FlowData> {
  const metric = data.metric!;
  const read = readMetricValue(metric, text.trim());
  if ('code' in read) return { again: [errorLine({ code: read.code, metric: read.metric, value: text.trim() })] };
  // A count typed with % is its coverage rate (readMetricValue says which): store it under that metric.
  return { next: toMenu({ ...data, values: { ...data.values, [read.metric]: text.trim() } }) };
}

const unknownChoice = (text: string): Outcome<FlowData> => ({ again: [{ key: 'progress:flow.unknownChoice', params: { text: text.trim() } }] });

/** Agency (for someone who answers for several), period, then metric by metric; buttons or typed replies. */
const progressFlow = guidedFlow<FlowData>({
  name: 'progress-update',
  steps: {
    agency: {
      async ask(turn) {
        const ids = focalAgencyIds(turn.person);
        const names = await turn.deps.agencies.byIds(ids);
        const buttons = ids.map((id): ButtonSpec[] => [{ key: 'progress:flow.agencyButton', params: { name: names.get(id)?.name ?? String(id) }, data: encodeButton('update.agency', { agencyId: id }) }]);
        return { lines: [{ key: 'progress:flow.chooseAgency' }], buttons };
      },
      async typed(turn, data, text) {
        const agency = await turn.deps.agencies.byCode(text.trim());
        return agency ? chooseAgency(turn, data, agency.id) : unknownChoice(text);
      },
      pressed: { 'update.agency': (turn, data, b) => chooseAgency(turn, data, b.agencyId) },
    },
    period: {
      async ask(turn, data) {
        const buttons = periodChoices(turn.now).map((code): ButtonSpec => ({ key: 'progress:flow.periodButton', params: { period: periodName(code) }, data: encodeButton('update.period', { period: code }) }));
        return { lines: [{ key: 'progress:flow.period', params: { agency: await agencyName(turn, data.agencyId!) } }], buttons: rows(buttons) };
      },
      typed: (turn, data, text) => choosePeriod(turn, data, text),
      pressed: { 'update.period': (turn, data, b) => (data.agencyId === undefined ? stale : choosePeriod(turn, data, b.period)) },
    },
    menu: {
      async ask(turn, data) {
        const lines: TextLine[] = [{ key: 'progress:flow.menu', params: { period: periodName(data.period!), agency: await agencyName(turn, data.agencyId!) } }];
        const entered = METRICS.filter((m) => data.values[m.id] !== undefined);
        if (entered.length) lines.push({ key: 'progress:flow.entered' }, ...entered.map((m) => draftValueLine(m.id, data.values[m.id]!)));
        else lines.push({ key: 'progress:flow.nothingYet' });
        const buttons = METRICS.map((m): ButtonSpec => ({ key: 'progress:flow.metricButton', params: { name: metricName(m.id) }, data: encodeButton('update.metric', { metric: m.id }) }));
        return { lines, buttons: rows(buttons) };
      },
      typed(_turn, data, text) {
        const metric = findMetric(text.trim());
        return metric ? chooseMetric(data, metric.id) : unknownChoice(text);
      },
      pressed: { 'update.metric': (_turn, data, b) => (data.period && isProgressMetric(b.metric) ? chooseMetric(data, b.metric) : stale) },
    },
    value: {
      ask: (_turn, data) => ({ lines: [{ key: 'progress:flow.askValue', params: { name: metricName(data.metric!), hint: { key: `progress:flow.hint.${metricDef(data.metric!).kind}` } } }] }),
      typed: (_turn, data, text) => enterValue(data, text),
    },
  },
  cancel: { button: 'update.cancel', label: { key: 'progress:flow.cancel' }, done: say('progress:flow.cancelled') },
  expired: say('progress:flow.expired'),
  save: { button: 'update.save', label: { key: 'progress:flow.save' }, at: ['menu'], run: finish },
});

function start(turn: Turn): Promise<MessagePayload[]> {
  const ids = focalAgencyIds(turn.person);
  return progressFlow.start(turn, ids.length === 1 ? { step: 'period', agencyId: ids[0]!, values: {} } : { step: 'agency', values: {} });
}

/**
 * /capnhat: a focal point's figures for a period. With values on the line it is stored at
 * once; alone it starts a guided flow (agency, period, then metric by metric) that works by
 * buttons or typed replies, so it runs on channels without buttons too.
 */
export const update: Feature = {
  commands: ['update', 'capnhat'],
  buttons: buttonKindsOf('update'),
  flows: [progressFlow.name],
  async handle(turn) {
    if (!isFocal(turn.person)) {
      if (turn.incoming.data) await progressFlow.end(turn);
      return [say('progress:flow.needFocal')];
    }
    const text = turn.incoming.text ?? '';
    if (!turn.incoming.data && text.trim().startsWith('/')) return turn.args.length ? oneLine(turn, text) : start(turn);
    return progressFlow.handle(turn);
  },
};
