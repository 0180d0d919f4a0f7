import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { isValidLocalDate } from '../domain/calendar/local-time.js';

const date = z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)).refine(isValidLocalDate, 'YYYY-MM-DD');
const common = { on: date, basis: z.string().min(1) };
const change = z.union([
  z.strictObject({ merge: z.string(), into: z.string(), ...common }),
  z.strictObject({ rename: z.string(), to: z.string().min(1), ...common }),
  z.strictObject({ end: z.string(), successors: z.array(z.string()).default([]), ...common }),
  z.strictObject({ province: z.string(), to: z.string().min(1), ...common }),
]);
const schema = z.strictObject({ changes: z.array(change) });

export type ReorganisationChange = z.infer<typeof change>;

/** The changes of a reorganisation file (data/reorganisation-2025.yaml), in the order they apply. */
export function readReorganisation(path: string): ReorganisationChange[] {
  return schema.parse(parse(readFileSync(path, 'utf8'))).changes;
}
