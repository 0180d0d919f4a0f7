import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { isValidLocalDate } from '../domain/calendar/local-time.js';
import type { HolidayData } from '../domain/calendar/work-calendar.js';

const date = z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)).refine(isValidLocalDate, 'YYYY-MM-DD');
const schema = z.object({
  years: z.record(z.string(), z.object({
    holidays: z.array(z.object({ date, name: z.string() })),
    workingWeekends: z.array(z.union([date, z.object({ date })])).default([]),
  })),
});

/** Public holidays per year, kept as data so an administrator can add a year or correct a swap. */
export function readHolidays(path: string): HolidayData {
  const data = schema.parse(parse(readFileSync(path, 'utf8')));
  const years = Object.values(data.years);
  return {
    years: Object.keys(data.years).map(Number).sort((a, b) => a - b),
    holidays: years.flatMap((y) => y.holidays.map((h) => h.date)),
    workingWeekends: years.flatMap((y) => y.workingWeekends.map((w) => (typeof w === 'string' ? w : w.date))),
  };
}
