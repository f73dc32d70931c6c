/**
 * The registries (执法主体、执法人员、执法事项): reads within the actor's data scope (decided on the body's unit),
 * and the checks and writes shared by the single-record commands and the spreadsheet import.
 */
import canonicalize from 'canonicalize';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { forbidden, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, inTx, logActorOf, scopeWhere, users } from '../../platform/access/index.ts';
import { isIsoDate } from '../../platform/calendar/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { units as unitsRef } from '../../platform/org/org.tables.ts';
import { checkUscc } from '../../platform/validators/index.ts';
import { chinaDate } from '../../platform/workflow/index.ts';
import { type CREDENTIAL_CATEGORIES, type CredentialProblem, credentialProblems } from './credentials.ts';
import {
  type DiscretionBand,
  discretionProblems,
  type LegalBasisItem,
  type MATTER_TYPES,
} from './discretion.ts';
import { EnforcementPermissions as P } from './enforcement.permissions.ts';
import { enforcementBodies, enforcementMatters, enforcementOfficers } from './enforcement.tables.ts';

export const BODY_KINDS = [
  '行政机关',
  '法律法规授权组织',
  '受委托组织',
  '综合行政执法队伍',
  '镇街综合执法机构',
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];
export const RECORD_STATUSES = ['active', 'inactive'] as const;

/** A credential number: 6–32 letters, digits, Chinese characters or hyphens (e.g. 渝执500113-0001). */
export const CREDENTIAL_NO = /^[0-9A-Za-z\u4e00-\u9fa5-]{6,32}$/;
/** A matter code: a letter or digit, then 1–39 letters, digits, dots, hyphens or underscores. */
export const MATTER_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/;

/** Today in Beijing time, `YYYY-MM-DD`. */

const read = P['enforcement.registry.read'];
const manage = P['enforcement.registry.manage'];
const bodyScope = { tenantId: enforcementBodies.tenantId, unitId: enforcementBodies.unitId };

// ---------------------------------------------------------------- views

export interface BodyView {
  id: string;
  name: string;
  kind: string;
  unitId: string;
  unitName: string | null;
  uscc: string | null;
  legalBasis: string;
  normativeDocuments: string[];
  domains: string[];
  status: string;
  /** The particulars its documents print (`BODY_PARTICULARS`); null when not recorded. */
  address: string | null;
  phone: string | null;
  paymentMethod: string | null;
  reviewAuthority: string | null;
  court: string | null;
  officerCount: number;
  matterCount: number;
  canManage: boolean;
}

export interface OfficerView {
  id: string;
  userId: string;
  name: string;
  username: string;
  bodyId: string;
  bodyName: string;
  credentialNo: string;
  category: string;
  domains: string[];
  validFrom: string;
  validTo: string;
  issuingAuthority: string;
  status: string;
  /** Problems with the credential today (empty: usable). */
  credentialProblems: CredentialProblem[];
  canManage: boolean;
}

export interface MatterView {
  id: string;
  code: string;
  name: string;
  type: string;
  bodyId: string;
  bodyName: string;
  legalBasis: LegalBasisItem[];
  fineMin: number | null;
  fineMax: number | null;
  otherPenalties: string[];
  discretion: DiscretionBand[];
  status: string;
  canManage: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

function selectBodies(ctx: Ctx, where: SQL) {
  return ctx.db
    .select({
      id: enforcementBodies.id,
      name: enforcementBodies.name,
      kind: enforcementBodies.kind,
      unitId: enforcementBodies.unitId,
      unitName: sql<
        string | null
      >`(select u.name from units u where u.tenant_id = enforcement_bodies.tenant_id and u.id = enforcement_bodies.unit_id)`,
      uscc: enforcementBodies.uscc,
      legalBasis: enforcementBodies.legalBasis,
      normativeDocuments: enforcementBodies.normativeDocuments,
      domains: enforcementBodies.domains,
      status: enforcementBodies.status,
      address: enforcementBodies.address,
      phone: enforcementBodies.phone,
      paymentMethod: enforcementBodies.paymentMethod,
      reviewAuthority: enforcementBodies.reviewAuthority,
      court: enforcementBodies.court,
      // Correlated subqueries name the outer table explicitly: Drizzle leaves columns unqualified in
      // single-table selects, and an unqualified "id" inside the subquery would mean the inner row.
      officerCount: sql<number>`(select count(*)::int from enforcement_officers o where o.tenant_id = enforcement_bodies.tenant_id and o.body_id = enforcement_bodies.id)`,
      matterCount: sql<number>`(select count(*)::int from enforcement_matters m where m.tenant_id = enforcement_bodies.tenant_id and m.body_id = enforcement_bodies.id)`,
      canManage: sql<boolean>`${scopeWhere(ctx.actor, manage, bodyScope)}`,
    })
    .from(enforcementBodies)
    .where(where);
}

const presentBody = (r: Awaited<ReturnType<typeof selectBodies>>[number]): BodyView => ({
  ...r,
  normativeDocuments: json(r.normativeDocuments),
  domains: json(r.domains),
  officerCount: Number(r.officerCount),
  matterCount: Number(r.matterCount),
  canManage: !!r.canManage,
});

const inTenant = (ctx: Ctx) => eq(enforcementBodies.tenantId, ctx.actor.tenantId);

export interface ListFilter {
  q?: string | undefined;
  bodyId?: string | undefined;
  status?: string | undefined;
  page: number;
  pageSize: number;
}

async function paged<R, V>(
  rows: Promise<R[]>,
  total: Promise<{ n: number }[]>,
  present: (r: R) => V,
): Promise<Page<V>> {
  const [items, [t]] = await Promise.all([rows, total]);
  return { items: items.map(present), total: Number(t?.n ?? 0) };
}

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listBodies(ctx: Ctx, f: ListFilter): Promise<Page<BodyView>> {
  const conds: SQL[] = [inTenant(ctx), scopeWhere(ctx.actor, read, bodyScope)];
  if (f.q) conds.push(sql`${enforcementBodies.name} ilike ${like(f.q)}`);
  if (f.status) conds.push(eq(enforcementBodies.status, f.status));
  const where = and(...conds)!;
  return paged(
    selectBodies(ctx, where)
      .orderBy(asc(enforcementBodies.name))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(enforcementBodies).where(where),
    presentBody,
  );
}

export async function getBody(ctx: Ctx, id: string): Promise<BodyView> {
  const [r] = await selectBodies(
    ctx,
    and(inTenant(ctx), eq(enforcementBodies.id, id), scopeWhere(ctx.actor, read, bodyScope))!,
  );
  if (!r) throw notFound('ENFORCEMENT.BODY_NOT_FOUND', '执法主体不存在或无权查看');
  return presentBody(r);
}

function selectOfficers(ctx: Ctx, where: SQL) {
  return ctx.db
    .select({
      id: enforcementOfficers.id,
      userId: enforcementOfficers.userId,
      name: users.displayName,
      username: users.username,
      bodyId: enforcementOfficers.bodyId,
      bodyName: enforcementBodies.name,
      credentialNo: enforcementOfficers.credentialNo,
      category: enforcementOfficers.category,
      domains: enforcementOfficers.domains,
      validFrom: enforcementOfficers.validFrom,
      validTo: enforcementOfficers.validTo,
      issuingAuthority: enforcementOfficers.issuingAuthority,
      status: enforcementOfficers.status,
      canManage: sql<boolean>`${scopeWhere(ctx.actor, manage, bodyScope)}`,
    })
    .from(enforcementOfficers)
    .innerJoin(
      enforcementBodies,
      and(
        eq(enforcementBodies.tenantId, enforcementOfficers.tenantId),
        eq(enforcementBodies.id, enforcementOfficers.bodyId),
      ),
    )
    .innerJoin(
      users,
      and(eq(users.tenantId, enforcementOfficers.tenantId), eq(users.id, enforcementOfficers.userId)),
    )
    .where(where);
}

type OfficerRow = Awaited<ReturnType<typeof selectOfficers>>[number];
const presentOfficer =
  (today: string) =>
  (r: OfficerRow): OfficerView => {
    const domains = json(r.domains);
    return {
      ...r,
      domains,
      canManage: !!r.canManage,
      credentialProblems: credentialProblems({ ...r, domains }, today),
    };
  };

export function listOfficers(ctx: Ctx, f: ListFilter): Promise<Page<OfficerView>> {
  const conds: SQL[] = [
    eq(enforcementOfficers.tenantId, ctx.actor.tenantId),
    scopeWhere(ctx.actor, read, bodyScope),
  ];
  if (f.q)
    conds.push(
      sql`(${users.displayName} ilike ${like(f.q)} or ${enforcementOfficers.credentialNo} ilike ${like(f.q)})`,
    );
  if (f.bodyId) conds.push(eq(enforcementOfficers.bodyId, f.bodyId));
  if (f.status) conds.push(eq(enforcementOfficers.status, f.status));
  const where = and(...conds)!;
  return paged(
    selectOfficers(ctx, where)
      .orderBy(asc(enforcementBodies.name), asc(enforcementOfficers.credentialNo))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(enforcementOfficers)
      .innerJoin(
        enforcementBodies,
        and(
          eq(enforcementBodies.tenantId, enforcementOfficers.tenantId),
          eq(enforcementBodies.id, enforcementOfficers.bodyId),
        ),
      )
      .innerJoin(
        users,
        and(eq(users.tenantId, enforcementOfficers.tenantId), eq(users.id, enforcementOfficers.userId)),
      )
      .where(where),
    presentOfficer(chinaDate(ctx.now)),
  );
}

export async function getOfficer(ctx: Ctx, id: string): Promise<OfficerView> {
  const [r] = await selectOfficers(
    ctx,
    and(
      eq(enforcementOfficers.tenantId, ctx.actor.tenantId),
      eq(enforcementOfficers.id, id),
      scopeWhere(ctx.actor, read, bodyScope),
    )!,
  );
  if (!r) throw notFound('ENFORCEMENT.OFFICER_NOT_FOUND', '执法人员不存在或无权查看');
  return presentOfficer(chinaDate(ctx.now))(r);
}

function selectMatters(ctx: Ctx, where: SQL) {
  return ctx.db
    .select({
      id: enforcementMatters.id,
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
      status: enforcementMatters.status,
      canManage: sql<boolean>`${scopeWhere(ctx.actor, manage, bodyScope)}`,
    })
    .from(enforcementMatters)
    .innerJoin(
      enforcementBodies,
      and(
        eq(enforcementBodies.tenantId, enforcementMatters.tenantId),
        eq(enforcementBodies.id, enforcementMatters.bodyId),
      ),
    )
    .where(where);
}

const presentMatter = (r: Awaited<ReturnType<typeof selectMatters>>[number]): MatterView => ({
  ...r,
  fineMin: r.fineMin === null ? null : Number(r.fineMin),
  fineMax: r.fineMax === null ? null : Number(r.fineMax),
  legalBasis: json(r.legalBasis),
  otherPenalties: json(r.otherPenalties),
  discretion: json(r.discretion),
  canManage: !!r.canManage,
});

export function listMatters(
  ctx: Ctx,
  f: ListFilter & { type?: string | undefined },
): Promise<Page<MatterView>> {
  const conds: SQL[] = [
    eq(enforcementMatters.tenantId, ctx.actor.tenantId),
    scopeWhere(ctx.actor, read, bodyScope),
  ];
  if (f.q)
    conds.push(
      sql`(${enforcementMatters.name} ilike ${like(f.q)} or ${enforcementMatters.code} ilike ${like(f.q)})`,
    );
  if (f.bodyId) conds.push(eq(enforcementMatters.bodyId, f.bodyId));
  if (f.status) conds.push(eq(enforcementMatters.status, f.status));
  if (f.type) conds.push(eq(enforcementMatters.type, f.type));
  const where = and(...conds)!;
  return paged(
    selectMatters(ctx, where)
      .orderBy(asc(enforcementMatters.code))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(enforcementMatters)
      .innerJoin(
        enforcementBodies,
        and(
          eq(enforcementBodies.tenantId, enforcementMatters.tenantId),
          eq(enforcementBodies.id, enforcementMatters.bodyId),
        ),
      )
      .where(where),
    presentMatter,
  );
}

export async function getMatter(ctx: Ctx, id: string): Promise<MatterView> {
  const [r] = await selectMatters(
    ctx,
    and(
      eq(enforcementMatters.tenantId, ctx.actor.tenantId),
      eq(enforcementMatters.id, id),
      scopeWhere(ctx.actor, read, bodyScope),
    )!,
  );
  if (!r) throw notFound('ENFORCEMENT.MATTER_NOT_FOUND', '执法事项不存在或无权查看');
  return presentMatter(r);
}

/** Every officer and matter the actor may read (for the spreadsheet export). */
export async function allOfficers(ctx: Ctx): Promise<OfficerView[]> {
  const rows = await selectOfficers(
    ctx,
    and(eq(enforcementOfficers.tenantId, ctx.actor.tenantId), scopeWhere(ctx.actor, read, bodyScope))!,
  ).orderBy(asc(enforcementBodies.name), asc(enforcementOfficers.credentialNo));
  return rows.map(presentOfficer(chinaDate(ctx.now)));
}

export async function allMatters(ctx: Ctx): Promise<MatterView[]> {
  const rows = await selectMatters(
    ctx,
    and(eq(enforcementMatters.tenantId, ctx.actor.tenantId), scopeWhere(ctx.actor, read, bodyScope))!,
  ).orderBy(asc(enforcementMatters.code));
  return rows.map(presentMatter);
}

// ---------------------------------------------------------------- lookups shared by commands and imports

/** A body as the checks see it: whether the actor reads and manages it. */
export interface BodyRef {
  id: string;
  name: string;
  unitId: string;
  kind: string;
  status: string;
  domains: string[];
  canRead: boolean;
  canManage: boolean;
}

export async function loadBodyRefs(ctx: Ctx): Promise<BodyRef[]> {
  const rows = await ctx.db
    .select({
      id: enforcementBodies.id,
      name: enforcementBodies.name,
      unitId: enforcementBodies.unitId,
      kind: enforcementBodies.kind,
      status: enforcementBodies.status,
      domains: enforcementBodies.domains,
      canRead: sql<boolean>`${scopeWhere(ctx.actor, read, bodyScope)}`,
      canManage: sql<boolean>`${scopeWhere(ctx.actor, manage, bodyScope)}`,
    })
    .from(enforcementBodies)
    .where(inTenant(ctx));
  return rows.map((r) => ({
    ...r,
    domains: json(r.domains),
    canRead: !!r.canRead,
    canManage: !!r.canManage,
  }));
}

type Report = (field: string, detail: string) => void;

/** Checks the body a record is filed under; returns it when the actor may file records there. */
function checkBodyRef(
  bodies: BodyRef[],
  bodyId: string | null,
  add: Report,
  field = 'bodyId',
): { body: BodyRef | null; forbidden: boolean } {
  const body = bodyId ? bodies.find((b) => b.id === bodyId && b.canRead) : undefined;
  if (!body) {
    add(field, '执法主体不存在或无权查看');
    return { body: null, forbidden: false };
  }
  if (body.status !== 'active') add(field, `执法主体“${body.name}”已停用`);
  return { body, forbidden: !body.canManage };
}

const dupes = (xs: string[], add: Report, field: string, what: string) => {
  const seen = new Set<string>();
  xs.forEach((x, i) => {
    if (seen.has(x)) add(`${field}/${i}`, `${what}“${x}”重复`);
    seen.add(x);
  });
};

// ---------------------------------------------------------------- bodies

export interface BodyInput {
  unitId: string;
  name: string;
  kind: BodyKind;
  uscc?: string | null | undefined;
  legalBasis: string;
  normativeDocuments: string[];
  domains: string[];
  status?: 'active' | 'inactive' | undefined;
  address?: string | null | undefined;
  phone?: string | null | undefined;
  paymentMethod?: string | null | undefined;
  reviewAuthority?: string | null | undefined;
  court?: string | null | undefined;
}

/** The particulars of a body that its documents print (文书), each optional. */
export const BODY_PARTICULARS = ['address', 'phone', 'paymentMethod', 'reviewAuthority', 'court'] as const;
export type BodyParticular = (typeof BODY_PARTICULARS)[number];

async function unitFacts(ctx: Ctx, unitId: string) {
  const [u] = await ctx.db
    .select({
      kind: unitsRef.kind,
      status: unitsRef.status,
      path: unitsRef.path,
      canManage: sql<boolean>`${scopeWhere(ctx.actor, manage, { tenantId: unitsRef.tenantId, unitId: unitsRef.id })}`,
    })
    .from(unitsRef)
    .where(and(eq(unitsRef.tenantId, ctx.actor.tenantId), eq(unitsRef.id, unitId)));
  return u ?? null;
}

/** The town or street a unit belongs to (itself or an ancestor), for the one-body-per-town rule. */
async function townOf(ctx: Ctx, path: string) {
  const [t] = await ctx.db
    .execute<{ id: string; name: string }>(
      sql`select t.id, t.name from units t where t.tenant_id = ${ctx.actor.tenantId} and t.kind in ('town', 'street') and ${path} like t.path || '%' limit 1`,
    )
    .then((r) => (r as unknown as { rows: { id: string; name: string }[] }).rows);
  return t ?? null;
}

async function checkBody(
  ctx: Ctx,
  input: BodyInput,
  self: BodyView | null,
  check: ProblemCollector,
): Promise<{ forbidden: boolean }> {
  const add: Report = (f, d) => check.add(`/body/${f}`, d);
  const unit = await unitFacts(ctx, input.unitId);
  if (!unit || unit.status !== 'active') add('unitId', '所属单位不存在或已停用');
  const others = (await loadBodyRefs(ctx)).filter((b) => b.id !== self?.id);
  if (others.some((b) => b.unitId === input.unitId)) add('unitId', '该单位已登记为执法主体');
  const [sameName] = await ctx.db
    .select({ id: enforcementBodies.id })
    .from(enforcementBodies)
    .where(and(inTenant(ctx), eq(enforcementBodies.name, input.name)));
  if (sameName && sameName.id !== self?.id) add('name', '已有同名的执法主体');
  if (input.uscc) {
    const r = checkUscc(input.uscc);
    if (!r.ok) add('uscc', r.reason);
  }
  if ((input.status ?? 'active') === 'active' && input.domains.length === 0)
    add('domains', '请至少填写一个执法领域');
  dupes(input.domains, add, 'domains', '执法领域');
  dupes(input.normativeDocuments, add, 'normativeDocuments', '规范性文件');
  if (input.kind === '镇街综合执法机构' && unit) {
    const town = await townOf(ctx, unit.path);
    if (!town) add('unitId', '镇街综合执法机构须设在镇或街道（或其下属单位）');
    else if ((input.status ?? 'active') === 'active') {
      const [clash] = await ctx.db
        .execute(
          sql`select b.name from enforcement_bodies b join units u on u.tenant_id = b.tenant_id and u.id = b.unit_id
            where b.tenant_id = ${ctx.actor.tenantId} and b.kind = '镇街综合执法机构' and b.status = 'active'
              and u.path like ${`%/${town.id}/%`} and b.id <> ${self?.id ?? '00000000-0000-0000-0000-000000000000'}::uuid limit 1`,
        )
        .then((r) => (r as unknown as { rows: { name: string }[] }).rows);
      if (clash)
        add(
          'kind',
          `${town.name}已有镇街综合执法机构“${(clash as { name: string }).name}”，一个镇街只设一个`,
        );
    }
  }
  return { forbidden: !!unit && !unit.canManage };
}

/** Registers a unit as an enforcement body (in a unit the actor manages). */
export function createBody(ctx: Ctx, input: BodyInput): Promise<BodyView> {
  return inTx(ctx, async (ctx) => {
    const check = new ProblemCollector();
    const { forbidden: no } = await checkBody(ctx, input, null, check);
    check.throwIfAny('ENFORCEMENT.BODY_INVALID');
    if (no) throw forbidden('ENFORCEMENT.FORBIDDEN', '无权在该单位登记执法主体');
    const id = newId();
    const values = {
      name: input.name,
      kind: input.kind,
      unitId: input.unitId,
      uscc: input.uscc ?? null,
      legalBasis: input.legalBasis,
      normativeDocuments: input.normativeDocuments,
      domains: input.domains,
      status: input.status ?? 'active',
      ...Object.fromEntries(BODY_PARTICULARS.map((k) => [k, input[k] ?? null])),
    };
    await ctx.db
      .insert(enforcementBodies)
      .values({ tenantId: ctx.actor.tenantId, id, ...values, createdAt: ctx.now, updatedAt: ctx.now });
    await log(ctx, 'enforcement.body.created', 'enforcement-body', id, { after: values });
    return getBody(ctx, id);
  });
}

export type BodyPatch = Partial<Omit<BodyInput, 'unitId'>>;

export function updateBody(ctx: Ctx, id: string, patch: BodyPatch): Promise<BodyView> {
  return inTx(ctx, async (ctx) => {
    const cur = await getBody(ctx, id);
    if (!cur.canManage) throw forbidden('ENFORCEMENT.FORBIDDEN', '无权管理该执法主体');
    const next: BodyInput = {
      unitId: cur.unitId,
      name: patch.name ?? cur.name,
      kind: patch.kind ?? (cur.kind as BodyKind),
      uscc: patch.uscc !== undefined ? patch.uscc : cur.uscc,
      legalBasis: patch.legalBasis ?? cur.legalBasis,
      normativeDocuments: patch.normativeDocuments ?? cur.normativeDocuments,
      domains: patch.domains ?? cur.domains,
      status: patch.status ?? (cur.status as 'active'),
      ...Object.fromEntries(BODY_PARTICULARS.map((k) => [k, patch[k] !== undefined ? patch[k] : cur[k]])),
    };
    const check = new ProblemCollector();
    await checkBody(ctx, next, cur, check);
    check.throwIfAny('ENFORCEMENT.BODY_INVALID');
    const { before, after } = diff(
      cur as unknown as Record<string, unknown>,
      next as unknown as Record<string, unknown>,
    );
    if (Object.keys(after).length > 0) {
      await ctx.db
        .update(enforcementBodies)
        .set({ ...after, updatedAt: ctx.now })
        .where(and(inTenant(ctx), eq(enforcementBodies.id, id)));
      await log(ctx, 'enforcement.body.updated', 'enforcement-body', id, { before, after });
    }
    return getBody(ctx, id);
  });
}

function diff(cur: Record<string, unknown>, next: Record<string, unknown>) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    if (canonicalize(cur[k] ?? null) !== canonicalize(v ?? null)) {
      before[k] = cur[k] ?? null;
      after[k] = v ?? null;
    }
  }
  return { before, after };
}

async function log(
  ctx: Ctx,
  kind: string,
  type: string,
  id: string,
  change: {
    before?: Record<string, unknown>;
    after?: Record<string, unknown>;
    data?: Record<string, unknown>;
  },
) {
  await appendLogEntry(ctx.db, {
    tenantId: ctx.actor.tenantId,
    kind,
    actor: logActorOf(ctx.actor),
    subject: { type, id },
    ...change,
    requestId: ctx.requestId,
    at: ctx.now,
  });
}

/**
 * Insert and diff-update of one registry table, each with its log entry (`enforcement.<name>.created|updated`):
 * what officers and matters share, for the forms and the spreadsheet import alike.
 */
function rowWriter(table: typeof enforcementOfficers | typeof enforcementMatters, name: string) {
  // The values come from `officerValues`/`matterValues`, typed at the call sites; Drizzle cannot type a union
  // of tables here, hence the `never` casts.
  return {
    async insert(ctx: Ctx, values: Record<string, unknown>, data?: Record<string, unknown>): Promise<string> {
      const id = newId();
      await ctx.db.insert(table).values({
        tenantId: ctx.actor.tenantId,
        id,
        ...values,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      } as never);
      await log(ctx, `enforcement.${name}.created`, `enforcement-${name}`, id, {
        after: values,
        ...(data ? { data } : {}),
      });
      return id;
    },
    async write(
      ctx: Ctx,
      cur: { id: string },
      values: Record<string, unknown>,
      data?: Record<string, unknown>,
    ): Promise<boolean> {
      const { before, after } = diff(cur as unknown as Record<string, unknown>, values);
      if (Object.keys(after).length === 0) return false;
      await ctx.db
        .update(table)
        .set({ ...after, updatedAt: ctx.now } as never)
        .where(and(eq(table.tenantId, ctx.actor.tenantId), eq(table.id, cur.id)));
      await log(ctx, `enforcement.${name}.updated`, `enforcement-${name}`, cur.id, {
        before,
        after,
        ...(data ? { data } : {}),
      });
      return true;
    },
  };
}

const officerRows = rowWriter(enforcementOfficers, 'officer');
const matterRows = rowWriter(enforcementMatters, 'matter');

// ---------------------------------------------------------------- officers

export interface OfficerInput {
  userId: string;
  bodyId: string;
  credentialNo: string;
  category: (typeof CREDENTIAL_CATEGORIES)[number];
  domains: string[];
  validFrom: string;
  validTo: string;
  issuingAuthority: string;
  status?: 'active' | 'suspended' | 'revoked' | undefined;
}

export interface OfficerKeyRow {
  id: string;
  userId: string;
  credentialNo: string;
  category: string;
  bodyId: string;
}

/** Every officer of the tenant by key (uniqueness is tenant-wide, whatever the actor sees). */
export function loadOfficerKeys(ctx: Ctx): Promise<OfficerKeyRow[]> {
  return ctx.db
    .select({
      id: enforcementOfficers.id,
      userId: enforcementOfficers.userId,
      credentialNo: enforcementOfficers.credentialNo,
      category: enforcementOfficers.category,
      bodyId: enforcementOfficers.bodyId,
    })
    .from(enforcementOfficers)
    .where(eq(enforcementOfficers.tenantId, ctx.actor.tenantId));
}

export interface UserRef {
  id: string;
  username: string;
  displayName: string;
  status: string;
}

export function loadUserRefs(ctx: Ctx, by: { ids?: string[]; usernames?: string[] }): Promise<UserRef[]> {
  const cond = by.ids
    ? inArray(users.id, by.ids.length ? by.ids : ['00000000-0000-0000-0000-000000000000'])
    : inArray(users.username, by.usernames?.length ? by.usernames : ['']);
  return ctx.db
    .select({ id: users.id, username: users.username, displayName: users.displayName, status: users.status })
    .from(users)
    .where(and(eq(users.tenantId, ctx.actor.tenantId), cond));
}

/** The officer checks, for one record: every problem through `add(field, detail)`; whether it is forbidden. */
export function checkOfficer(
  input: OfficerInput,
  selfId: string | null,
  refs: { bodies: BodyRef[]; officers: OfficerKeyRow[]; user: UserRef | undefined },
  add: Report,
): { forbidden: boolean } {
  if (!refs.user) add('userId', '用户不存在');
  else if (refs.user.status !== 'active') add('userId', `用户“${refs.user.displayName}”已停用`);
  const { body, forbidden: no } = checkBodyRef(refs.bodies, input.bodyId, add);
  if (!CREDENTIAL_NO.test(input.credentialNo))
    add('credentialNo', '执法证号须为6到32位字母、数字、汉字或连字符');
  const sameNo = refs.officers.find((o) => o.credentialNo === input.credentialNo && o.id !== selfId);
  if (sameNo) add('credentialNo', '该执法证号已登记');
  const sameKind = refs.officers.find(
    (o) => o.userId === input.userId && o.category === input.category && o.id !== selfId,
  );
  if (sameKind)
    add('category', `该人员已持有${input.category}（证号${sameKind.credentialNo}），请修改原记录`);
  if (!isIsoDate(input.validFrom)) add('validFrom', '日期无效，格式为YYYY-MM-DD');
  if (!isIsoDate(input.validTo)) add('validTo', '日期无效，格式为YYYY-MM-DD');
  else if (isIsoDate(input.validFrom) && input.validTo < input.validFrom)
    add('validTo', `有效期止（${input.validTo}）早于有效期起（${input.validFrom}）`);
  if (input.domains.length === 0) add('domains', '请至少填写一个执法领域');
  dupes(input.domains, add, 'domains', '执法领域');
  if (body)
    input.domains.forEach((d, i) => {
      if (!body.domains.includes(d))
        add(`domains/${i}`, `“${d}”不在执法主体“${body.name}”的执法领域（${body.domains.join('、')}）之内`);
    });
  return { forbidden: no };
}

export function createOfficer(ctx: Ctx, input: OfficerInput): Promise<OfficerView> {
  return inTx(ctx, async (ctx) => {
    const check = new ProblemCollector();
    // One after another: a transaction is one connection.
    const bodies = await loadBodyRefs(ctx);
    const officers = await loadOfficerKeys(ctx);
    const [user] = await loadUserRefs(ctx, { ids: [input.userId] });
    const { forbidden: no } = checkOfficer(input, null, { bodies, officers, user }, (f, d) =>
      check.add(`/body/${f}`, d),
    );
    check.throwIfAny('ENFORCEMENT.OFFICER_INVALID');
    if (no) throw forbidden('ENFORCEMENT.FORBIDDEN', '无权管理该执法主体的执法人员');
    const id = await insertOfficer(ctx, input);
    return getOfficer(ctx, id);
  });
}

const officerValues = (i: OfficerInput) => ({
  userId: i.userId,
  bodyId: i.bodyId,
  credentialNo: i.credentialNo,
  category: i.category,
  domains: i.domains,
  validFrom: i.validFrom,
  validTo: i.validTo,
  issuingAuthority: i.issuingAuthority,
  status: i.status ?? 'active',
});

/** Whether `next` differs from the stored officer. */
export const officerChanged = (cur: OfficerView, next: OfficerInput) =>
  Object.keys(diff(cur as unknown as Record<string, unknown>, officerValues(next)).after).length > 0;

/** Creates an officer row and logs it (create and import share this). */
export const insertOfficer = (ctx: Ctx, input: OfficerInput, data?: Record<string, unknown>) =>
  officerRows.insert(ctx, officerValues(input), data);

/** Writes the changed fields of an officer; returns whether anything changed. */
export const writeOfficer = (
  ctx: Ctx,
  cur: OfficerView,
  next: OfficerInput,
  data?: Record<string, unknown>,
) => officerRows.write(ctx, cur, officerValues(next), data);

export type OfficerPatch = Partial<Omit<OfficerInput, 'userId'>>;

export function updateOfficer(ctx: Ctx, id: string, patch: OfficerPatch): Promise<OfficerView> {
  return inTx(ctx, async (ctx) => {
    const cur = await getOfficer(ctx, id);
    if (!cur.canManage) throw forbidden('ENFORCEMENT.FORBIDDEN', '无权管理该执法人员');
    const next: OfficerInput = {
      userId: cur.userId,
      bodyId: patch.bodyId ?? cur.bodyId,
      credentialNo: patch.credentialNo ?? cur.credentialNo,
      category: patch.category ?? (cur.category as OfficerInput['category']),
      domains: patch.domains ?? cur.domains,
      validFrom: patch.validFrom ?? cur.validFrom,
      validTo: patch.validTo ?? cur.validTo,
      issuingAuthority: patch.issuingAuthority ?? cur.issuingAuthority,
      status: patch.status ?? (cur.status as OfficerInput['status']),
    };
    const check = new ProblemCollector();
    const bodies = await loadBodyRefs(ctx);
    const officers = await loadOfficerKeys(ctx);
    const [user] = await loadUserRefs(ctx, { ids: [cur.userId] });
    const { forbidden: no } = checkOfficer(next, id, { bodies, officers, user }, (f, d) =>
      check.add(`/body/${f}`, d),
    );
    check.throwIfAny('ENFORCEMENT.OFFICER_INVALID');
    if (no) throw forbidden('ENFORCEMENT.FORBIDDEN', '无权把执法人员调入该执法主体');
    await writeOfficer(ctx, cur, next);
    return getOfficer(ctx, id);
  });
}

// ---------------------------------------------------------------- matters

export interface MatterInput {
  code: string;
  name: string;
  type: (typeof MATTER_TYPES)[number];
  bodyId: string;
  legalBasis: LegalBasisItem[];
  fineMin: number | null;
  fineMax: number | null;
  otherPenalties: string[];
  discretion: DiscretionBand[];
  status?: 'active' | 'inactive' | undefined;
}

export interface MatterKeyRow {
  id: string;
  code: string;
  name: string;
  bodyId: string;
}

export function loadMatterKeys(ctx: Ctx): Promise<MatterKeyRow[]> {
  return ctx.db
    .select({
      id: enforcementMatters.id,
      code: enforcementMatters.code,
      name: enforcementMatters.name,
      bodyId: enforcementMatters.bodyId,
    })
    .from(enforcementMatters)
    .where(eq(enforcementMatters.tenantId, ctx.actor.tenantId));
}

/** The matter checks, for one record: every problem through `add(field, detail)`; whether it is forbidden. */
export function checkMatter(
  input: MatterInput,
  selfId: string | null,
  refs: { bodies: BodyRef[]; matters: MatterKeyRow[] },
  add: Report,
): { forbidden: boolean } {
  const { forbidden: no } = checkBodyRef(refs.bodies, input.bodyId, add);
  if (!MATTER_CODE.test(input.code))
    add('code', '事项编码须为2到40位字母、数字、点、连字符或下划线，以字母或数字开头');
  if (refs.matters.some((m) => m.code === input.code && m.id !== selfId)) add('code', '该事项编码已被使用');
  if (refs.matters.some((m) => m.name === input.name && m.bodyId === input.bodyId && m.id !== selfId))
    add('name', '同一执法主体下已有同名事项');
  if (input.legalBasis.length === 0) add('legalBasis', '请至少填写一条法律依据');
  dupes(input.otherPenalties, add, 'otherPenalties', '处罚种类');
  for (const p of discretionProblems(input, '')) add(p.pointer.slice(1), p.detail);
  return { forbidden: no };
}

const matterValues = (i: MatterInput) => ({
  code: i.code,
  name: i.name,
  type: i.type,
  bodyId: i.bodyId,
  legalBasis: i.legalBasis,
  fineMin: i.fineMin,
  fineMax: i.fineMax,
  otherPenalties: i.otherPenalties,
  discretion: i.discretion,
  status: i.status ?? 'active',
});

/** Whether `next` differs from the stored matter. */
export const matterChanged = (cur: MatterView, next: MatterInput) =>
  Object.keys(diff(cur as unknown as Record<string, unknown>, matterValues(next)).after).length > 0;

/** Creates a matter row and logs it (create and import share this). */
export const insertMatter = (ctx: Ctx, input: MatterInput, data?: Record<string, unknown>) =>
  matterRows.insert(ctx, matterValues(input), data);

/** Writes the changed fields of a matter; returns whether anything changed. */
export const writeMatter = (ctx: Ctx, cur: MatterView, next: MatterInput, data?: Record<string, unknown>) =>
  matterRows.write(ctx, cur, matterValues(next), data);

export function createMatter(ctx: Ctx, input: MatterInput): Promise<MatterView> {
  return inTx(ctx, async (ctx) => {
    const check = new ProblemCollector();
    const bodies = await loadBodyRefs(ctx);
    const matters = await loadMatterKeys(ctx);
    const { forbidden: no } = checkMatter(input, null, { bodies, matters }, (f, d) =>
      check.add(`/body/${f}`, d),
    );
    check.throwIfAny('ENFORCEMENT.MATTER_INVALID');
    if (no) throw forbidden('ENFORCEMENT.FORBIDDEN', '无权管理该执法主体的执法事项');
    const id = await insertMatter(ctx, input);
    return getMatter(ctx, id);
  });
}

export type MatterPatch = Partial<MatterInput>;

export function updateMatter(ctx: Ctx, id: string, patch: MatterPatch): Promise<MatterView> {
  return inTx(ctx, async (ctx) => {
    const cur = await getMatter(ctx, id);
    if (!cur.canManage) throw forbidden('ENFORCEMENT.FORBIDDEN', '无权管理该执法事项');
    const next: MatterInput = {
      code: patch.code ?? cur.code,
      name: patch.name ?? cur.name,
      type: patch.type ?? (cur.type as MatterInput['type']),
      bodyId: patch.bodyId ?? cur.bodyId,
      legalBasis: patch.legalBasis ?? cur.legalBasis,
      fineMin: patch.fineMin !== undefined ? patch.fineMin : cur.fineMin,
      fineMax: patch.fineMax !== undefined ? patch.fineMax : cur.fineMax,
      otherPenalties: patch.otherPenalties ?? cur.otherPenalties,
      discretion: patch.discretion ?? cur.discretion,
      status: patch.status ?? (cur.status as MatterInput['status']),
    };
    const check = new ProblemCollector();
    const bodies = await loadBodyRefs(ctx);
    const matters = await loadMatterKeys(ctx);
    const { forbidden: no } = checkMatter(next, id, { bodies, matters }, (f, d) =>
      check.add(`/body/${f}`, d),
    );
    check.throwIfAny('ENFORCEMENT.MATTER_INVALID');
    if (no) throw forbidden('ENFORCEMENT.FORBIDDEN', '无权把事项移交该执法主体');
    await writeMatter(ctx, cur, next);
    return getMatter(ctx, id);
  });
}

// ---------------------------------------------------------------- the guard's query

/**
 * For each user id: whether they hold a usable credential of `category` (default 行政执法证) on `onDate`
 * (optionally covering `domain`), with the problems of the best credential they have when not. Tenant-wide:
 * the guard checks the people assigned, whatever the assigning actor may read.
 */
export async function validOfficers(
  ctx: Ctx,
  ids: string[],
  onDate: string,
  need: { domain?: string | undefined; category?: (typeof CREDENTIAL_CATEGORIES)[number] } = {},
): Promise<{ valid: string[]; invalid: { userId: string; problems: CredentialProblem[] }[] }> {
  const unique = [...new Set(ids)];
  const rows =
    unique.length === 0
      ? []
      : await ctx.db
          .select({
            userId: enforcementOfficers.userId,
            credentialNo: enforcementOfficers.credentialNo,
            category: enforcementOfficers.category,
            domains: enforcementOfficers.domains,
            validFrom: enforcementOfficers.validFrom,
            validTo: enforcementOfficers.validTo,
            status: enforcementOfficers.status,
          })
          .from(enforcementOfficers)
          .where(
            and(
              eq(enforcementOfficers.tenantId, ctx.actor.tenantId),
              inArray(enforcementOfficers.userId, unique),
            ),
          );
  const category = need.category ?? '行政执法证';
  const valid: string[] = [];
  const invalid: { userId: string; problems: CredentialProblem[] }[] = [];
  for (const userId of unique) {
    const mine = rows.filter((r) => r.userId === userId).map((r) => ({ ...r, domains: json(r.domains) }));
    const results = (mine.length ? mine : [null]).map((c) =>
      credentialProblems(c, onDate, { domain: need.domain, category }),
    );
    const best = results.reduce((a, b) => (b.length < a.length ? b : a));
    if (best.length === 0) valid.push(userId);
    else invalid.push({ userId, problems: best });
  }
  return { valid, invalid };
}
