import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { createApp, type App } from '../app.js';
import type { Config } from '../config.js';
import { migrate } from '../db/migrate.js';
import { atLocalTime, isValidLocalDate, localDateOf, ZONE } from '../domain/calendar/local-time.js';
import { isEveryProvince } from '../domain/people/roles.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../services/clock.js';
import type { CliIo } from './io.js';
import { importPlans } from '../services/plan-import.js';
import { inviteLink } from '../conversation/features/invite.js';
import { listUnanswered, markReviewed } from './questions.js';
import { replay } from './replay.js';
import { report } from './report.js';
import { status } from './status.js';
import { setRefreshToken, tokenStatus } from './zalo.js';
import type { TFunction } from 'i18next';


interface CliRun {
  app: App;
  config: Config;
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
  t: TFunction;
  io: CliIo;
}

type Command = (run: CliRun) => Promise<number>;

function dateArg(value: unknown, name: string, t: TFunction): string {
  if (typeof value !== 'string' || !isValidLocalDate(value)) throw new UsageError(t('cli:badDate', { name, value: String(value ?? '') }));
  return value;
}

class UsageError extends Error {}

const commands: Record<string, Command> = {
  'db migrate': async ({ config, t, io }) => {
    const applied = await migrate(config.databaseUrl);
    io.out(applied.length ? t('cli:migrated', { names: applied.join(', ') }) : t('cli:upToDate'));
    return 0;
  },
  'plans import': async ({ app, config, values, t, io }) => {
    const report = await importPlans(resolve(String(values.dir ?? config.files.plansDir)), app.repos.plans);
    for (const p of report.imported) io.out(t(`cli:import.${p.outcome}`, { file: p.file, code: p.code }));
    for (const i of report.invalid) io.err(t('cli:import.invalid', { ...i }));
    return report.invalid.length ? 1 : 0;
  },
  'plans list': async ({ app, io }) => {
    for (const p of await app.repos.plans.listPlans()) io.out(`${p.code}\t${p.provinceCode}\t${p.document}\t${p.issuedOn}\ttasks=${p._count.tasks}\ttargets=${p._count.targets}\t${p.title.slice(0, 80)}`);
    return 0;
  },
  'plans set-date': async ({ app, positionals, values, t, io }) => {
    const [planCode, taskCode, date] = positionals;
    const task = planCode && taskCode ? await app.repos.plans.findTask(planCode, taskCode) : null;
    if (!task) throw new UsageError(t('cli:unknownTask', { plan: planCode ?? '', task: taskCode ?? '' }));
    if (!('adhoc' in JSON.parse(task.recurrence))) throw new UsageError(t('cli:notAdhoc', { task: taskCode }));
    await app.repos.plans.setAdhocDate({ taskId: task.id, dueOn: dateArg(date, 'date', t), note: values.note as string | undefined });
    io.out(t('cli:dateSet', { task: task.title, date }));
    return 0;
  },
  'agencies list': async ({ app, values, io }) => {
    for (const a of await app.repos.agencies.list({ province: values.province as string | undefined })) io.out(`${a.code}\t${a.province}\t${a.name}${a.mergedIntoId ? `\t(merged → #${a.mergedIntoId})` : ''}`);
    return 0;
  },
  'agencies rename': async ({ app, positionals, t, io }) => {
    const [code, ...name] = positionals;
    const agency = code ? await app.repos.agencies.byCode(code) : undefined;
    if (!agency || !name.length) throw new UsageError(t('cli:unknownAgency', { code: code ?? '' }));
    await app.repos.agencies.rename(agency.id, name.join(' '));
    io.out(t('cli:renamed', { code, name: name.join(' ') }));
    return 0;
  },
  'agencies merge': async ({ app, positionals, t, io }) => {
    const [fromCode, intoCode] = positionals;
    const from = fromCode ? await app.repos.agencies.byCode(fromCode) : undefined;
    const into = intoCode ? await app.repos.agencies.byCode(intoCode) : undefined;
    if (!from || !into) throw new UsageError(t('cli:unknownAgency', { code: `${fromCode ?? ''} / ${intoCode ?? ''}` }));
    await app.repos.agencies.merge(from.id, into.id);
    io.out(t('cli:merged', { from: fromCode, into: intoCode }));
    return 0;
  },
  'deadlines list': async ({ app, values, t, io }) => {
    const from = dateArg(values.from, '--from', t);
    const to = dateArg(values.to, '--to', t);
    const agency = values.agency ? await app.repos.agencies.byCode(String(values.agency)) : undefined;
    if (values.agency && !agency) throw new UsageError(t('cli:unknownAgency', { code: String(values.agency) }));
    const items = await app.reminders.deadlines({ from, to, now: app.clock.now(), agencyIds: agency ? [agency.id] : undefined });
    for (const d of items) io.out(`${d.dueOn}${d.extendedTo ? ` → ${d.extendedTo}` : ''}\t${d.status}\t${d.agency}\t${d.title}`);
    io.out(t('cli:count', { count: items.length }));
    return 0;
  },
  'reminders preview': async ({ app, values, t, io }) => {
    const from = atLocalTime(dateArg(values.from, '--from', t), '00:00');
    const to = atLocalTime(dateArg(values.to, '--to', t), '23:59');
    const people = new Map((await app.repos.people.listPeople()).map((p) => [p.id, p]));
    let count = 0;
    for await (const steps of app.reminders.previewStream(from, to)) {
      for (const s of steps) {
        const person = people.get(s.personId);
        const who = person ? `${person.name} (${person.chats.map((c) => c.channel).join(',')})` : t(s.audience === 'focal' ? 'cli:noFocal' : 'cli:noSupervisor');
        io.out(`${localDateOf(s.fireAt)} ${s.fireAt.toLocaleTimeString('vi-VN', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' })}\t${s.step}\t${s.audience}\tdue ${s.dueOn}\t${s.agency}\t${s.plan}\t${s.task}\t→ ${who}`);
      }
      count += steps.length;
    }
    io.out(t('cli:count', { count }));
    return 0;
  },
  'questions unanswered': ({ app, values, t, io }) => listUnanswered(app, { since: values.since === undefined ? undefined : dateArg(values.since, '--since', t), all: values.all === true }, t, io.out),
  'questions reviewed': async ({ app, positionals, t, io }) => {
    try {
      return await markReviewed(app, positionals, t, io.out);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  },
  'questions replay': async ({ app, values, t, io }) => {
    // The parser is not strict: `--rules` with no file after it comes as true.
    if (values.rules === true) throw new UsageError(t('cli:usage'));
    const since = values.since === undefined ? undefined : dateArg(values.since, '--since', t);
    return replay(app, { since, rulesFile: typeof values.rules === 'string' ? values.rules : undefined, all: values.all === true }, t, io.out);
  },
  report: ({ app, config, positionals, values, io }) => report(app, { positionals, values }, { ...io, language: config.language, reportsDir: config.files.reportsDir }),
  'zalo set-refresh-token': ({ app, t, io }) => setRefreshToken(app, t, io),
  'zalo status': ({ app, t, io }) => tokenStatus(app, t, io),
  status: ({ app, t, io }) => status(app, t, io.out),
  invite: async ({ app, positionals, values, t, io }) => {
    const [kind] = positionals;
    const now = app.clock.now();
    let target;
    if (kind === 'supervisor') {
      const province = String(values.province ?? '');
      if (!isEveryProvince(province) && !(await app.repos.agencies.province(province))) throw new UsageError(t('cli:unknownProvince', { province }));
      target = { kind: 'supervisor' as const, province };
    } else if (kind === 'focal') {
      const agency = await app.repos.agencies.byCode(String(values.agency ?? ''));
      if (!agency) throw new UsageError(t('cli:unknownAgency', { code: String(values.agency ?? '') }));
      target = { kind: 'focal' as const, agencyId: agency.id };
    } else throw new UsageError(t('cli:usage'));
    const { token, expiresAt } = await app.invites.create({ target, now });
    io.out(t('cli:invite', { link: inviteLink(token, app.botUsername()), token, expires: expiresAt.toISOString() }));
    return 0;
  },
};

/** Runs one CLI command over the configured database; returns the exit code. */
export async function runCli(argv: string[], { config, logger, io, clock }: { config: Config; logger: Logger; io: CliIo; clock?: Clock }): Promise<number> {
  const options = Object.fromEntries(['from', 'to', 'agency', 'province', 'dir', 'note', 'since', 'format', 'out', 'lang', 'rules'].map((o) => [o, { type: 'string' as const }]));
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, strict: false, options });
  const name = [positionals.slice(0, 2).join(' '), positionals[0] ?? ''].find((n) => commands[n]);
  // `db migrate` and `plans import` report what they do themselves.
  const app = await createApp({ config, logger, clock, migrate: name !== 'db migrate', importPlans: name !== 'plans import' && name !== 'db migrate' });
  const t = app.i18n.getFixedT(config.language);
  try {
    if (!name) {
      io.err(t('cli:usage'));
      return 2;
    }
    return await commands[name]!({ app, config, positionals: positionals.slice(name.split(' ').length), values, t, io });
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message);
      return 2;
    }
    throw e;
  } finally {
    await app.close();
  }
}

