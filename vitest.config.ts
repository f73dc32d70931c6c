import { defineConfig } from 'vitest/config';

/**
 * Test tiers as Vitest projects:
 * - unit: pure domain rules, no database (`*.test.ts`);
 * - pglite / postgres: services and every endpoint against a real database (`*.int.test.ts`), run once per engine;
 * - e2e: browser flows in Debian's Chromium (`test/e2e/*.e2e.test.ts`).
 * `npm run test:all` (scripts/test-all.mjs) provisions PostgreSQL and Chromium and runs them all.
 */
const intInclude = ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'];
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'pglite',
          include: intInclude,
          env: { FAZHI_TEST_ENGINE: 'pglite' },
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'postgres',
          include: intInclude,
          env: { FAZHI_TEST_ENGINE: 'postgres' },
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
