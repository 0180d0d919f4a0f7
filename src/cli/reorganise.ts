import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TFunction } from 'i18next';
import type { App } from '../app.js';
import { formatLocalDate, isValidLocalDate, localDateOf } from '../domain/calendar/local-time.js';
import { decideDay, recurrenceLine } from '../domain/plans/task-day.js';
import { renderLine, type TextLine } from '../domain/text/line.js';
import { translateWith } from '../messaging/render.js';
import { readReorganisation, reorganisationProblem } from '../plans/reorganisation-file.js';
import { applyReorganisation, mergeProvince, subjectOf } from '../services/reorganisation.js';
import { UsageError } from './args.js';
import type { CliIo } from './io.js';

const line = (t: TFunction, l: TextLine) => renderLine(l, translateWith(t));

/** The plan's task as the operator named it; the error lists the codes of the plan's tasks that have a day to confirm. */
async function taskOf(app: App, positionals: string[], t: TFunction) {
  const [planCode = '', taskCode = ''] = positionals;
  if (!(await app.repos.plans.listPlans()).some((p) => p.code === planCode)) throw new UsageError(t('cli:unknownPlan', { plan: planCode }));
  const scheduled = (await app.repos.plans.scheduledTasks()).filter((s) => s.planCode === planCode);
  const row = await app.repos.plans.findTask(planCode, taskCode);
  const task = row && scheduled.find((s) => s.taskId === row.id);
  if (task) return task;
  const withDays = scheduled.filter((s) => !('adhoc' in s.recurrence)).map((s) => s.taskId);
  const tasks = [...(await app.repos.plans.taskInfo(withDays)).values()].map((info) => info.code).join(', ') || '—';
  throw new UsageError(t('cli:unknownTask', { plan: planCode, task: taskCode, tasks }));
}

/** `plans confirm-date <plan> <task> xacnhan|<new day>`: what a supervisor's /datngay does, from the command line. */
export async function confirmDate(app: App, positionals: string[], t: TFunction, io: CliIo): Promise<number> {
  const task = await taskOf(app, positionals, t);
  const answer = positionals.slice(2).join(' ');
  const when = recurrenceLine(task.recurrence);
  const decision = 'adhoc' in task.recurrence ? ({ error: 'badDay' } as const) : decideDay(task.recurrence, answer);
  if ('error' in decision) throw new UsageError(line(t, { key: `dates:day.${decision.error}`, params: { task: task.title, when, value: answer } }));
  await app.repos.plans.setDay({ taskId: task.taskId, kind: decision.kind, after: decision.after, now: app.clock.now() });
  io.out(line(t, decision.kind === 'confirmed'
    ? { key: 'dates:day.confirmed', params: { task: task.title, when: recurrenceLine(decision.after) } }
    : { key: 'dates:day.changed', params: { task: task.title, before: when, after: recurrenceLine(decision.after) } }));
  return 0;
}

/** `plans date-history <plan> <task>`: who confirmed or changed the day, when, before and after. */
export async function dateHistory(app: App, positionals: string[], t: TFunction, io: CliIo): Promise<number> {
  const task = await taskOf(app, positionals, t);
  const when = recurrenceLine(task.recurrence);
  const changes = await app.repos.plans.dayHistory(task.taskId);
  if (!changes.length) io.out(line(t, { key: 'dates:day.noHistory', params: { task: task.title, when } }));
  else io.out(line(t, { key: 'dates:day.history', params: { task: task.title, when } }));
  for (const c of changes) {
    const who = c.byPersonId ? (await app.repos.people.person(c.byPersonId))?.name ?? `#${c.byPersonId}` : t('dates:day.byCli');
    io.out(line(t, { key: 'dates:day.historyItem', params: { at: formatLocalDate(localDateOf(c.at)), who, kind: { key: `dates:day.kind.${c.kind}` }, before: recurrenceLine(c.before), after: recurrenceLine(c.after) } }));
  }
  return 0;
}

function readFile(file: string, t: TFunction) {
  try {
    return readReorganisation(file);
  } catch (e) {
    throw new UsageError(t('cli:reorganise.invalid', { path: file, problem: reorganisationProblem(e) }));
  }
}

/** `agencies reorganise <file>`: a reorganisation's renames, merges, ends and province names, each said as done or skipped. */
export async function reorganise(app: App, positionals: string[], t: TFunction, io: CliIo): Promise<number> {
  const file = resolve(positionals[0]!);
  if (!existsSync(file)) throw new UsageError(t('cli:noFile', { path: file, option: 'agencies reorganise' }));
  const results = await applyReorganisation(readFile(file, t), app.repos.agencies, app.clock.now());
  const failed = (r: (typeof results)[number]) => r.outcome === 'unknown' || r.outcome === 'refused';
  for (const r of results) (failed(r) ? io.err : io.out)(t(`cli:reorganise.${r.outcome}`, { change: subjectOf(r.change), on: formatLocalDate(r.change.on) }));
  return results.some(failed) ? 1 : 0;
}

/** `agencies reassign <old> <new>…`: an ended body's duties to the bodies named, as /donvi giao does. */
export async function reassign(app: App, positionals: string[], t: TFunction, io: CliIo): Promise<number> {
  const codes = positionals;
  const found = await Promise.all(codes.map((c) => app.repos.agencies.byCode(c)));
  const missing = codes.filter((_, i) => !found[i]);
  if (missing.length) throw new UsageError(t('cli:unknownAgency', { code: missing.join(', ') }));
  const [from, ...to] = found.map((a) => a!);
  const now = app.clock.now();
  await app.repos.agencies.reassign(from!.id, to.map((a) => a.id), { effectiveOn: from!.endedOn ?? localDateOf(now), now });
  io.out(t('common:agency.reassigned', { from: from!.name, to: to.map((a) => a.name).join('; ') }));
  return 0;
}

/**
 * `provinces merge <old> <into> --name <today's name> --basis <document> [--on YYYY-MM-DD]`: what a `*` supervisor's
 * /donvi goptinh does. The old province's agencies, plans and supervisors move to the survivor.
 */
export async function mergeProvinces(app: App, positionals: string[], values: Record<string, unknown>, t: TFunction, io: CliIo): Promise<number> {
  const [from = '', into = ''] = positionals;
  const { name, basis } = values;
  const on = values.on ?? localDateOf(app.clock.now());
  if (typeof name !== 'string' || !name.trim() || typeof basis !== 'string' || !basis.trim()) throw new UsageError(t('cli:provinceMerge.needs'));
  if (typeof on !== 'string' || !isValidLocalDate(on)) throw new UsageError(t('cli:badDate', { name: '--on', value: String(on) }));
  const outcome = await mergeProvince(app.repos.agencies, { from, into, name: name.trim(), effectiveOn: on, basis: basis.trim(), now: app.clock.now() });
  if (outcome === 'unknown') throw new UsageError(t('cli:unknownProvince', { province: from, provinces: (await app.repos.agencies.provinces()).map((p) => p.code).join(', ') }));
  if (outcome === 'refused') throw new UsageError(t('cli:provinceMerge.refused', { from, into }));
  io.out(t(`cli:provinceMerge.${outcome}`, { from, into, name: name.trim(), on: formatLocalDate(on) }));
  return 0;
}
