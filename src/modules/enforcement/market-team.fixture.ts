import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../kernel/db/index.ts';

/**
 * Test fixture: the demo district's market-supervision enforcement team, its food-safety matter and its
 * officers whose credentials stay valid past 2026 (what the case tests assign as investigators).
 */
export async function marketTeam(db: Db): Promise<{ body: string; matter: string; validOfficers: string[] }> {
  const [b] = await queryRows<{ id: string }>(
    db,
    sql`select id from enforcement_bodies where name = '区市场监管综合行政执法支队'`,
  );
  const [m] = await queryRows<{ id: string }>(
    db,
    sql`select id from enforcement_matters where code = 'SCJG-CF-001'`,
  );
  const officers = await queryRows<{ user_id: string; valid_to: string }>(
    db,
    sql`select user_id, valid_to::text as valid_to from enforcement_officers where body_id = ${b!.id} order by credential_no`,
  );
  return {
    body: b!.id,
    matter: m!.id,
    validOfficers: officers.filter((o) => o.valid_to > '2026-12-31').map((o) => o.user_id),
  };
}
