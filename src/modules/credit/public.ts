/**
 * 信用信息公开查询 (no sign-in): a subject by credit code or name, with its records in publicity today — licences
 * and penalties (双公示), inspection results, listings, honours — and the grade only when the active model says
 * grades are public (rules.md §12.1: internal by default [M]). Free text passes the masking pipeline
 * (platform/masking: ID numbers, phones, bank accounts … never leave); repaired, revoked and expired records
 * are not shown.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.ts';
import { notFound } from '../../kernel/errors.ts';
import { defaultPolicy, maskText } from '../../platform/masking/index.ts';
import { creditRecords, creditSubjects } from './credit.tables.ts';
import { activeModel } from './grading.ts';

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const clean = (s: string) => maskText(s, [], defaultPolicy).text;

export async function publicSubjects(db: Db, tenantId: string, q: string) {
  const rows = await db
    .select({ creditCode: creditSubjects.creditCode, name: creditSubjects.name })
    .from(creditSubjects)
    .where(
      and(
        eq(creditSubjects.tenantId, tenantId),
        sql`(${creditSubjects.creditCode} = ${q.toUpperCase()} or ${creditSubjects.name} ilike ${like(q)})`,
      ),
    )
    .orderBy(asc(creditSubjects.name))
    .limit(20);
  return rows.map((r) => ({ creditCode: r.creditCode, name: clean(r.name) }));
}

export async function publicSubject(db: Db, tenantId: string, creditCode: string, today: string) {
  const code = creditCode.toUpperCase();
  const [s] = await db
    .select({ name: creditSubjects.name, grade: creditSubjects.grade })
    .from(creditSubjects)
    .where(and(eq(creditSubjects.tenantId, tenantId), eq(creditSubjects.creditCode, code)));
  if (!s) throw notFound('CREDIT.SUBJECT_NOT_FOUND', '未查询到该主体的公开信用信息');
  const records = await db
    .select({
      id: creditRecords.id,
      kind: creditRecords.kind,
      severity: creditRecords.severity,
      title: creditRecords.title,
      documentNo: creditRecords.documentNo,
      decidedOn: creditRecords.decidedOn,
      publicityEnd: creditRecords.publicityEnd,
      sourceUnitName: sql<string>`(select u.name from units u where u.tenant_id = credit_records.tenant_id and u.id = credit_records.source_unit_id)`,
    })
    .from(creditRecords)
    .where(
      and(
        eq(creditRecords.tenantId, tenantId),
        eq(creditRecords.creditCode, code),
        eq(creditRecords.status, 'active'),
        sql`${creditRecords.publicityEnd} > ${today}::date`,
      ),
    )
    .orderBy(sql`${creditRecords.decidedOn} desc`, asc(creditRecords.id));
  const model = await activeModel(db, tenantId);
  const items = records.map((r) => ({ ...r, title: clean(r.title) }));
  const of = (...kinds: string[]) => items.filter((r) => kinds.includes(r.kind));
  return {
    creditCode: code,
    name: clean(s.name),
    grade: model?.definition.gradePublic ? s.grade : null,
    licences: of('licence'),
    penalties: of('penalty'),
    inspections: of('inspection'),
    lists: of('abnormal_listing', 'serious_dishonesty'),
    honours: of('honour'),
    commitments: of('commitment', 'commitment_fulfilled', 'commitment_breached'),
  };
}
