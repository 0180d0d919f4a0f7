import { raw, sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import type { Provider } from './connect.js';

export type JsonColumn = 'text' | 'integer' | 'real' | 'timestamp';

const PG_TYPES: Record<JsonColumn, string> = { text: 'TEXT', integer: 'INTEGER', real: 'DOUBLE PRECISION', timestamp: 'TIMESTAMP(3)' };

/**
 * Many rows as one parameter: a JSON array of rows that the database reads back as a table (SQLite's `json_each`,
 * PostgreSQL's `jsonb_array_elements`) with columns c1, c2… and `n`, each row's place in the list. A multi-row VALUES
 * takes a parameter per value, and Prisma spends more on each parameter than the database spends on the row: for
 * the 10,000 messages of one scheduler tick, most of its time. Use as `FROM ${jsonRows(…)} AS v ORDER BY v.n`.
 */
export function jsonRows(provider: Provider, types: readonly JsonColumn[], rows: readonly (readonly unknown[])[]): Sql {
  // Times as each database keeps them: ms since the epoch on SQLite (the adapter's unixepoch-ms), UTC text on PostgreSQL.
  const pg = provider === 'postgresql';
  const when = (value: unknown) => (value instanceof Date ? (pg ? value.toISOString() : value.getTime()) : value);
  const json = JSON.stringify(rows.map((row) => row.map(when)));
  if (pg) {
    const columns = types.map((type, i) => `CAST(r.v->>${i} AS ${PG_TYPES[type]}) AS c${i + 1}`).join(', ');
    // jsonb, not json: the text is parsed once, where json's `->>` parses each row again for each of its columns.
    return sql`(SELECT ${raw(columns)}, r.n FROM jsonb_array_elements(CAST(${json} AS JSONB)) WITH ORDINALITY AS r(v, n))`;
  }
  const columns = types.map((_, i) => `json_extract(value, '$[${i}]') AS c${i + 1}`).join(', ');
  return sql`(SELECT ${raw(columns)}, key AS n FROM json_each(${json}))`;
}
