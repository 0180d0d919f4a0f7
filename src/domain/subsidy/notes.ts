import { addMonths } from '../calendar/local-time.js';
import type { CalcInput, CalcResult, Note } from './calc-types.js';
import { formatDate, formatDong, formatPercent } from './format.js';
import { provinceByCode } from './provinces.js';
import { changeDates, nextTopUp } from './rules-on-date.js';
import type { Province } from './provinces.js';
import type { Rules } from './rules-schema.js';
import type { Sourced } from './types.js';

export { NOTE_CODES, type Note, type NoteCode } from './calc-types.js';

/** What to tell the person besides the figures, in the order to show it. */
export function calculationNotes(r: CalcResult, ctx: { input: CalcInput; rules: Rules; sources: Sourced[] }): Note[] {
  const notes: Note[] = [];
  const max = r.regime.maxSupportMonths;
  const given = ctx.input.category;
  if (given === undefined) notes.push({ code: 'category_assumed' });
  if (Array.isArray(given) && new Set(given).size > 1) notes.push({ code: 'highest_category_only' });
  notes.push({ code: 'support_on_poverty_line', params: { base: formatDong(r.supportBase), poverty_line: formatDong(r.povertyLine) } });
  if ((ctx.input.supportedMonths ?? 0) >= max) notes.push({ code: 'support_used_up', params: { months: max } });
  else if (r.supportedMonthsInPayment < r.months) notes.push({ code: 'support_ends_in_payment', params: { months: r.supportedMonthsInPayment } });
  else notes.push({ code: 'support_max_months', params: { months: max } });
  const province = ctx.input.province ? provinceByCode(ctx.input.province) : undefined;
  if (province && r.provinceTopUp) notes.push({ code: 'province_residents_only', params: { province: province.name } });
  if (province && !r.provinceTopUp) notes.push(noTopUpNote(ctx.rules, province, r.date));
  if (r.advance?.monthlyRatePercent !== undefined) notes.push({ code: 'advance_discounted', params: { rate: formatPercent(r.advance.monthlyRatePercent) } });
  if (r.advance && r.advance.monthlyRatePercent === undefined) notes.push({ code: 'advance_rate_missing' });
  const end = addMonths(r.date, r.months);
  const change = changeDates(ctx.rules, ctx.input.province).find((d) => d > r.date && d < end);
  if (change && r.months > 1) notes.push({ code: 'rules_change_within_payment', params: { date: formatDate(change) } });
  return [...notes, ...unconfirmedNotes(ctx.sources)];
}

/** A province without a top-up on the date: none known, or one that starts later (not "no information"). */
export function noTopUpNote(rules: Rules, province: Province, date: string): Note {
  const later = nextTopUp(rules, province.code, date);
  return later ? { code: 'province_topup_later', params: { province: province.name, from: formatDate(later.from) } } : { code: 'province_no_topup', params: { province: province.name } };
}

/** Values the rules file marks medium or low are shown as not confirmed, in one note. */
export function unconfirmedNotes(sources: Sourced[]): Note[] {
  const weak = [...new Set(sources.filter((s) => s.confidence === 'medium' || s.confidence === 'low').map(({ basis: b }) => (b.article ? `${b.document}, ${b.article}` : b.document)))];
  return weak.length ? [{ code: 'unconfirmed', params: { document: weak.join('; ') } }] : [];
}
