import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

// One real PostgreSQL server for the whole run; each test file makes its own database.
export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startPostgres();
  project.provide('postgresAdminUrl', server.url('postgres'));
  return () => server.stop();
}
