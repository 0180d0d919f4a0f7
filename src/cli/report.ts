import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { App } from '../app.js';
import type { Language } from '../i18n.js';
import { parseLevel } from '../domain/agencies/levels.js';
import { isEveryProvince } from '../domain/people/roles.js';
import { currentPeriod, parsePeriodText, previousPeriod, periodCode, periodEnd, periodStart, summaryLines, toPeriod, type ReportFormat, type Scope } from '../domain/progress/index.js';
import { addDays, isValidLocalDate, localDateOf } from '../domain/calendar/local-time.js';
import type { Translate } from '../domain/text/line.js';
import { fileSlug } from '../reports/files.js';
import { evidenceScopeOf, writeEvidenceLog } from '../services/evidence-log.js';
import { renderLines } from '../domain/text/line.js';
import { isLanguage } from '../i18n.js';
import { translateWith } from '../messaging/render.js';
import { planScope } from '../services/plan-scope.js';
import { summaryFiles } from '../services/summary-files.js';

const FORMATS = ['text', 'xlsx', 'csv', 'chart', 'log'] as const;
type CliFormat = (typeof FORMATS)[number];

export interface ReportArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/**
 * `report [period] [--province CODE|* | --agency CODE | --plan CODE] [--level commune|province] [--format text,xlsx,csv,chart] [--out DIR] [--lang vi|en]`:
 * the same summary and files as /baocao, for the operator or a cron job: the whole country by
 * default, a province, an agency (with the agencies under it), one plan's part, at one level; the last finished month
 * unless a period is given. Prints the text and
 * the paths of the files written; returns the exit code.
 */
export async function report(app: App, { positionals, values }: ReportArgs, io: { out: (line: string) => void; err: (line: string) => void; language: Language; reportsDir: string }): Promise<number> {
  if (typeof values.lang === 'string' && !isLanguage(values.lang)) return fail(io, app.i18n.getFixedT(io.language)('progress:cli.badLanguage', { lang: values.lang }));
  const language = typeof values.lang === 'string' && isLanguage(values.lang) ? values.lang : io.language;
  const t = app.i18n.getFixedT(language);
  const now = app.clock.now();
  const periodText = positionals.join(' ').trim();
  // As /baocao: the last finished month; the current one is not over, so nobody has reported for it yet.
  const period = periodText ? parsePeriodText(periodText, { now }) : previousPeriod(currentPeriod(now));
  if (!period) return fail(io, t('progress:error.bad_period', { value: periodText }).replace(/^•\s*/, ''));
  const formats = String(typeof values.format === 'string' ? values.format : 'text').split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  const unknown = formats.find((f) => !(FORMATS as readonly string[]).includes(f));
  if (unknown) {
    io.err(t('progress:cli.badFormat', { format: unknown }));
    return 2;
  }
  let scope: Scope = {};
  let name = t('progress:scope.all');
  if (typeof values.agency === 'string') {
    const agency = await app.repos.agencies.byCode(values.agency);
    if (!agency) return fail(io, t('progress:cli.unknownScope', { code: values.agency }));
    scope = (await app.repos.agencies.hasChildren(agency.id)) ? { under: agency.id } : { agencyIds: [agency.id] };
    name = agency.name;
  } else if (typeof values.plan === 'string') {
    const plan = await planScope(app.repos.plans, values.plan);
    if (!plan) return fail(io, t('progress:cli.unknownPlan', { code: values.plan }));
    const province = await app.repos.agencies.provinceNow(plan.provinceCode);
    scope = plan.scope;
    name = t('progress:scope.plan', { plan: plan.scope.plan, province: province?.name ?? plan.provinceCode });
  } else if (typeof values.province === 'string' && !isEveryProvince(values.province)) {
    const province = await app.repos.agencies.provinceNow(values.province);
    if (!province) return fail(io, t('progress:cli.unknownScope', { code: values.province }));
    scope = { province: province.code };
    name = province.name;
  }
  if (typeof values.level === 'string') {
    const level = parseLevel(values.level);
    if (!level) return fail(io, t('progress:cli.badLevel', { level: values.level }));
    scope = { ...scope, level };
    name = t('progress:scope.level', { scope: name, level: t(`progress:level.${level}`) });
  }
  const code = periodCode(period);
  const translate = translateWith(t);
  if ((formats as CliFormat[]).includes('log')) return writeLog(app, { scope, name, period: code, values, t: translate }, io);
  // The text, and the workbook's first sheet, say the same thing.
  const summary = await app.progress.summary({ scope, period: code, now });
  if ((formats as CliFormat[]).includes('text')) io.out(renderLines(summaryLines(summary, { scopeName: name }), translate));
  const fileFormats = formats.filter((f): f is ReportFormat => f !== 'text' && f !== 'log');
  if (!fileFormats.length) return 0;
  const files = await summaryFiles({ progress: app.progress, scope, name, period: code, now, summary, formats: fileFormats, history: true, t: translate, language });
  const dir = resolve(typeof values.out === 'string' ? values.out : io.reportsDir);
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    const path = join(dir, file.filename);
    writeFileSync(path, file.data);
    io.out(t('progress:cli.wrote', { path }));
  }
  return 0;
}

/**
 * `report --format log`: the evidence log of the deadlines due in the period (or from `--from` to `--to`), written
 * as it is read, a page of deadlines at a time, straight to the file.
 */
async function writeLog(app: App, input: { scope: Scope; name: string; period: string; values: ReportArgs['values']; t: Translate }, io: { out: (line: string) => void; err: (line: string) => void; reportsDir: string }): Promise<number> {
  const { values, t } = input;
  for (const [name, v] of [['--from', values.from], ['--to', values.to]] as const) if (v !== undefined && (typeof v !== 'string' || !isValidLocalDate(v))) return fail(io, t('cli:badDate', { name, value: String(v) }));
  if ((values.from === undefined) !== (values.to === undefined)) return fail(io, t('cli:badDate', { name: values.from === undefined ? '--from' : '--to', value: '' }));
  const period = toPeriod(input.period);
  const from = typeof values.from === 'string' ? values.from : localDateOf(periodStart(period));
  const to = typeof values.to === 'string' ? values.to : addDays(localDateOf(periodEnd(period)), -1);
  if (from > to) return fail(io, t('cli:dateOrder', { from, to }));
  const dir = resolve(typeof values.out === 'string' ? values.out : io.reportsDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${fileSlug(t('reminders:log.fileBase'))}-${fileSlug(input.name)}-${from}-${to}.xlsx`);
  const file = createWriteStream(path);
  const finished = new Promise<void>((done, failed) => file.on('finish', () => done()).on('error', failed));
  const count = await writeEvidenceLog(app.evidenceLog, { ...(await evidenceScopeOf(app.repos.agencies, input.scope)), from, to }, t, file);
  await finished;
  io.out(t('reminders:log.wrote', { count, path }));
  return 0;
}

function fail(io: { err: (line: string) => void }, message: string): number {
  io.err(message);
  return 2;
}
