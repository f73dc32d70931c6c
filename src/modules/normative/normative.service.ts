import { and, count, desc, eq, gte, isNull, lt, max, type SQL, sql } from 'drizzle-orm';
import type { FieldCrypto } from '../../kernel/crypto.ts';
import type { Db } from '../../kernel/db/index.ts';
import { conflict, DomainError, invalid, notFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, inTx, logActorOf, scopeWhere } from '../../platform/access/index.ts';
import { addDays, addMonthsClamped } from '../../platform/calendar/index.ts';
import { effectiveRule } from '../../platform/clock/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { queryPlan, queryRuns, searchTokens } from '../../platform/search/index.ts';
import { type CaseRow, cases, chinaDate, createCase, loadCase } from '../../platform/workflow/index.ts';
import { requestReview } from '../legality/index.ts';
import { diffText, splitClauses } from './diff.ts';
import { NormativePermissions as P } from './normative.permissions.ts';
import {
  normativeComments,
  normativeRegister,
  normativeSequences,
  normativeSettings,
  normativeVersions,
} from './normative.tables.ts';

const TYPE = 'normative.document';
export const DEFAULT_NUMBER_FORMAT = '{issuerShort}规〔{year}〕{seq}号';
export const DISPOSITIONS = {
  adopted: '采纳',
  'partly-adopted': '部分采纳',
  'not-adopted': '不予采纳',
} as const;
export type Disposition = keyof typeof DISPOSITIONS;

const log = (ctx: Ctx, caseId: string, kind: string, data: Record<string, unknown>) =>
  appendLogEntry(ctx.db, {
    tenantId: ctx.actor.tenantId,
    kind,
    actor: logActorOf(ctx.actor),
    subject: { type: 'case', id: caseId },
    data,
    requestId: ctx.requestId,
    at: ctx.now,
  });

const sha256 = async (s: string) => {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(s, 'utf8').digest('hex');
};

/** The document the actor may read, optionally needing `permission` within its scope (404 / 403). */
async function documentFor(ctx: Ctx, caseId: string, permission?: string, lock = false) {
  const loaded = await loadCase(ctx, caseId, { lock, permissions: () => (permission ? [permission] : []) });
  if (loaded.row.type !== TYPE) throw notFound('NORMATIVE.NOT_FOUND', '规范性文件不存在或无权查看');
  if (permission && !loaded.allowed.has(permission))
    throw new DomainError('WORKFLOW.FORBIDDEN', 'forbidden', '没有对该规范性文件执行此操作的权限');
  return loaded.row;
}

// ---------- drafting and versions ----------

/** Opens a draft with its text as version 1, in one transaction. */
export function createDocument(
  ctx: Ctx,
  input: {
    unitId?: string | undefined;
    facts: Record<string, unknown>;
    body: string;
    note?: string | undefined;
  },
) {
  return inTx(ctx, async (ctx) => {
    const row = await createCase(ctx, TYPE, { unitId: input.unitId, data: input.facts });
    await insertVersion(ctx, row, 1, String(row.data.title), input.body, input.note ?? '初稿');
    return { id: row.id, number: row.number, state: row.state };
  });
}

async function insertVersion(
  ctx: Ctx,
  row: CaseRow,
  versionNo: number,
  title: string,
  body: string,
  note: string | null,
) {
  await ctx.db.insert(normativeVersions).values({
    tenantId: row.tenantId,
    id: newId(),
    caseId: row.id,
    versionNo,
    title,
    body,
    note,
    authorId: ctx.actor.userId,
    authorName: ctx.actor.displayName,
    createdAt: ctx.now,
  });
  await log(ctx, row.id, 'normative.document.version', {
    versionNo,
    title,
    bodySha256: await sha256(body),
    clauses: splitClauses(body).length,
    note,
  });
}

/** Stores a new version of a draft (only while drafting: the text under comment or review is frozen). */
export function addVersion(
  ctx: Ctx,
  caseId: string,
  input: { title: string; body: string; note?: string | undefined },
) {
  return inTx(ctx, async (ctx) => {
    const row = await documentFor(ctx, caseId, P['normative.document.draft'], true);
    if (row.state !== 'drafting')
      throw conflict('NORMATIVE.NOT_DRAFTING', '只有起草中的草案可以修改；征求意见、审查期间文本不得改动');
    const [last] = await ctx.db
      .select({ n: max(normativeVersions.versionNo) })
      .from(normativeVersions)
      .where(and(eq(normativeVersions.tenantId, row.tenantId), eq(normativeVersions.caseId, row.id)));
    const versionNo = (last?.n ?? 0) + 1;
    await insertVersion(ctx, row, versionNo, input.title, input.body, input.note ?? null);
    return { versionNo };
  });
}

export async function versionCount(ctx: Ctx, caseId: string): Promise<number> {
  const [r] = await ctx.db
    .select({ n: count() })
    .from(normativeVersions)
    .where(and(eq(normativeVersions.tenantId, ctx.actor.tenantId), eq(normativeVersions.caseId, caseId)));
  return Number(r?.n ?? 0);
}

export async function listVersions(ctx: Ctx, caseId: string) {
  const row = await documentFor(ctx, caseId);
  return ctx.db
    .select({
      versionNo: normativeVersions.versionNo,
      title: normativeVersions.title,
      body: normativeVersions.body,
      note: normativeVersions.note,
      authorName: normativeVersions.authorName,
      createdAt: normativeVersions.createdAt,
    })
    .from(normativeVersions)
    .where(and(eq(normativeVersions.tenantId, row.tenantId), eq(normativeVersions.caseId, row.id)))
    .orderBy(normativeVersions.versionNo);
}

/** The changes between two stored versions (title and text). */
export async function diffVersions(ctx: Ctx, caseId: string, from: number, to: number) {
  const versions = await listVersions(ctx, caseId);
  const a = versions.find((v) => v.versionNo === from);
  const b = versions.find((v) => v.versionNo === to);
  const problems = [
    ...(a ? [] : [{ pointer: '/query/from', detail: `没有第${from}版` }]),
    ...(b ? [] : [{ pointer: '/query/to', detail: `没有第${to}版` }]),
  ];
  if (!a || !b) throw invalid('NORMATIVE.VERSION_UNKNOWN', '版本不存在', problems);
  return { from, to, title: diffText(a.title, b.title), body: diffText(a.body, b.body) };
}

async function latestVersion(db: Db, tenantId: string, caseId: string) {
  const [v] = await db
    .select()
    .from(normativeVersions)
    .where(and(eq(normativeVersions.tenantId, tenantId), eq(normativeVersions.caseId, caseId)))
    .orderBy(desc(normativeVersions.versionNo))
    .limit(1);
  return v;
}

// ---------- public comment ----------

export async function undisposedComments(ctx: Ctx, caseId: string): Promise<number> {
  const [r] = await ctx.db
    .select({ n: count() })
    .from(normativeComments)
    .where(
      and(
        eq(normativeComments.tenantId, ctx.actor.tenantId),
        eq(normativeComments.caseId, caseId),
        isNull(normativeComments.disposition),
      ),
    );
  return Number(r?.n ?? 0);
}

export async function listComments(ctx: Ctx, caseId: string) {
  const row = await documentFor(ctx, caseId);
  return ctx.db
    .select({
      id: normativeComments.id,
      versionNo: normativeComments.versionNo,
      clauseNo: normativeComments.clauseNo,
      content: normativeComments.content,
      commenter: normativeComments.commenterMasked,
      createdAt: normativeComments.createdAt,
      disposition: normativeComments.disposition,
      dispositionReason: normativeComments.dispositionReason,
      disposedByName: normativeComments.disposedByName,
      disposedAt: normativeComments.disposedAt,
    })
    .from(normativeComments)
    .where(and(eq(normativeComments.tenantId, row.tenantId), eq(normativeComments.caseId, row.id)))
    .orderBy(normativeComments.clauseNo, normativeComments.createdAt);
}

/** Records how a comment was handled (采纳 / 部分采纳 / 不予采纳 with the reason); logged. */
export function disposeComment(
  ctx: Ctx,
  caseId: string,
  commentId: string,
  input: { disposition: Disposition; reason?: string | undefined },
) {
  return inTx(ctx, async (ctx) => {
    const row = await documentFor(ctx, caseId, P['normative.document.draft'], true);
    if (input.disposition !== 'adopted' && !input.reason)
      throw invalid('NORMATIVE.INPUT_INVALID', '提交的数据有误，请按提示修改', [
        { pointer: '/body/reason', detail: '部分采纳或不予采纳的，应当说明理由' },
      ]);
    if (!['drafting', 'commenting'].includes(row.state))
      throw conflict('NORMATIVE.COMMENTS_CLOSED', '草案已报送审查，意见处理情况不能再修改');
    const [c] = await ctx.db
      .update(normativeComments)
      .set({
        disposition: input.disposition,
        dispositionReason: input.reason ?? null,
        disposedByName: ctx.actor.displayName,
        disposedAt: ctx.now,
      })
      .where(
        and(
          eq(normativeComments.tenantId, row.tenantId),
          eq(normativeComments.caseId, row.id),
          eq(normativeComments.id, commentId),
        ),
      )
      .returning({ id: normativeComments.id, clauseNo: normativeComments.clauseNo });
    if (!c) throw notFound('NORMATIVE.COMMENT_NOT_FOUND', '意见不存在');
    await log(ctx, row.id, 'normative.document.comment-disposed', {
      commentId,
      clauseNo: c.clauseNo,
      disposition: input.disposition,
      reason: input.reason ?? null,
    });
    return { id: commentId, disposition: input.disposition };
  });
}

/** At most this many comments from one source in `RATE_WINDOW_MS` (no sign-in, no captcha). */
export const RATE_LIMIT = 5;
export const RATE_WINDOW_MS = 10 * 60_000;

const maskName = (name: string | undefined) => {
  const chars = [...(name ?? '').trim()];
  if (chars.length === 0) return '匿名';
  return `${chars[0]}${'*'.repeat(Math.max(1, Math.min(chars.length - 1, 3)))}`;
};

async function openDraft(db: Db, tenantId: string, caseId: string) {
  const [c] = await db
    .select()
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, tenantId),
        eq(cases.id, caseId),
        eq(cases.type, TYPE),
        eq(cases.state, 'commenting'),
      ),
    );
  if (!c) throw notFound('NORMATIVE.DRAFT_NOT_FOUND', '征求意见稿不存在或未在征求意见');
  return c;
}

const publicDraftView = async (db: Db, c: CaseRow) => {
  const v = await latestVersion(db, c.tenantId, c.id);
  const comment = (c.data.comment ?? {}) as { startOn?: string; endOn?: string; shortReason?: string | null };
  return {
    id: c.id,
    title: v?.title ?? c.title,
    issuerName: String(c.data.issuerName),
    versionNo: v?.versionNo ?? 0,
    clauses: splitClauses(v?.body ?? ''),
    startOn: comment.startOn ?? '',
    endOn: comment.endOn ?? '',
    shortReason: comment.shortReason ?? null,
  };
};

/** Drafts now open for public comment (the portal's 征求意见). */
export async function publicDrafts(db: Db, tenantId: string) {
  const rows = await db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.type, TYPE), eq(cases.state, 'commenting')))
    .orderBy(desc(cases.updatedAt))
    .limit(100);
  return Promise.all(rows.map((r) => publicDraftView(db, r)));
}

export async function publicDraft(db: Db, tenantId: string, caseId: string) {
  return publicDraftView(db, await openDraft(db, tenantId, caseId));
}

/** A comment from the portal, without sign-in: within the period, on an existing clause, rate-limited by source. */
export async function publicComment(
  deps: { db: Db; crypto: FieldCrypto; now: Date },
  tenantId: string,
  caseId: string,
  input: { clauseNo: number; content: string; name?: string | undefined },
  source: string,
) {
  return deps.db.transaction(async (db) => {
    const c = await openDraft(db, tenantId, caseId);
    const view = await publicDraftView(db, c);
    const today = chinaDate(deps.now);
    if (today < view.startOn || today > view.endOn)
      throw conflict('NORMATIVE.COMMENT_PERIOD', `征求意见期间为${view.startOn}至${view.endOn}`);
    if (input.clauseNo > view.clauses.length)
      throw invalid('NORMATIVE.INPUT_INVALID', '提交的数据有误，请按提示修改', [
        { pointer: '/body/clauseNo', detail: `征求意见稿共${view.clauses.length}条` },
      ]);
    const sourceHash = deps.crypto.keyedHash(`comment-source:${source}`);
    const [recent] = await db
      .select({ n: count() })
      .from(normativeComments)
      .where(
        and(
          eq(normativeComments.tenantId, tenantId),
          eq(normativeComments.sourceHash, sourceHash),
          gte(normativeComments.createdAt, new Date(deps.now.getTime() - RATE_WINDOW_MS)),
        ),
      );
    if (Number(recent?.n ?? 0) >= RATE_LIMIT)
      throw new DomainError('NORMATIVE.TOO_MANY_COMMENTS', 'too-many', '提交过于频繁，请10分钟后再试');
    const id = newId();
    const commenterMasked = maskName(input.name);
    await db.insert(normativeComments).values({
      tenantId,
      id,
      caseId,
      versionNo: view.versionNo,
      clauseNo: input.clauseNo,
      content: input.content,
      commenterMasked,
      commenterHash: input.name ? deps.crypto.keyedHash(input.name.trim()) : null,
      sourceHash,
      createdAt: deps.now,
    });
    await appendLogEntry(db, {
      tenantId,
      kind: 'normative.document.comment',
      actor: null,
      subject: { type: 'case', id: caseId },
      data: {
        commentId: id,
        versionNo: view.versionNo,
        clauseNo: input.clauseNo,
        contentSha256: await sha256(input.content),
      },
      at: deps.now,
    });
    return { id, commenter: commenterMasked, clauseNo: input.clauseNo };
  });
}

// ---------- legality review, numbering, publication, filing ----------

/** The submitReview step's effect: a legality review of kind normative-document, in the step's transaction. */
export async function requestLegalityReview(
  ctx: Ctx,
  row: CaseRow,
  materials: { name: string; note?: string | undefined }[],
) {
  await requestReview(ctx, {
    kind: 'normative-document',
    subject: { type: TYPE, id: row.id },
    title: row.title,
    materials,
    unitId: row.unitId,
  });
}

export async function numberFormatOf(db: Db, tenantId: string): Promise<string> {
  const [s] = await db.select().from(normativeSettings).where(eq(normativeSettings.tenantId, tenantId));
  return s?.numberFormat ?? DEFAULT_NUMBER_FORMAT;
}

/** Renders a number format: `{issuerShort}`, `{issuer}`, `{year}`, `{seq}`. */
export const renderNumber = (
  format: string,
  v: { issuerShort: string; issuer: string; year: number; seq: number },
) =>
  format
    .replaceAll('{issuerShort}', v.issuerShort)
    .replaceAll('{issuer}', v.issuer)
    .replaceAll('{year}', String(v.year))
    .replaceAll('{seq}', String(v.seq));

/** Every problem with a number format (it must hold the year and the sequence). */
export function numberFormatProblems(format: string): string[] {
  const out: string[] = [];
  if (!format.includes('{seq}')) out.push('编号格式应包含序号 {seq}');
  if (!format.includes('{year}')) out.push('编号格式应包含年份 {year}');
  const unknown = [...format.matchAll(/\{([^}]*)\}/g)]
    .map((m) => m[1])
    .filter((k) => !['issuerShort', 'issuer', 'year', 'seq'].includes(k!));
  if (unknown.length) out.push(`不支持的占位符：${unknown.map((k) => `{${k}}`).join('、')}`);
  return out;
}

/** The register step's effect: the next number of the issuer's year (no gaps: same transaction), logged. */
export async function assignNumber(ctx: Ctx, row: CaseRow) {
  const year = Number(chinaDate(ctx.now).slice(0, 4));
  const issuer = String(row.data.issuerShort);
  const [s] = await ctx.db
    .insert(normativeSequences)
    .values({ tenantId: row.tenantId, issuer, year, value: 1 })
    .onConflictDoUpdate({
      target: [normativeSequences.tenantId, normativeSequences.issuer, normativeSequences.year],
      set: { value: sql`${normativeSequences.value} + 1` },
    })
    .returning({ value: normativeSequences.value });
  const seq = s!.value;
  const number = renderNumber(await numberFormatOf(ctx.db, row.tenantId), {
    issuerShort: issuer,
    issuer: String(row.data.issuerName),
    year,
    seq,
  });
  const v = await latestVersion(ctx.db, row.tenantId, row.id);
  await ctx.db.insert(normativeRegister).values({
    tenantId: row.tenantId,
    caseId: row.id,
    unitId: row.unitId,
    number,
    issuer,
    issuerName: String(row.data.issuerName),
    year,
    seq,
    title: v?.title ?? row.title,
    registeredOn: chinaDate(ctx.now),
    status: 'registered',
    updatedAt: ctx.now,
  });
  await log(ctx, row.id, 'normative.document.numbered', { number, issuer, year, seq });
}

export async function hasNumber(ctx: Ctx, caseId: string): Promise<boolean> {
  const [r] = await ctx.db
    .select({ number: normativeRegister.number })
    .from(normativeRegister)
    .where(and(eq(normativeRegister.tenantId, ctx.actor.tenantId), eq(normativeRegister.caseId, caseId)));
  return !!r;
}

export async function expiresOn(ctx: Ctx, caseId: string): Promise<string | null> {
  const [r] = await ctx.db
    .select({ expiresOn: normativeRegister.expiresOn })
    .from(normativeRegister)
    .where(and(eq(normativeRegister.tenantId, ctx.actor.tenantId), eq(normativeRegister.caseId, caseId)));
  return r?.expiresOn ?? null;
}

/**
 * The last day in force: the effective date plus the validity of the tenant's rule (`normative.validity`, 5 years;
 * `normative.validity-interim`, 2 years for 暂行/试行), less one day.
 */
export async function expiryDate(ctx: Ctx, row: CaseRow, effectiveOn: string): Promise<string> {
  const rule = await effectiveRule(
    ctx.db,
    row.tenantId,
    row.data.interim ? 'normative.validity-interim' : 'normative.validity',
  );
  const months = rule.unit === 'year' ? rule.amount * 12 : rule.unit === 'month' ? rule.amount : 60;
  return addDays(addMonthsClamped(effectiveOn, months), -1);
}

/** 有效期届满预警: documents in force whose validity ends within `months` (evaluate and re-issue or let lapse). */
export async function expiringDocuments(ctx: Ctx, months: number) {
  const today = chinaDate(ctx.now);
  const t = normativeRegister;
  return ctx.db
    .select({
      caseId: t.caseId,
      number: t.number,
      title: t.title,
      issuerName: t.issuerName,
      expiresOn: t.expiresOn,
    })
    .from(t)
    .where(
      and(
        eq(t.tenantId, ctx.actor.tenantId),
        scopeWhere(ctx.actor, P['normative.document.read'], { tenantId: t.tenantId, unitId: t.unitId }),
        eq(t.status, 'in-force'),
        lt(t.expiresOn, addMonthsClamped(today, months)),
      ),
    )
    .orderBy(t.expiresOn, t.number);
}

/** The publish step's effect: the text, dates and search tokens of the document now in force. */
export async function publishDocument(
  ctx: Ctx,
  row: CaseRow,
  i: { publishedOn: string; effectiveOn: string },
) {
  const v = await latestVersion(ctx.db, row.tenantId, row.id);
  const expires = await expiryDate(ctx, row, i.effectiveOn);
  const [reg] = await ctx.db
    .select()
    .from(normativeRegister)
    .where(and(eq(normativeRegister.tenantId, row.tenantId), eq(normativeRegister.caseId, row.id)));
  const title = v?.title ?? row.title;
  const body = v?.body ?? '';
  await ctx.db
    .update(normativeRegister)
    .set({
      published: true,
      status: 'in-force',
      title,
      body,
      publishedOn: i.publishedOn,
      effectiveOn: i.effectiveOn,
      expiresOn: expires,
      searchTokens: searchTokens([title, reg?.number, reg?.issuerName, body]),
      updatedAt: ctx.now,
    })
    .where(and(eq(normativeRegister.tenantId, row.tenantId), eq(normativeRegister.caseId, row.id)));
}

async function setRegister(ctx: Ctx, row: CaseRow, set: Partial<typeof normativeRegister.$inferInsert>) {
  await ctx.db
    .update(normativeRegister)
    .set({ ...set, updatedAt: ctx.now })
    .where(and(eq(normativeRegister.tenantId, row.tenantId), eq(normativeRegister.caseId, row.id)));
}

export const markFiled = (ctx: Ctx, row: CaseRow, filedOn: string) => setRegister(ctx, row, { filedOn });
export const markFilingAccepted = (ctx: Ctx, row: CaseRow, on: string) =>
  setRegister(ctx, row, { filingAcceptedOn: on });
export const markStatus = (ctx: Ctx, row: CaseRow, status: 'repealed' | 'expired' | 'invalid') =>
  setRegister(ctx, row, { status });

/** The number and dates of a document (null before registration). */
export async function registrationOf(ctx: Ctx, caseId: string) {
  const row = await documentFor(ctx, caseId);
  const [r] = await ctx.db
    .select({
      number: normativeRegister.number,
      registeredOn: normativeRegister.registeredOn,
      status: normativeRegister.status,
      publishedOn: normativeRegister.publishedOn,
      effectiveOn: normativeRegister.effectiveOn,
      expiresOn: normativeRegister.expiresOn,
      filedOn: normativeRegister.filedOn,
      filingAcceptedOn: normativeRegister.filingAcceptedOn,
    })
    .from(normativeRegister)
    .where(and(eq(normativeRegister.tenantId, row.tenantId), eq(normativeRegister.caseId, row.id)));
  return r ?? null;
}

/** 备案目录: documents filed in a quarter (季度备案目录), within the reader's scope. */
export async function filingCatalogue(ctx: Ctx, year: number, quarter: number) {
  const from = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
  const to = quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(quarter * 3 + 1).padStart(2, '0')}-01`;
  const t = normativeRegister;
  return ctx.db
    .select({
      caseId: t.caseId,
      number: t.number,
      title: t.title,
      issuerName: t.issuerName,
      publishedOn: t.publishedOn,
      filedOn: t.filedOn,
      filingAcceptedOn: t.filingAcceptedOn,
      status: t.status,
    })
    .from(t)
    .where(
      and(
        eq(t.tenantId, ctx.actor.tenantId),
        scopeWhere(ctx.actor, P['normative.document.read'], { tenantId: t.tenantId, unitId: t.unitId }),
        gte(t.filedOn, from),
        lt(t.filedOn, to),
      ),
    )
    .orderBy(t.filedOn, t.number);
}

// ---------- search of documents in force ----------

export interface SearchQuery {
  q?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * 现行有效的规范性文件 search: published, in force and not past its expiry. Words and phrases match through the
 * bigram tokens (GIN); ranked by phrase: the whole query in the title, then each word in the title, then the
 * newest (the body is matched by its tokens, not ranked: ranking long texts costs more than it gives).
 */
export async function searchInForce(db: Db, tenantId: string, today: string, f: SearchQuery) {
  const t = normativeRegister;
  const conds: SQL[] = [
    eq(t.tenantId, tenantId),
    eq(t.status, 'in-force'),
    eq(t.published, true),
    sql`(${t.expiresOn} is null or ${t.expiresOn} >= ${today})`,
  ];
  let rank: SQL = sql`0`;
  const q = (f.q ?? '').trim();
  if (q) {
    const { tokens, chars } = queryPlan(q);
    const runs = queryRuns(q);
    if (tokens.length > 0)
      conds.push(
        sql`${t.searchTokens} @> array[${sql.join(
          tokens.map((x) => sql`${x}`),
          sql`, `,
        )}]::text[]`,
      );
    for (const c of tokens.length > 0 ? [] : chars)
      conds.push(sql`(${t.title} ilike ${like(c)} or ${t.number} ilike ${like(c)})`);
    const phrase = runs.join('');
    rank = sql`(case when strpos(lower(${t.title}), ${phrase}) > 0 then 100 else 0 end
      + ${sql.join(
        runs.map((r) => sql`(case when strpos(lower(${t.title}), ${r}) > 0 then 10 else 0 end)`),
        sql` + `,
      )}
      )`;
  }
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 20;
  const where = and(...conds);
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: t.caseId,
        number: t.number,
        title: t.title,
        issuerName: t.issuerName,
        publishedOn: t.publishedOn,
        effectiveOn: t.effectiveOn,
        expiresOn: t.expiresOn,
        snippet: sql<string>`left(${t.body}, 120)`,
        score: sql<number>`${rank}`.mapWith(Number),
      })
      .from(t)
      .where(where)
      .orderBy(sql`${rank} desc`, desc(t.publishedOn), desc(t.caseId))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(
      db
        .select({ one: sql<number>`1`.as('one') })
        .from(t)
        .where(where)
        .limit(10_001)
        .as('m'),
    ),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

/** One published document (any status: a repealed one still shows, marked). */
export async function publishedDocument(db: Db, tenantId: string, caseId: string) {
  const t = normativeRegister;
  const [r] = await db
    .select({
      id: t.caseId,
      number: t.number,
      title: t.title,
      issuerName: t.issuerName,
      body: t.body,
      status: t.status,
      publishedOn: t.publishedOn,
      effectiveOn: t.effectiveOn,
      expiresOn: t.expiresOn,
    })
    .from(t)
    .where(and(eq(t.tenantId, tenantId), eq(t.caseId, caseId), eq(t.published, true)));
  if (!r) throw notFound('NORMATIVE.NOT_FOUND', '规范性文件不存在或尚未公布');
  return { ...r, body: r.body ?? '' };
}

// ---------- settings ----------

export async function getSettings(ctx: Ctx) {
  return { numberFormat: await numberFormatOf(ctx.db, ctx.actor.tenantId) };
}

export function setSettings(ctx: Ctx, input: { numberFormat: string }) {
  return inTx(ctx, async (ctx) => {
    const problems = numberFormatProblems(input.numberFormat);
    if (problems.length)
      throw invalid(
        'NORMATIVE.INPUT_INVALID',
        '编号格式有误',
        problems.map((detail) => ({ pointer: '/body/numberFormat', detail })),
      );
    const before = await numberFormatOf(ctx.db, ctx.actor.tenantId);
    await ctx.db
      .insert(normativeSettings)
      .values({ tenantId: ctx.actor.tenantId, numberFormat: input.numberFormat, updatedAt: ctx.now })
      .onConflictDoUpdate({
        target: normativeSettings.tenantId,
        set: { numberFormat: input.numberFormat, updatedAt: ctx.now },
      });
    await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: 'normative.settings.changed',
      actor: logActorOf(ctx.actor),
      subject: { type: 'normative.settings', id: ctx.actor.tenantId },
      before: { numberFormat: before },
      after: { numberFormat: input.numberFormat },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return { numberFormat: input.numberFormat };
  });
}
