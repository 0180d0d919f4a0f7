import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Every test makes its own database (a SQLite file, or a database on the one PostgreSQL server started here),
    // so files may run side by side.
    globalSetup: ['test/support/global-setup.ts'],
    // Measured on 2 cores: the end-to-end tests wait on HTTP and PostgreSQL much of the time, so three workers keep
    // both cores busy; threads start faster than processes. Loading the app's modules (the Prisma clients above all)
    // for every file cost more CPU than the tests themselves, so a worker keeps them from file to file: no test
    // relies on module state, each sets up its own.
    pool: 'threads',
    maxWorkers: 3,
    isolate: false,
    execArgv: ['--experimental-wasm-modules', '--no-warnings'],
    env: { TZ: 'UTC' },
  },
});
