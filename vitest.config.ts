import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Database-backed suites each start their own SQLite file or PostgreSQL schema,
    // so files may run in parallel; a shared PostgreSQL server is started once.
    globalSetup: ['test/support/global-setup.ts'],
    execArgv: ['--experimental-wasm-modules', '--no-warnings'],
    env: { TZ: 'UTC' },
  },
});
