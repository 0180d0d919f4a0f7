import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { createApp, type App } from '../app.js';
import { createConfig, secretsOf } from '../config.js';
import { migrate } from '../db/migrate.js';
import { atLocalTime, isValidLocalDate, localDateOf } from '../domain/calendar/local-time.js';
import { createLogger } from '../logger.js';
import { importPlans } from '../services/plan-import.js';
import { inviteLink } from '../conversation/features/invite.js';
import { listUnanswered, markReviewed } from './questions.js';
import { report } from './report.js';
import { setRefreshToken, tokenStatus } from './zalo.js';
import type { TFunction } from 'i18next';

type Command = (app: App, args: { positionals: string[]; values: Record<string, string | boolean | undefined> }, t: TFunction) => Promise<number>;

const out = (line: string) => process.stdout.write(line + '\n');
const err = (line: string) => process.stderr.write(line + '\n');

function dateArg(value: unknown, name: string, t: TFunction): string {
  if (typeof value !== 'string' || !isValidLocalDate(value)) throw new UsageError(t('cli:badDate', { name, value: String(value ?? '') }));
  return value;
}

class UsageError extends Error {}

const commands: Record<string, Command> = {
  'db migrate': async (app, _a, t) => {
    const applied = await migrate(createConfig().DATABASE_URL);
    out(applied.length ? t('cli:migrated', { names: applied.join(', ') }) : t('cli:upToDate'));
    return 0;
  },
  'plans import': async (app, { values }, t) => {
    const report = await importPlans(resolve(String(values.dir ?? createConfig().PLANS_DIR)), app.repos.plans);
    for (const p of report.imported) out(t(`cli:import.${p.outcome}`, { file: p.file, code: p.code }));
    for (const i of report.invalid) err(t('cli:import.invalid', { ...i }));
    return report.invalid.length ? 1 : 0;
  },
  'plans list': async (app) => {
    for (const p of await app.repos.plans.listPlans()) out(`${p.code}\t${p.provinceCode}\t${p.document}\t${p.issuedOn}\ttasks=${p._count.tasks}\ttargets=${p._count.targets}\t${p.title.slice(0, 80)}`);
    return 0;
  },
  'plans set-date': async (app, { positionals, values }, t) => {
    const [planCode, taskCode, date] = positionals;
    const task = planCode && taskCode ? await app.repos.plans.findTask(planCode, taskCode) : null;
    if (!task) throw new UsageError(t('cli:unknownTask', { plan: planCode ?? '', task: taskCode ?? '' }));
    if (!('adhoc' in JSON.parse(task.recurrence))) throw new UsageError(t('cli:notAdhoc', { task: taskCode }));
    await app.repos.plans.setAdhocDate({ taskId: task.id, dueOn: dateArg(date, 'date', t), note: values.note as string | undefined });
    out(t('cli:dateSet', { task: task.title, date }));
    return 0;
  },
  'agencies list': async (app, { values }) => {
    for (const a of await app.repos.agencies.list({ province: values.province as string | undefined })) out(`${a.code}\t${a.province}\t${a.name}${a.mergedIntoId ? `\t(merged → #${a.mergedIntoId})` : ''}`);
    return 0;
  },
  'agencies rename': async (app, { positionals }, t) => {
    const [code, ...name] = positionals;
    const agency = code ? await app.repos.agencies.byCode(code) : undefined;
    if (!agency || !name.length) throw new UsageError(t('cli:unknownAgency', { code: code ?? '' }));
    await app.repos.agencies.rename(agency.id, name.join(' '));
    out(t('cli:renamed', { code, name: name.join(' ') }));
    return 0;
  },
  'agencies merge': async (app, { positionals }, t) => {
    const [fromCode, intoCode] = positionals;
    const from = fromCode ? await app.repos.agencies.byCode(fromCode) : undefined;
    const into = intoCode ? await app.repos.agencies.byCode(intoCode) : undefined;
    if (!from || !into) throw new UsageError(t('cli:unknownAgency', { code: `${fromCode ?? ''} / ${intoCode ?? ''}` }));
    await app.repos.agencies.merge(from.id, into.id);
    out(t('cli:merged', { from: fromCode, into: intoCode }));
    return 0;
  },
  'deadlines list': async (app, { values }, t) => {
    const from = dateArg(values.from, '--from', t);
    const to = dateArg(values.to, '--to', t);
    const agency = values.agency ? await app.repos.agencies.byCode(String(values.agency)) : undefined;
    if (values.agency && !agency) throw new UsageError(t('cli:unknownAgency', { code: String(values.agency) }));
    const items = await app.reminders.deadlines({ from, to, now: app.clock.now(), agencyIds: agency ? [agency.id] : undefined });
    for (const d of items) out(`${d.dueOn}\t${d.status}\t${d.agency}\t${d.title}`);
    out(t('cli:count', { count: items.length }));
    return 0;
  },
  'reminders preview': async (app, { values }, t) => {
    const from = atLocalTime(dateArg(values.from, '--from', t), '00:00');
    const to = atLocalTime(dateArg(values.to, '--to', t), '23:59');
    const people = new Map((await app.repos.people.listPeople()).map((p) => [p.id, p]));
    const steps = await app.reminders.preview(from, to);
    for (const s of steps) {
      const person = people.get(s.personId);
      const who = person ? `${person.name} (${person.chats.map((c) => c.channel).join(',')})` : t(s.audience === 'focal' ? 'cli:noFocal' : 'cli:noSupervisor');
      out(`${localDateOf(s.fireAt)} ${s.fireAt.toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit' })}\t${s.step}\t${s.audience}\tdue ${s.dueOn}\t${s.agency}\t${s.plan}\t${s.task}\t→ ${who}`);
    }
    out(t('cli:count', { count: steps.length }));
    return 0;
  },
  'questions unanswered': (app, { values }, t) => listUnanswered(app, { since: values.since === undefined ? undefined : dateArg(values.since, '--since', t), all: values.all === true }, t, out),
  'questions reviewed': async (app, { positionals }, t) => {
    try {
      return await markReviewed(app, positionals, t, out);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  },
  report: (app, args) => report(app, args, { out, err }),
  'zalo set-refresh-token': (app, _a, t) => setRefreshToken(app, t, { out, err }),
  'zalo status': (app, _a, t) => tokenStatus(app, t, { out }),
  invite: async (app, { positionals, values }, t) => {
    const [kind] = positionals;
    const now = app.clock.now();
    let target;
    if (kind === 'supervisor') {
      const province = String(values.province ?? '');
      if (province !== '*' && !(await app.repos.agencies.province(province))) throw new UsageError(t('cli:unknownProvince', { province }));
      target = { kind: 'supervisor' as const, province };
    } else if (kind === 'focal') {
      const agency = await app.repos.agencies.byCode(String(values.agency ?? ''));
      if (!agency) throw new UsageError(t('cli:unknownAgency', { code: String(values.agency ?? '') }));
      target = { kind: 'focal' as const, agencyId: agency.id };
    } else throw new UsageError(t('cli:usage'));
    const { token, expiresAt } = await app.invites.create({ target, now });
    out(t('cli:invite', { link: inviteLink(token, createConfig().TELEGRAM_BOT_USERNAME), token, expires: expiresAt.toISOString() }));
    return 0;
  },
};

async function main(argv: string[]): Promise<number> {
  const config = createConfig();
  const logger = createLogger({ level: 'warn', secrets: secretsOf(config) });
  const options = Object.fromEntries(['from', 'to', 'agency', 'province', 'dir', 'note', 'since', 'format', 'out', 'lang'].map((o) => [o, { type: 'string' as const }]));
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, strict: false, options });
  const name = [positionals.slice(0, 2).join(' '), positionals[0] ?? ''].find((n) => commands[n]);
  // `db migrate` and `plans import` report what they do themselves.
  const app = await createApp({ config, logger, migrate: name !== 'db migrate', importPlans: name !== 'plans import' && name !== 'db migrate' });
  const t = app.i18n.getFixedT(config.DEFAULT_LANGUAGE);
  try {
    if (!name) {
      err(t('cli:usage'));
      return 2;
    }
    return await commands[name]!(app, { positionals: positionals.slice(name.split(' ').length), values }, t);
  } catch (e) {
    if (e instanceof UsageError) {
      err(e.message);
      return 2;
    }
    throw e;
  } finally {
    await app.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
