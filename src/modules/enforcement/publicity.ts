/**
 * 行政处罚决定公开 (rules.md §1.11, §2.1 事后公开, §13.2): the public version of a penalty decision, its masking gate,
 * the rows the case's `publish…` / `withdraw…` steps write, and the portal search over character bigrams.
 *
 * Search without extensions (PGlite and PostgreSQL alike): each searchable field (party display name, matter,
 * body, document number, public text) is normalised (NFKC, lower case) and cut into runs of letters and digits;
 * every run contributes its character bigrams (a one-character run contributes itself). The distinct tokens are
 * stored in `search_tokens text[]` under a GIN index. A query is cut the same way and matched with
 * `search_tokens @> <query tokens>`; a query of single characters only falls back to ILIKE on the short fields.
 */
import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Ctx } from '../../platform/access/index.ts';
import {
  checkPublishable,
  defaultPolicy,
  type KnownValue,
  type MaskingPolicy,
  maskText,
  maskValue,
  type PublicationSubject,
} from '../../platform/masking/index.ts';
import type { CaseRow, Guard } from '../../platform/workflow/index.ts';
import { loadCase } from '../../platform/workflow/index.ts';
import { recordPenaltyCredit, revokePenaltyCredit } from './credit-link.ts';
import { enforcementBodies, enforcementMatters, publishedDecisions } from './enforcement.tables.ts';

type D = Record<string, unknown>;
const rec = (v: unknown): D => (v && typeof v === 'object' ? (v as D) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The masking policy of the deciding agency (every agency uses the baseline until variants are configured). */
export const publicationPolicy = (_bodyId: unknown): MaskingPolicy => defaultPolicy;

// ---------- tokens: the shared Chinese search helper (src/platform/search) ----------

import { queryPlan, searchTokens } from '../../platform/search/index.ts';

export { queryPlan, searchTokens };

// ---------- the public version and its gate ----------

/** The original record as the gate sees it: the party, the decision date, every protected value. */
export function publicationSubject(data: D): PublicationSubject {
  const party = rec(data.party);
  const person = party.kind !== 'organisation';
  const known: KnownValue[] = [];
  if (str(party.name).length >= 2)
    known.push({ kind: person ? 'party-person-name' : 'public', value: str(party.name), label: '当事人' });
  if (str(party.address).length >= 2)
    known.push({ kind: 'address', value: str(party.address), label: '住址' });
  if (str(party.creditCode).length >= 2)
    known.push({ kind: 'public', value: str(party.creditCode), label: '统一社会信用代码' });
  return {
    decisionDate: str(rec(data.decision).decidedOn),
    parties: [
      {
        type: person ? 'person' : 'organisation',
        ...(party.idNumber ? { idNumber: str(party.idNumber) } : {}),
      },
    ],
    known,
  };
}

/** The fields of the public version a publish step submits. */
export interface PublicationInput {
  partyName: string;
  publicText: string;
  penaltySummary: string;
}

/** `PublicationPassesMaskingGate`: `checkPublishable` on the submitted public version; every problem is listed. */
export const publicationPassesMaskingGate: Guard = {
  name: 'PublicationPassesMaskingGate',
  message: '公开版本未通过脱敏检查（未成年人不公开，不得含未脱敏的身份证号码、电话、银行卡号等个人信息）',
  check: (g) => {
    const i = g.input as unknown as PublicationInput;
    return checkPublishable(
      publicationSubject(g.data),
      {
        form: 'full',
        content: { partyName: i.partyName, publicText: i.publicText, penaltySummary: i.penaltySummary },
      },
      publicationPolicy(g.data.bodyId),
    );
  },
};

/** The penalty in words, e.g. `罚款70000元；没收违法所得`. */
export function penaltySummaryOf(data: D): string {
  const d = rec(data.decision);
  const parts: string[] = [];
  if (typeof d.fine === 'number' && d.fine > 0) parts.push(`罚款${d.fine}元`);
  for (const p of (d.otherPenalties as string[] | undefined) ?? []) parts.push(p);
  return parts.join('；');
}

/**
 * A draft public version for the reviewer (保密审查): the decision text and the party's name masked under the
 * agency's policy, with what was masked (kinds and positions, never the values). The reviewer corrects it and
 * submits it to the publish step, whose gate checks it again.
 */
export async function publicityDraft(ctx: Ctx, caseId: string) {
  const { row } = await loadCase(ctx, caseId);
  if (row.type !== 'enforcement.penalty-case')
    throw notFound('WORKFLOW.CASE_NOT_FOUND', '案件不存在或无权查看');
  const data = row.data;
  const d = rec(data.decision);
  if (d.outcome !== 'penalty')
    throw new DomainError('ENFORCEMENT.NOT_PUBLISHABLE', 'conflict', '只有作出行政处罚的决定才需公开');
  const policy = publicationPolicy(data.bodyId);
  const party = rec(data.party);
  const subject = publicationSubject(data);
  const known = [
    ...subject.known,
    ...(party.idNumber
      ? [{ kind: 'id-number' as const, value: str(party.idNumber), label: '身份证号码' }]
      : []),
  ];
  const original = [
    `行政处罚决定书 ${str(d.decisionNo)}`,
    `当事人：${str(party.name)}`,
    str(d.facts),
    `依据：${str(d.basis)}`,
    `处罚：${penaltySummaryOf(data)}`,
  ].join('\n');
  const masked = maskText(original, known, policy);
  const name =
    party.kind === 'organisation'
      ? str(party.name)
      : maskValue('party-person-name', str(party.name), policy).output;
  return {
    partyName: name,
    publicText: masked.text,
    penaltySummary: penaltySummaryOf(data),
    replacements: masked.replacements.map((r) => ({
      kind: r.kind,
      rule: r.rule,
      start: r.publicStart,
      end: r.publicEnd,
    })),
  };
}

// ---------- the steps' writes ----------

/** Writes the published decision (the publish step's effect, inside the transition's transaction). */
export async function insertPublished(
  ctx: Ctx,
  row: CaseRow,
  i: PublicationInput & { publishedOn: string; reviewedBy: string },
): Promise<void> {
  const data = row.data;
  const d = rec(data.decision);
  const matterId = str(rec(data.filing).matterId);
  const [m] = matterId
    ? await ctx.db
        .select({ name: enforcementMatters.name })
        .from(enforcementMatters)
        .where(and(eq(enforcementMatters.tenantId, row.tenantId), eq(enforcementMatters.id, matterId)))
    : [];
  const [b] = await ctx.db
    .select({ name: enforcementBodies.name })
    .from(enforcementBodies)
    .where(and(eq(enforcementBodies.tenantId, row.tenantId), eq(enforcementBodies.id, str(data.bodyId))));
  const number = str(d.decisionNo);
  const matterName = m?.name ?? str(rec(data.filing).cause);
  const bodyName = b?.name ?? '';
  await ctx.db.insert(publishedDecisions).values({
    tenantId: row.tenantId,
    id: newId(),
    caseId: row.id,
    number,
    partyName: i.partyName,
    partyKind: str(rec(data.party).kind) || 'person',
    matterName,
    bodyId: str(data.bodyId),
    bodyName,
    decidedOn: str(d.decidedOn),
    publishedOn: i.publishedOn,
    publicText: i.publicText,
    penaltySummary: i.penaltySummary,
    fineAmount: typeof d.fine === 'number' ? String(d.fine) : null,
    status: 'published',
    reviewedBy: i.reviewedBy,
    searchTokens: searchTokens([i.partyName, matterName, bodyName, number, i.publicText]),
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  // 双公示 feeds the credit platform: an organisation's penalty becomes its credit record (same transaction).
  await recordPenaltyCredit(ctx, row, {
    partyName: i.partyName,
    penaltySummary: i.penaltySummary,
    matterName,
  });
}

/** Marks the case's published decision withdrawn (the withdraw step's effect). */
export async function markWithdrawn(
  ctx: Ctx,
  row: CaseRow,
  i: { withdrawnOn: string; reason: string; basis: string },
): Promise<void> {
  const [p] = await ctx.db
    .select()
    .from(publishedDecisions)
    .where(
      and(
        eq(publishedDecisions.tenantId, row.tenantId),
        eq(publishedDecisions.caseId, row.id),
        eq(publishedDecisions.status, 'published'),
      ),
    );
  if (!p) return;
  await ctx.db
    .update(publishedDecisions)
    .set({
      status: 'withdrawn',
      // the withdrawn text is kept for the record but no longer searchable
      searchTokens: searchTokens([p.partyName, p.matterName, p.bodyName, p.number]),
      withdrawnOn: i.withdrawnOn,
      withdrawalReason: i.reason,
      withdrawalBasis: i.basis,
      updatedAt: ctx.now,
    })
    .where(and(eq(publishedDecisions.tenantId, row.tenantId), eq(publishedDecisions.id, p.id)));
  await revokePenaltyCredit(ctx, row, i.reason);
}

// ---------- the portal ----------

export interface PortalQuery {
  q?: string | undefined;
  body?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

const t = publishedDecisions;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The conditions of a portal search (exported for the benchmark's raw-SQL baseline). */
export function portalWhere(tenantId: string, f: PortalQuery): SQL {
  const conds: SQL[] = [eq(t.tenantId, tenantId)];
  if (f.body) conds.push(UUID.test(f.body) ? eq(t.bodyId, f.body) : eq(t.bodyName, f.body));
  if (f.from) conds.push(sql`${t.publishedOn} >= ${f.from}`);
  if (f.to) conds.push(sql`${t.publishedOn} <= ${f.to}`);
  if (f.q) {
    const { tokens, chars } = queryPlan(f.q);
    if (tokens.length > 0)
      conds.push(
        sql`${t.searchTokens} @> array[${sql.join(
          tokens.map((x) => sql`${x}`),
          sql`, `,
        )}]::text[]`,
      );
    for (const c of tokens.length > 0 ? [] : chars)
      conds.push(
        sql`(${t.partyName} ilike ${like(c)} or ${t.matterName} ilike ${like(c)} or ${t.bodyName} ilike ${like(c)} or ${t.number} ilike ${like(c)})`,
      );
  }
  return and(...conds)!;
}

/** Matches counted at most (more is shown as “10000+”). */
export const TOTAL_CAP = 10_000;

/** 行政处罚决定公开 search: newest publication first; withdrawn decisions stay listed as 已撤回. */
export async function searchPublishedDecisions(db: Db, tenantId: string, f: PortalQuery) {
  const where = portalWhere(tenantId, f);
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 20;
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: t.id,
        number: t.number,
        partyName: t.partyName,
        matterName: t.matterName,
        bodyName: t.bodyName,
        decidedOn: t.decidedOn,
        publishedOn: t.publishedOn,
        penaltySummary: t.penaltySummary,
        status: t.status,
      })
      .from(t)
      .where(where)
      .orderBy(desc(t.publishedOn), desc(t.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    // counting every match of a common bigram would read most of the table: the count stops at TOTAL_CAP
    db.select({ n: count() }).from(
      db
        .select({ one: sql<number>`1`.as('one') })
        .from(t)
        .where(where)
        .limit(TOTAL_CAP + 1)
        .as('m'),
    ),
  ]);
  const n = Number(total?.n ?? 0);
  return {
    items: items.map((r) => ({
      ...r,
      status: r.status as 'published' | 'withdrawn',
      penaltySummary: r.status === 'withdrawn' ? null : r.penaltySummary,
    })),
    total: Math.min(n, TOTAL_CAP),
    /** False when there are more than `TOTAL_CAP` matches (the portal shows “10000+”). */
    totalExact: n <= TOTAL_CAP,
  };
}

/** One published decision; a withdrawn one shows 已撤回 with the reason only (no text, no penalty). */
export async function getPublishedDecision(db: Db, tenantId: string, id: string) {
  const [r] = await db
    .select()
    .from(t)
    .where(and(eq(t.tenantId, tenantId), eq(t.id, id)));
  if (!r) throw notFound('ENFORCEMENT.DECISION_NOT_FOUND', '公开的行政处罚决定不存在');
  const base = {
    id: r.id,
    number: r.number,
    partyName: r.partyName,
    matterName: r.matterName,
    bodyName: r.bodyName,
    decidedOn: r.decidedOn,
    publishedOn: r.publishedOn,
    status: r.status as 'published' | 'withdrawn',
  };
  if (r.status === 'withdrawn')
    return {
      ...base,
      statusLabel: '已撤回',
      penaltySummary: null,
      publicText: null,
      fineAmount: null,
      withdrawnOn: r.withdrawnOn,
      withdrawalReason: r.withdrawalReason,
    };
  return {
    ...base,
    statusLabel: '已公开',
    penaltySummary: r.penaltySummary,
    publicText: r.publicText,
    fineAmount: r.fineAmount === null ? null : Number(r.fineAmount),
    withdrawnOn: null,
    withdrawalReason: null,
  };
}
