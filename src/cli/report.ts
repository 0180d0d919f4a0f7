import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { App } from '../app.js';
import type { Language } from '../i18n.js';
import { isEveryProvince } from '../domain/people/roles.js';
import { currentPeriod, parsePeriodText, periodCode, summaryLines, type ReportFormat, type Scope } from '../domain/progress/index.js';
import { renderLines } from '../domain/text/line.js';
import { isLanguage } from '../i18n.js';
import { translateWith } from '../messaging/render.js';
import { reportFiles } from '../reports/files.js';

const FORMATS = ['text', 'xlsx', 'csv', 'chart'] as const;
type CliFormat = (typeof FORMATS)[number];

export interface ReportArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/**
 * `report [period] [--province CODE | --agency CODE] [--format text,xlsx,csv,chart] [--out DIR] [--lang vi|en]`:
 * the same summary and files as /baocao, for the operator or a cron job. Prints the text and
 * the paths of the files written; returns the exit code.
 */
export async function report(app: App, { positionals, values }: ReportArgs, io: { out: (line: string) => void; err: (line: string) => void; language: Language; reportsDir: string }): Promise<number> {
  if (typeof values.lang === 'string' && !isLanguage(values.lang)) return fail(io, app.i18n.getFixedT(io.language)('progress:cli.badLanguage', { lang: values.lang }));
  const language = typeof values.lang === 'string' && isLanguage(values.lang) ? values.lang : io.language;
  const t = app.i18n.getFixedT(language);
  const now = app.clock.now();
  const periodText = positionals.join(' ').trim();
  const period = periodText ? parsePeriodText(periodText, { now }) : currentPeriod(now);
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
    scope = { agencyIds: [agency.id] };
    name = agency.name;
  } else if (typeof values.province === 'string' && !isEveryProvince(values.province)) {
    const province = await app.repos.agencies.province(values.province);
    if (!province) return fail(io, t('progress:cli.unknownScope', { code: values.province }));
    scope = { province: province.code };
    name = province.name;
  }
  const code = periodCode(period);
  const translate = translateWith(t);
  const fileFormats = formats.filter((f): f is ReportFormat => f !== 'text');
  // The text, and the workbook's first sheet, say the same thing.
  const summary = formats.includes('text') || fileFormats.includes('xlsx') ? await app.progress.summary({ scope, period: code, now }) : undefined;
  if ((formats as CliFormat[]).includes('text')) io.out(renderLines(summaryLines(summary!, { scopeName: name }), translate));
  if (!fileFormats.length) return 0;
  const series = await app.progress.history({ scope, period: code, now });
  const files = await reportFiles({ series, formats: fileFormats, t: translate, scopeName: name, period: code, locale: language === 'en' ? 'en-GB' : 'vi-VN', ...(summary ? { summary } : {}) });
  const dir = resolve(typeof values.out === 'string' ? values.out : io.reportsDir);
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    const path = join(dir, file.filename);
    writeFileSync(path, file.data);
    io.out(t('progress:cli.wrote', { path }));
  }
  return 0;
}

function fail(io: { err: (line: string) => void }, message: string): number {
  io.err(message);
  return 2;
}
