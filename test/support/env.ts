/** Shared constants for the database test tiers. */
export const TEST_TENANT = '500113';
/** A small demo district: enough units and users in every role for authorisation tests. */
export const TEST_SCALE = 0.1;
export const TEST_FIELD_KEY = `${'0'.repeat(63)}1`;

/** The PostgreSQL server tests use: FAZHI_TEST_PG_URL, set by scripts/test-all.mjs. */
export function pgAdminUrl(): string {
  const url = process.env.FAZHI_TEST_PG_URL;
  if (!url)
    throw new Error(
      'FAZHI_TEST_PG_URL is not set: run `npm run test:all`, which finds or starts a PostgreSQL server',
    );
  return url;
}

export function pgUrlFor(database: string): string {
  const u = new URL(pgAdminUrl());
  u.pathname = `/${database}`;
  return u.toString();
}
