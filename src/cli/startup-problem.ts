import type { KeyedLine } from '../domain/text/line.js';
import { MissingSecretKeyError } from '../repositories/token-cipher.js';

type Failure = Error & { code?: string; port?: number; path?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };

// Prisma's error codes and the driver adapter's kinds, whichever layer raised it: the schema engine at migration
// speaks in messages, the client in codes.
const DATABASE: { kind: 'unreachable' | 'login' | 'noDatabase'; codes: string[]; message: RegExp }[] = [
  { kind: 'unreachable', codes: ['P1001', 'P1002', 'DatabaseNotReachable', 'ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT'], message: /can't reach database server/i },
  { kind: 'login', codes: ['P1000', 'P1010', 'AuthenticationFailed', '28P01', '28000'], message: /authentication failed|denied access|role .* does not exist/i },
  { kind: 'noDatabase', codes: ['P1003', 'DatabaseDoesNotExist', '3D000'], message: /database .* does not exist/i },
];

/** Host and port of a PostgreSQL URL, never its user or password; the path of a SQLite file. */
export function databaseWhere(databaseUrl: string): { host: string; database: string } {
  if (databaseUrl.startsWith('file:')) return { host: databaseUrl.slice('file:'.length), database: '' };
  try {
    const url = new URL(databaseUrl);
    return { host: url.host || 'localhost', database: decodeURIComponent(url.pathname.replace(/^\//, '')) };
  } catch {
    return { host: '?', database: '' };
  }
}

/**
 * What went wrong when the service or a CLI command could not get going, as one line a person can act on: an
 * unreachable or refusing database names its host and what to check, a taken port or a missing file says which.
 * Anything else is its first line of text; the whole error with its stack goes to the log at debug.
 */
export function startupProblem(error: unknown, options: { databaseUrl: string; otherwise: 'cli:start.failed' | 'cli:failed' }): KeyedLine {
  const e = (error instanceof Error ? error : new Error(String(error))) as Failure;
  const kinds = [e.code, e.meta?.driverAdapterError?.cause?.kind].filter((k): k is string => !!k);
  const database = DATABASE.find((d) => kinds.some((k) => d.codes.includes(k)) || d.message.test(e.message));
  if (database) return { key: `cli:start.${database.kind}`, params: databaseWhere(options.databaseUrl) };
  if (e instanceof MissingSecretKeyError) return { key: 'cli:start.secretKey' };
  if (e.code === 'EADDRINUSE') return { key: 'cli:start.portInUse', params: { port: e.port ?? '?' } };
  if (e.code === 'ENOENT' && e.path) return { key: 'cli:start.missingFile', params: { path: e.path } };
  const reason = e.message.split('\n').map((l) => l.trim()).find(Boolean) ?? e.name;
  return { key: options.otherwise, params: { reason: reason.replace(/[.:]$/, '') } };
}

