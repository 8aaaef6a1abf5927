import { defineConfig } from 'vitest/config';

const dbTests = ['src/**/*.db.test.ts', 'tests/**/*.db.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'pglite',
          include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/faults/**', 'tests/national/**', 'node_modules/**'],
          env: { DB_KIND: 'pglite' },
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: dbTests,
          exclude: ['tests/faults/**', 'node_modules/**'],
          env: { DB_KIND: 'postgres' },
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          env: { DB_KIND: 'pglite' },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      // The fault suite (`npm run test:faults`, not in `npm test`): kill -9, a database restart under
      // load, the hostile corpus, backup → restore → compare. Each file runs once per engine.
      ...(['pglite', 'postgres'] as const).map((kind) => ({
        test: {
          name: kind === 'pglite' ? 'faults' : 'faults-postgres',
          include: ['tests/faults/**/*.faults.test.ts'],
          env: { DB_KIND: kind },
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      })),
      // Issue 15 (`npm run test:national`, not in `npm test`): three app processes on one PostgreSQL
      // server behind a round-robin proxy, driven across processes.
      {
        test: {
          name: 'national',
          include: ['tests/national/**/*.national.test.ts'],
          env: { DB_KIND: 'postgres' },
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
