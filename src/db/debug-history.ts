import { Debug } from '@prisma/client/runtime/client';
import { clearLogs } from '@prisma/debug';
import type { SqlDriverAdapter, SqlQuery, SqlQueryable, Transaction } from '@prisma/driver-adapter-utils';

/**
 * Prisma's debug module keeps the arguments of its last 100 calls, whether DEBUG is set or not, to put them in its
 * error reports. The driver adapter logs every query with its parameters, and the client every raw query as its SQL
 * and its parameters in one string: a set-based write's rows travel as one JSON parameter (json-rows.ts), 60 KB for
 * 90 logged questions and megabytes for a due tick's outbox. So the last hundred of those stayed in memory, and
 * each lived long enough to be copied into the old generation instead of dying young: measured on the inbound
 * bench, 4–7 MB of RSS and 5 MB of V8 heap after 2,000 questions.
 */
const KEPT_CALLS = 100; // @prisma/debug's MAX_ARGS_HISTORY; the client's bundled copy has the same
/** A query with this much text in its parameters is pushed out of the client's history as soon as it is done. */
export const LARGE_PARAMETERS = 1024;
const filler = Debug('bhxh:forget');

/** Forgets what Prisma's debug histories hold. */
function forgetQueries(): void {
  // The adapter's copy (@prisma/debug) can be emptied; the copy bundled in the client can only be pushed through.
  clearLogs();
  // When someone is debugging with DEBUG set, the history is theirs to read, and the filler would be printed.
  if (Debug.enabled('bhxh:forget')) return;
  for (let i = 0; i < KEPT_CALLS; i++) filler(0);
}

const large = (query: SqlQuery) => {
  let chars = 0;
  for (const arg of query.args) if (typeof arg === 'string' && (chars += arg.length) >= LARGE_PARAMETERS) return true;
  return false;
};

function forgetting<Q extends SqlQueryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  const executeRaw = queryable.executeRaw.bind(queryable);
  const after = (query: SqlQuery) => (large(query) ? forgetQueries() : clearLogs());
  queryable.queryRaw = (query) => queryRaw(query).finally(() => after(query));
  queryable.executeRaw = (query) => executeRaw(query).finally(() => after(query));
  return queryable;
}

/** The adapter, its transactions' queries included, with each query forgotten by Prisma's debug history once done. */
export function forgettingQueries(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => forgetting<Transaction>(await startTransaction(isolationLevel));
  return forgetting(adapter);
}
