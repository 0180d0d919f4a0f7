import { z } from 'zod';
import { AGENCY_LEVELS } from '../domain/agencies/levels.js';
import { isValidLocalDate } from '../domain/calendar/local-time.js';

const code = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lowercase letters, digits, "." and "-"');
const date = z.string().refine(isValidLocalDate, 'a date written YYYY-MM-DD');
const dayMonth = z.string().regex(/^(0?[1-9]|[12]\d|3[01])\/(0?[1-9]|1[0-2])$/, 'a day and month written DD/MM');
const dayOfMonth = z.number().int().min(1).max(31);
const days = z.array(z.number().int().min(0).max(366));

const ladder = z.strictObject({
  before: days.optional(),
  overdue: days.optional(),
  escalate: days.optional(),
  hour: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time written HH:mm').optional(),
});

const window = { assumed: z.string().min(1).optional(), says: z.string().min(1).optional(), from: date.optional(), until: date.optional() };

const recurrence = z.union([
  z.strictObject({ every: z.literal('year'), due: dayMonth, ...window }),
  z.strictObject({ every: z.enum(['month', 'quarter', 'half-year']), day: dayOfMonth, ...window }),
  z.strictObject({ once: date, ...window }),
  z.strictObject({ adhoc: z.string().min(1), ...window }),
]);

export const planSchema = z.strictObject({
  code,
  title: z.string().min(1),
  document: z.string(),
  issuedOn: date,
  issuer: z.string().min(1),
  province: code,
  provinceName: z.string().min(1),
  seed: z.string().min(1),
  notes: z.string().optional(),
  ladder: ladder.optional(),
  agencies: z.array(z.strictObject({
    code,
    name: z.string().min(1),
    kind: z.string().default('other'),
    note: z.string().optional(),
    // Where the agency sits: a commune's People's Committee is `commune`, under its province's (`parent`).
    level: z.enum(AGENCY_LEVELS).optional(),
    parent: code.optional(),
  })).min(1),
  tasks: z.array(z.strictObject({
    code,
    title: z.string().min(1),
    lead: z.array(code).min(1),
    coordinating: z.array(code).default([]),
    reportTo: z.array(code).default([]),
    recurrence,
    ladder: ladder.optional(),
    source: z.string().min(1),
  })).min(1),
  targets: z.array(z.strictObject({
    metric: z.enum(['bhxh_coverage', 'bhtn_coverage', 'voluntary_coverage', 'pension_share', 'satisfaction']),
    year: z.number().int().min(2000).max(2100),
    value: z.number().min(0).max(100),
    comparator: z.enum(['gte', 'gt']).default('gte'),
    source: z.string().default(''),
  })).default([]),
});
