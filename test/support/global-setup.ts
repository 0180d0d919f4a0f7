import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    /** Where this run keeps its SQLite template databases (test/support/databases.ts). */
    templateDir: string;
  }
}

// One real PostgreSQL server for the whole run; each test makes its own database.
export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startPostgres();
  const templateDir = mkdtempSync(join(tmpdir(), 'bhxh-templates-'));
  project.provide('postgresAdminUrl', server.url('postgres'));
  project.provide('templateDir', templateDir);
  return () => {
    server.stop();
    rmSync(templateDir, { recursive: true, force: true });
  };
}
