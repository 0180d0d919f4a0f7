import pg from 'pg';

const PG_CHAR = 18;
const PG_TEXT = 25;

type Query = (...args: unknown[]) => Promise<{ fields?: { dataTypeID: number }[] }>;

// The schema engine reads PostgreSQL's catalogs, whose one-byte "char" columns
// (relkind, contype, …) @prisma/adapter-pg 7.10 cannot map and rejects. The
// value already arrives as a string, so relabelling the column as text is all
// it takes. Used only for migrations, never by the application's client.
function relabelChar(query: Query): Query {
  return async (...args) => {
    const result = await query(...args);
    for (const field of result?.fields ?? []) if (field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
    return result;
  };
}

export function catalogReadingPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 2 });
  const target = pool as unknown as { query: Query };
  target.query = relabelChar(target.query.bind(pool));
  pool.on('connect', (client) => {
    const c = client as unknown as { query: Query };
    c.query = relabelChar(c.query.bind(client));
  });
  return pool;
}
