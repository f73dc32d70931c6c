/**
 * 事前公开 (rules.md 2.1): the enforcement bodies, officers and matters of a district, for anyone. Officers are
 * published with name, credential number, category, body, domains and validity only (no phone, no ID number,
 * no user name). Only active records of active bodies are published.
 */
import { and, asc, type Column, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.ts';
import { users } from '../../platform/access/index.ts';
import type { DiscretionBand, LegalBasisItem } from './discretion.ts';
import { enforcementBodies, enforcementMatters, enforcementOfficers } from './enforcement.tables.ts';

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const activeBody = (tenantId: string) =>
  and(eq(enforcementBodies.tenantId, tenantId), eq(enforcementBodies.status, 'active'))!;
const bodyJoin = (t: { tenantId: Column; bodyId: Column }) =>
  and(eq(enforcementBodies.tenantId, t.tenantId), eq(enforcementBodies.id, t.bodyId));

export async function publicBodies(db: Db, tenantId: string) {
  const rows = await db
    .select({
      id: enforcementBodies.id,
      name: enforcementBodies.name,
      kind: enforcementBodies.kind,
      uscc: enforcementBodies.uscc,
      legalBasis: enforcementBodies.legalBasis,
      normativeDocuments: enforcementBodies.normativeDocuments,
      domains: enforcementBodies.domains,
    })
    .from(enforcementBodies)
    .where(activeBody(tenantId))
    .orderBy(asc(enforcementBodies.name));
  return rows.map((r) => ({
    ...r,
    normativeDocuments: json(r.normativeDocuments),
    domains: json(r.domains),
  }));
}

export async function publicOfficers(
  db: Db,
  tenantId: string,
  f: { bodyId?: string | undefined; q?: string | undefined },
) {
  // Only officers who may enforce today are published: a credential that has expired or not yet begun is not.
  const today = sql`(now() at time zone 'Asia/Shanghai')::date`;
  const conds: SQL[] = [
    activeBody(tenantId),
    eq(enforcementOfficers.status, 'active'),
    sql`${enforcementOfficers.validFrom} <= ${today}`,
    sql`${enforcementOfficers.validTo} >= ${today}`,
  ];
  if (f.bodyId) conds.push(eq(enforcementOfficers.bodyId, f.bodyId));
  if (f.q) conds.push(sql`(${users.displayName} = ${f.q} or ${enforcementOfficers.credentialNo} = ${f.q})`);
  const rows = await db
    .select({
      name: users.displayName,
      credentialNo: enforcementOfficers.credentialNo,
      category: enforcementOfficers.category,
      bodyId: enforcementOfficers.bodyId,
      bodyName: enforcementBodies.name,
      domains: enforcementOfficers.domains,
      validFrom: enforcementOfficers.validFrom,
      validTo: enforcementOfficers.validTo,
    })
    .from(enforcementOfficers)
    .innerJoin(enforcementBodies, bodyJoin(enforcementOfficers))
    .innerJoin(
      users,
      and(eq(users.tenantId, enforcementOfficers.tenantId), eq(users.id, enforcementOfficers.userId)),
    )
    .where(and(...conds))
    .orderBy(asc(enforcementBodies.name), asc(enforcementOfficers.credentialNo));
  return rows.map((r) => ({ ...r, domains: json(r.domains) }));
}

export async function publicMatters(db: Db, tenantId: string, f: { bodyId?: string | undefined }) {
  const conds: SQL[] = [activeBody(tenantId), eq(enforcementMatters.status, 'active')];
  if (f.bodyId) conds.push(eq(enforcementMatters.bodyId, f.bodyId));
  const rows = await db
    .select({
      code: enforcementMatters.code,
      name: enforcementMatters.name,
      type: enforcementMatters.type,
      bodyId: enforcementMatters.bodyId,
      bodyName: enforcementBodies.name,
      legalBasis: enforcementMatters.legalBasis,
      fineMin: enforcementMatters.fineMin,
      fineMax: enforcementMatters.fineMax,
      otherPenalties: enforcementMatters.otherPenalties,
      discretion: enforcementMatters.discretion,
    })
    .from(enforcementMatters)
    .innerJoin(enforcementBodies, bodyJoin(enforcementMatters))
    .where(and(...conds))
    .orderBy(asc(enforcementMatters.code));
  return rows.map((r) => ({
    ...r,
    fineMin: r.fineMin === null ? null : Number(r.fineMin),
    fineMax: r.fineMax === null ? null : Number(r.fineMax),
    legalBasis: json<LegalBasisItem[]>(r.legalBasis),
    otherPenalties: json<string[]>(r.otherPenalties),
    discretion: json<DiscretionBand[]>(r.discretion),
  }));
}
