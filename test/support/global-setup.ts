import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    /** This run's folder for its SQLite databases and templates (test/support/databases.ts); deleted at the end. */
    scratchDir: string;
  }
}

// One real PostgreSQL server for the whole run; each test makes its own database. A run writes a database per
// test, gigabytes in all: in memory when the machine has a memory file system, since on a busy disk writing them,
// and deleting them at the end, took minutes.
export default async function setup(project: TestProject): Promise<() => void> {
  const scratch = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'bhxh-run-'));
  // The server runs as the "postgres" user when the tests run as root (postgres-server.ts): it must get in.
  chmodSync(scratch, 0o755);
  const server = await startPostgres(scratch);
  project.provide('postgresAdminUrl', server.url('postgres'));
  project.provide('scratchDir', scratch);
  return () => {
    try {
      server.stop();
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  };
}
