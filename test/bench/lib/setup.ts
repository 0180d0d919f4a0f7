// What the benchmarks share: Node's flag for Prisma's wasm engine, a database of either kind, people in bulk.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../../src/app.js';
import { startPostgres, type PostgresServer } from '../../support/postgres-server.js';

/** The app migrates through Prisma's wasm schema engine, which Node 20 loads only with a flag: run again with it. */
export function rerunWithWasm(): void {
  if (process.execArgv.includes('--experimental-wasm-modules')) return;
  const run = spawnSync(process.execPath, [...process.execArgv, '--experimental-wasm-modules', '--no-warnings', process.argv[1]!, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

export const root = join(import.meta.dirname, '../../..');
export type Kind = 'sqlite' | 'postgresql';

/** Fresh databases of either kind for one benchmark run; PostgreSQL is started on first use and stopped by `stop`. */
export function benchDatabases() {
  const dir = mkdtempSync(join(tmpdir(), 'bhxh-bench-'));
  let server: Promise<PostgresServer> | undefined;
  let n = 0;
  return {
    dir,
    async fresh(kind: Kind): Promise<string> {
      n++;
      if (kind === 'sqlite') return `file:${join(dir, `bench-${n}.db`)}`;
      server ??= startPostgres();
      return (await server).createDatabase(`bench_${n}`);
    },
    async stop(): Promise<void> {
      if (server) (await server).stop();
    },
  };
}

/** A focal point with a Telegram chat for each agency, written in bulk; returns their chat ids. */
export async function focalPointsFor(app: App, agencyIds: number[]): Promise<string[]> {
  const chats: string[] = [];
  for (let i = 0; i < agencyIds.length; i += 1000) {
    const slice = agencyIds.slice(i, i + 1000);
    const people = await app.db.person.createManyAndReturn({ data: slice.map((id) => ({ name: `Đầu mối ${id}`, language: 'vi' })), select: { id: true } });
    const ids = slice.map((_, j) => String(1_000_000 + i + j));
    await app.db.chat.createMany({ data: people.map((p, j) => ({ channel: 'telegram', chatId: ids[j]!, personId: p.id, lastInboundAt: new Date() })) });
    await app.db.role.createMany({ data: people.map((p, j) => ({ personId: p.id, kind: 'focal', agencyId: slice[j]! })) });
    chats.push(...ids);
  }
  return chats;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
