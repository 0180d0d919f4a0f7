import { formatLocalDate, localDateOf } from '../../domain/calendar/local-time.js';
import {
  checkValues,
  currentPeriod,
  findMetric,
  isFuturePeriod,
  isProgressMetric,
  METRICS,
  metricDef,
  normaliseName,
  parsePeriodText,
  parseUpdateLine,
  periodCode,
  periodName,
  previousPeriod,
  readMetricValue,
  renderLine,
  updateErrorLines,
  updateSavedLines,
  errorLine,
  type DeadlineRecord,
  type MetricValues,
  type ParsedUpdate,
  type PeriodCode,
  type ProgressMetric,
  type UpdateError,
} from '../../domain/progress/index.js';
import { chatOf, focalAgencyIds, isFocal, say, type Feature, type Turn } from '../context.js';
import { rows, type ButtonSpec, type MessagePayload, type TextLine } from '../../messaging/message.js';
import { finished } from '../progress-reply.js';

const FLOW = 'progress-update';
/** How many "mark done" buttons an update offers: the soonest deadlines, few enough for a phone. */
const MAX_DONE_BUTTONS = 3;

type Step = 'agency' | 'period' | 'menu' | 'value';

/** The guided update so far, kept per chat: raw values as typed, read again when saved. */
interface FlowData {
  step: Step;
  agencyId?: number;
  period?: PeriodCode;
  metric?: ProgressMetric;
  values: Partial<Record<ProgressMetric, string>>;
}

const SAVE_WORDS = new Set(['luu', 'save', 'xong', 'gui', 'send']);
const CANCEL_WORDS = new Set(['huy', 'cancel', 'thoat', 'stop']);

const tr = (turn: Turn) => (key: string, params?: Record<string, unknown>) => turn.t(key, params ?? {});
const cancelButton: ButtonSpec = { key: 'progress:flow.cancel', data: 'u:x' };

async function save(turn: Turn, data: FlowData): Promise<void> {
  await turn.deps.chatState.set(chatOf(turn), { flow: FLOW, data: data as unknown as Record<string, unknown> });
}

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

async function ask(turn: Turn, data: FlowData, problem?: TextLine[]): Promise<MessagePayload> {
  const lines: TextLine[] = [...(problem ?? [])];
  const t = tr(turn);
  if (data.step === 'agency') {
    const ids = focalAgencyIds(turn.person);
    const names = await turn.deps.agencies.byIds(ids);
    lines.push({ key: 'progress:flow.chooseAgency' });
    return { lines, buttons: [...ids.map((id) => [{ key: 'progress:flow.agencyButton', params: { name: names.get(id)?.name ?? String(id) }, data: `u:a:${id}` }]), [cancelButton]] };
  }
  const agency = await agencyName(turn, data.agencyId!);
  if (data.step === 'period') {
    lines.push({ key: 'progress:flow.period', params: { agency } });
    const buttons = periodChoices(turn.now).map((code): ButtonSpec => ({ key: 'progress:flow.periodButton', params: { period: renderLine(periodName(code), t) }, data: `u:p:${code}` }));
    return { lines, buttons: [...rows(buttons), [cancelButton]] };
  }
  if (data.step === 'value') {
    const metric = data.metric!;
    lines.push({ key: 'progress:flow.askValue', params: { name: t(`progress:metric.${metric}`), hint: t(`progress:flow.hint.${metricDef(metric).kind}`) } });
    return { lines, buttons: [[cancelButton]] };
  }
  lines.push({ key: 'progress:flow.menu', params: { period: renderLine(periodName(data.period!), t), agency } });
  const entered = METRICS.filter((m) => data.values[m.id] !== undefined);
  if (entered.length) {
    lines.push({ key: 'progress:flow.entered' });
    for (const m of entered) lines.push({ key: 'progress:flow.enteredItem', params: { name: t(`progress:metric.${m.id}`), value: data.values[m.id]! } });
  } else lines.push({ key: 'progress:flow.nothingYet' });
  const metricButtons = METRICS.map((m): ButtonSpec => ({ key: 'progress:flow.metricButton', params: { name: t(`progress:metric.${m.id}`) }, data: `u:m:${m.id}` }));
  return { lines, buttons: [...rows(metricButtons), [{ key: 'progress:flow.save', data: 'u:s' }, cancelButton]] };
}

async function start(turn: Turn): Promise<MessagePayload[]> {
  const ids = focalAgencyIds(turn.person);
  const data: FlowData = ids.length === 1 ? { step: 'period', agencyId: ids[0]!, values: {} } : { step: 'agency', values: {} };
  await save(turn, data);
  return [await ask(turn, data)];
}

/** Stores an accepted update and answers with what was understood and the deadlines it may close. */
async function store(turn: Turn, update: ParsedUpdate, agencyId: number): Promise<MessagePayload[]> {
  const result = await turn.deps.progress.submit({ update, agencyId, personId: turn.person.id, now: turn.now });
  const lines = finished(updateSavedLines(update, { agencyName: await agencyName(turn, agencyId), corrected: result.corrected }), turn.t);
  const offered = result.answerable.slice(0, MAX_DONE_BUTTONS);
  if (!offered.length) return [{ lines }];
  lines.push({ key: 'progress:flow.answers' });
  return [{ lines, buttons: offered.map((d) => [doneButton(d)]) }];
}

// The reminder buttons' own data: pressing it goes through ReminderService like a reminder's "done".
const doneButton = (d: DeadlineRecord): ButtonSpec => ({ key: 'progress:flow.markDone', params: { task: d.taskTitle.slice(0, 30), due: formatLocalDate(localDateOf(d.dueAt)) }, data: `r:d:${d.key}` });

function refused(turn: Turn, errors: readonly UpdateError[]): MessagePayload[] {
  return [{ lines: finished(updateErrorLines(errors), turn.t) }];
}

/** `/capnhat tunguyen=1250 tyle_tunguyen=4,8% ghichu=…`: all or nothing. */
async function oneLine(turn: Turn, text: string): Promise<MessagePayload[]> {
  const parsed = parseUpdateLine(text, { now: turn.now });
  if (!parsed.ok) return refused(turn, parsed.errors);
  const own = focalAgencyIds(turn.person);
  let agencyId: number | undefined;
  if (parsed.update.agencyCode !== undefined) {
    const agency = await turn.deps.agencies.byCode(parsed.update.agencyCode.trim());
    if (!agency || !own.includes(agency.id)) return refused(turn, [{ code: 'not_your_agency', value: parsed.update.agencyCode }]);
    agencyId = agency.id;
  } else if (own.length === 1) agencyId = own[0];
  if (agencyId === undefined) {
    const codes = [...(await turn.deps.agencies.byIds(own)).values()].map((a) => a.code).join(', ');
    return [{ lines: [...finished([{ key: 'progress:update.failed', params: { count: 1 } }], turn.t), { key: 'progress:flow.whichAgency', params: { codes } }] }];
  }
  await turn.deps.chatState.clear(chatOf(turn));
  return store(turn, parsed.update, agencyId);
}

/** Reads every value of the guided update again, with the checks across values, then stores it. */
async function finish(turn: Turn, data: FlowData): Promise<MessagePayload[]> {
  const values: MetricValues = {};
  const errors: UpdateError[] = [];
  for (const [metric, raw] of Object.entries(data.values) as [ProgressMetric, string][]) {
    const read = readMetricValue(metric, raw);
    if ('code' in read) errors.push({ code: read.code, metric: read.metric, value: raw });
    else values[read.metric] = read.value;
  }
  if (!errors.length && !Object.keys(values).length) errors.push({ code: 'empty' });
  errors.push(...checkValues(values));
  if (errors.length) return [await ask(turn, { ...data, step: 'menu' }, finished(updateErrorLines(errors).slice(0, -1), turn.t))];
  await turn.deps.chatState.clear(chatOf(turn));
  return store(turn, { period: data.period!, values }, data.agencyId!);
}

async function choosePeriod(turn: Turn, data: FlowData, text: string): Promise<MessagePayload[]> {
  const period = parsePeriodText(text, { now: turn.now });
  if (!period) return [await ask(turn, data, finished([errorLine({ code: 'bad_period', value: text })], turn.t))];
  if (isFuturePeriod(period, turn.now)) return [await ask(turn, data, finished([errorLine({ code: 'future_period', value: periodCode(period) })], turn.t))];
  const next: FlowData = { ...data, step: 'menu', period: periodCode(period) };
  await save(turn, next);
  return [await ask(turn, next)];
}

async function chooseMetric(turn: Turn, data: FlowData, metric: ProgressMetric): Promise<MessagePayload[]> {
  const next: FlowData = { ...data, step: 'value', metric };
  await save(turn, next);
  return [await ask(turn, next)];
}

async function enterValue(turn: Turn, data: FlowData, text: string): Promise<MessagePayload[]> {
  const metric = data.metric!;
  const read = readMetricValue(metric, text.trim());
  if ('code' in read) return [await ask(turn, data, finished([errorLine({ code: read.code, metric: read.metric, value: text.trim() })], turn.t))];
  // A count typed with % is its coverage rate (readMetricValue says which): store it under that metric.
  const values = { ...data.values, [read.metric]: text.trim() };
  const next: FlowData = { ...data, step: 'menu', values };
  delete next.metric;
  await save(turn, next);
  return [await ask(turn, next)];
}

async function pressed(turn: Turn, data: FlowData | undefined, button: string): Promise<MessagePayload[]> {
  const [, action, ...rest] = button.split(':');
  const value = rest.join(':');
  if (action === 'x') {
    await turn.deps.chatState.clear(chatOf(turn));
    return [say('progress:flow.cancelled')];
  }
  if (!data) return [say('progress:flow.expired')];
  if (action === 'a') {
    const id = Number(value);
    if (!focalAgencyIds(turn.person).includes(id)) return refused(turn, [{ code: 'not_your_agency', value }]);
    const next: FlowData = { ...data, step: 'period', agencyId: id };
    await save(turn, next);
    return [await ask(turn, next)];
  }
  if (action === 'p' && data.agencyId !== undefined) return choosePeriod(turn, data, value);
  if (action === 'm' && data.period && isProgressMetric(value)) return chooseMetric(turn, data, value);
  if (action === 's' && data.period) return finish(turn, data);
  return [say('common:button.expired')];
}

/** A typed reply while the flow waits: what each step would take from a button, in words. */
async function typed(turn: Turn, data: FlowData, text: string): Promise<MessagePayload[]> {
  const word = normaliseName(text);
  if (CANCEL_WORDS.has(word)) return pressed(turn, data, 'u:x');
  if (data.step === 'agency') {
    const agency = await turn.deps.agencies.byCode(text.trim());
    if (agency) return pressed(turn, data, `u:a:${agency.id}`);
  }
  if (data.step === 'period') return choosePeriod(turn, data, text);
  if (data.step === 'value') return enterValue(turn, data, text);
  if (data.step === 'menu') {
    if (SAVE_WORDS.has(word)) return finish(turn, data);
    const metric = findMetric(text.trim());
    if (metric) return chooseMetric(turn, data, metric.id);
  }
  return [await ask(turn, data, [{ key: 'progress:flow.unknownChoice', params: { text: text.trim() } }])];
}

/**
 * /capnhat: a focal point's figures for a period. With values on the line it is stored at
 * once; alone it starts a guided flow (agency, period, then metric by metric) that works by
 * buttons or typed replies, so it runs on channels without buttons too.
 */
export const update: Feature = {
  commands: ['update', 'capnhat'],
  buttons: ['u:'],
  flows: [FLOW],
  async handle(turn) {
    if (!isFocal(turn.person)) {
      if (turn.incoming.data) await turn.deps.chatState.clear(chatOf(turn));
      return [say('progress:flow.needFocal')];
    }
    const state = await turn.deps.chatState.get<FlowData>(chatOf(turn));
    const data = state?.flow === FLOW ? state.data : undefined;
    if (turn.incoming.data) return pressed(turn, data, turn.incoming.data);
    const text = turn.incoming.text ?? '';
    if (text.trim().startsWith('/')) return turn.args.length ? oneLine(turn, text) : start(turn);
    if (!data) return [say('progress:flow.expired')];
    return typed(turn, data, text);
  },
};
