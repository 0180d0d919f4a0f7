import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TFunction } from 'i18next';
import { createApp, type App } from '../app.js';
import type { Config } from '../config.js';
import { migrate } from '../db/migrate.js';
import { atLocalTime, formatLocalDate, formatLocalDateTime, isValidLocalDate, localIsoString } from '../domain/calendar/local-time.js';
import { isEveryProvince } from '../domain/people/roles.js';
import { createI18n } from '../i18n.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../services/clock.js';
import { renderLine } from '../domain/text/line.js';
import { translateWith } from '../messaging/render.js';
import { inviteLink } from '../conversation/features/invite.js';
import { importPlans } from '../services/plan-import.js';
import { applyConfiguredReorganisation, subjectOf } from '../services/reorganisation.js';
import { parseCommandLine, usage, usageOf, UsageError, type Values } from './args.js';
import type { CliIo } from './io.js';
import { listAgencies, listDeadlines, listPlans, previewReminders } from './listings.js';
import { slowWorkNotice, type WorkNotice } from './output.js';
import { listUnanswered, markReviewed } from './questions.js';
import { replay } from './replay.js';
import { report } from './report.js';
import { setLevel, setParent } from './agency-levels.js';
import { startupProblem } from './startup-problem.js';
import { status } from './status.js';
import { exportPerson, forgetPerson, purge } from './privacy.js';
import { listFailed, retryFailed } from './outbox.js';
import { setRefreshToken, tokenStatus } from './zalo.js';
import { confirmDate, dateHistory, mergeProvinces, reassign, reorganise } from './reorganise.js';
import { MissingSecretKeyError } from '../repositories/token-cipher.js';

interface CliRun {
  app: App;
  config: Config;
  positionals: string[];
  values: Values;
  t: TFunction;
  io: CliIo;
  notice: WorkNotice;
  logger: Logger;
}

type Command = (run: CliRun) => Promise<number>;

function dateArg(value: unknown, name: string, t: TFunction): string {
  if (typeof value !== 'string' || !isValidLocalDate(value)) throw new UsageError(t('cli:badDate', { name, value: String(value ?? '') }));
  return value;
}

/** `--from` and `--to`, both required, in order. */
function dateRange(values: Values, t: TFunction): { from: string; to: string } {
  const from = dateArg(values.from, '--from', t);
  const to = dateArg(values.to, '--to', t);
  if (from > to) throw new UsageError(t('cli:dateOrder', { from, to }));
  return { from, to };
}

/** A province code as the operator typed it, checked; the error lists the codes there are. */
async function provinceArg(app: App, code: string, t: TFunction): Promise<string> {
  // A province merged into another (Bình Phước into Đồng Nai) stands for the one that holds its agencies now.
  const now = await app.repos.agencies.provinceNow(code);
  if (now) return now.code;
  const provinces = (await app.repos.agencies.provinces()).map((p) => p.code).join(', ');
  throw new UsageError(t('cli:unknownProvince', { province: code, provinces }));
}

async function agencyArg(app: App, code: string, t: TFunction) {
  const agency = await app.repos.agencies.byCode(code);
  if (!agency) throw new UsageError(t('cli:unknownAgency', { code }));
  return agency;
}

/** The codes of a plan's tasks whose dates a supervisor sets, for an error that says what may be typed. */
async function adhocTaskCodes(app: App, planCode: string): Promise<string> {
  const ids = (await app.repos.plans.scheduledTasks()).filter((task) => task.planCode === planCode && 'adhoc' in task.recurrence).map((task) => task.taskId);
  return [...(await app.repos.plans.taskInfo(ids)).values()].map((task) => task.code).join(', ') || '—';
}

const json = (values: Values) => values.json === true;

const commands: Record<string, Command> = {
  'db migrate': async ({ config, t, io }) => {
    const applied = await migrate(config.databaseUrl);
    io.out(applied.length ? t('cli:migrated', { names: applied.join(', ') }) : t('cli:upToDate'));
    return 0;
  },
  'plans import': async ({ app, config, logger, values, t, io }) => {
    const dir = resolve(String(values.dir ?? config.files.plansDir));
    if (!existsSync(dir)) throw new UsageError(t('cli:import.noDir', { dir }));
    const report = await importPlans(dir, app.repos.plans);
    for (const p of report.imported) io.out(t(`cli:import.${p.outcome}`, { file: p.file, code: p.code }));
    // Imported agencies are brought to how they are today (REORGANISATION_FILE), as on start.
    for (const r of await applyConfiguredReorganisation(config, app.repos.agencies, logger, app.clock.now())) if (r.outcome === 'applied') io.out(t('cli:reorganise.applied', { change: subjectOf(r.change), on: formatLocalDate(r.change.on) }));
    for (const i of report.invalid) io.err(t('cli:import.invalid', { ...i }));
    const failedFiles = new Set(report.invalid.map((i) => i.file)).size;
    if (failedFiles) io.err(t('cli:import.failed', { count: failedFiles }));
    return failedFiles ? 1 : 0;
  },
  'plans list': (run) => listPlans({ ...run, json: json(run.values) }),
  'plans set-date': async ({ app, positionals, values, t, io }) => {
    const [planCode, taskCode, date] = positionals as [string, string, string];
    if (!(await app.repos.plans.listPlans()).some((p) => p.code === planCode)) throw new UsageError(t('cli:unknownPlan', { plan: planCode }));
    const task = await app.repos.plans.findTask(planCode, taskCode);
    if (!task) throw new UsageError(t('cli:unknownTask', { plan: planCode, task: taskCode, tasks: await adhocTaskCodes(app, planCode) }));
    if (!('adhoc' in JSON.parse(task.recurrence))) throw new UsageError(t('cli:notAdhoc', { task: taskCode, tasks: await adhocTaskCodes(app, planCode) }));
    await app.repos.plans.setAdhocDate({ taskId: task.id, dueOn: dateArg(date, 'date', t), note: values.note as string | undefined });
    io.out(t('cli:dateSet', { task: task.title, date: formatLocalDate(date) }));
    return 0;
  },
  'plans confirm-date': ({ app, positionals, t, io }) => confirmDate(app, positionals, t, io),
  'plans date-history': ({ app, positionals, t, io }) => dateHistory(app, positionals, t, io),
  'agencies reorganise': ({ app, positionals, t, io }) => reorganise(app, positionals, t, io),
  'agencies reassign': ({ app, positionals, t, io }) => reassign(app, positionals, t, io),
  'provinces merge': ({ app, positionals, values, t, io }) => mergeProvinces(app, positionals, values, t, io),
  'agencies list': async (run) => {
    const province = typeof run.values.province === 'string' ? await provinceArg(run.app, run.values.province, run.t) : undefined;
    return listAgencies({ ...run, json: json(run.values) }, province);
  },
  'agencies rename': async ({ app, positionals, t, io }) => {
    const [code, ...name] = positionals as [string, ...string[]];
    const agency = await agencyArg(app, code, t);
    await app.repos.agencies.rename(agency.id, name.join(' '));
    io.out(t('cli:renamed', { code, name: name.join(' ') }));
    return 0;
  },
  'agencies merge': async ({ app, positionals, t, io }) => {
    const [fromCode, intoCode] = positionals as [string, string];
    if (fromCode === intoCode) throw new UsageError(t('cli:sameAgency', { code: fromCode }));
    const from = await agencyArg(app, fromCode, t);
    const into = await agencyArg(app, intoCode, t);
    await app.repos.agencies.merge(from.id, into.id);
    io.out(t('cli:merged', { from: fromCode, into: intoCode }));
    return 0;
  },
  'agencies set-level': ({ app, positionals, t, io }) => setLevel(app, positionals, t, io),
  'agencies set-parent': ({ app, positionals, t, io }) => setParent(app, positionals, t, io),
  'deadlines list': async (run) => {
    const { app, values, t } = run;
    const range = dateRange(values, t);
    const agency = typeof values.agency === 'string' ? await agencyArg(app, values.agency, t) : undefined;
    const province = typeof values.province === 'string' ? await provinceArg(app, values.province, t) : undefined;
    return listDeadlines({ ...run, json: json(values) }, { ...range, ...(agency ? { agencyIds: [agency.id] } : {}), ...(province ? { province } : {}) });
  },
  'reminders preview': (run) => {
    const { from, to } = dateRange(run.values, run.t);
    return previewReminders({ ...run, json: json(run.values) }, { from: atLocalTime(from, '00:00'), to: atLocalTime(to, '23:59') });
  },
  'questions unanswered': ({ app, values, t, io }) => listUnanswered(app, { since: values.since === undefined ? undefined : dateArg(values.since, '--since', t), all: values.all === true, json: json(values) }, t, io),
  'questions reviewed': ({ app, positionals, t, io }) => markReviewed(app, positionals, t, io.out),
  'questions replay': async ({ app, values, t, io, notice }) => {
    const since = values.since === undefined ? undefined : dateArg(values.since, '--since', t);
    if (typeof values.rules === 'string' && !existsSync(values.rules)) throw new UsageError(t('cli:noFile', { path: values.rules, option: '--rules' }));
    return replay(app, { since, rulesFile: typeof values.rules === 'string' ? values.rules : undefined, all: values.all === true, json: json(values) }, t, io.out, notice.progress);
  },
  report: ({ app, config, positionals, values, io }) => report(app, { positionals, values }, { ...io, language: config.language, reportsDir: config.files.reportsDir }),
  'zalo set-refresh-token': ({ app, t, io }) => setRefreshToken(app, t, io),
  'zalo status': ({ app, t, io }) => tokenStatus(app, t, io),
  status: ({ app, t, io, values }) => status(app, t, io.out, { json: values.json === true }),
  'privacy purge': ({ app, config, t, io }) => purge(app, t, io, config.retentionDays),
  'privacy export': ({ app, positionals, t, io }) => exportPerson(app, positionals[0], t, io),
  'privacy forget': ({ app, positionals, t, io }) => forgetPerson(app, positionals[0], t, io),
  'outbox failed': ({ app, t, io }) => listFailed(app, t, io.out),
  'outbox retry': ({ app, positionals, t, io }) => retryFailed(app, positionals[0], t, io),
  invite: async ({ app, positionals, values, t, io }) => {
    const [kind] = positionals;
    const now = app.clock.now();
    let target;
    if (kind === 'supervisor' && typeof values.province === 'string') {
      const province = isEveryProvince(values.province) ? values.province : await provinceArg(app, values.province, t);
      target = { kind: 'supervisor' as const, province };
    } else if (kind === 'focal' && typeof values.agency === 'string') {
      target = { kind: 'focal' as const, agencyId: (await agencyArg(app, values.agency, t)).id };
    } else throw new UsageError(t('cli:badArguments', { command: 'invite', usage: usageOf('invite', t) }));
    const { token, expiresAt } = await app.invites.create({ target, now });
    const username = app.botUsername();
    if (json(values)) {
      io.out(JSON.stringify({ ...target, token, link: username ? inviteLink(token, username) : null, expiresAt: localIsoString(expiresAt) }, null, 2));
      return 0;
    }
    io.out(username ? t('cli:inviteLink', { link: inviteLink(token, username) }) : t('cli:inviteNoLink', { token }));
    io.out(t('cli:inviteToken', { token }));
    io.out(t('cli:inviteExpires', { expires: formatLocalDateTime(expiresAt) }));
    return 0;
  },
};

/**
 * Runs one CLI command over the configured database; returns the exit code: 0 done, 1 could not be done (the
 * database unreachable, invalid plan files), 2 a mistake in what was typed. Every error is one sentence on stderr
 * that says what to type instead; the detail of an unexpected one goes to the log at debug.
 */
export async function runCli(argv: string[], { config, logger, io, clock }: { config: Config; logger: Logger; io: CliIo; clock?: Clock }): Promise<number> {
  const t = (await createI18n(config.language)).getFixedT(config.language);
  let parsed;
  try {
    parsed = parseCommandLine(argv, t, (name) => name in commands);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(argv.length ? e.message : usage(t));
    return 2;
  }
  if (parsed.name === 'help') {
    io.out(usage(t));
    return 0;
  }
  const { name } = parsed;
  const notice = slowWorkNotice(io, t('cli:working', { command: name }));
  let app: App | undefined;
  try {
    // `db migrate` and `plans import` report what they do themselves.
    app = await createApp({ config, logger, ...(clock ? { clock } : {}), migrate: name !== 'db migrate', importPlans: name !== 'plans import' && name !== 'db migrate' });
    return await commands[name]!({ app, config, positionals: parsed.positionals, values: parsed.values, t, io, notice, logger });
  } catch (e) {
    if (e instanceof MissingSecretKeyError) {
      io.err(t('cli:secretKeyMissing'));
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(e.message);
      return 2;
    }
    logger.debug('cli command failed', { command: name, error: e instanceof Error ? e.stack : String(e) });
    io.err(renderLine(startupProblem(e, { databaseUrl: config.databaseUrl, otherwise: 'cli:failed' }), translateWith(t)));
    return 1;
  } finally {
    notice.stop();
    await app?.close();
  }
}
