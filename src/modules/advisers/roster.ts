/**
 * 法律顾问名册 and 配备: the roster (who, which kind, which law firm or unit, the 执业证 and its validity) and the
 * assignments of advisers to units for periods. Reads are scoped: an adviser is visible to an actor whose
 * `advisers.roster.read` scope reaches the adviser's home unit or any unit the adviser serves (or ever served); the
 * justice bureau (tenant scope) sees the whole roster. Every write is one transaction with its log entry.
 */
import { type Column, type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../../kernel/db/index.ts';
import { forbidden, notFound, ProblemCollector } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, grantsFor, inTx, logActorOf, scopeWhere } from '../../platform/access/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { chinaDate } from '../../platform/workflow/index.ts';
import { ADVISER_KINDS, type AdviserKind, type AdviserStatus } from './advisers.kinds.ts';
import { AdvisersPermissions as P } from './advisers.permissions.ts';

const READ = P['advisers.roster.read'];
const MANAGE = P['advisers.roster.manage'];

/** A raw column reference for `scopeWhere` in hand-written SQL with table aliases. */
export const col = (ref: string) => sql.raw(ref) as unknown as Column;
const unitScope = (alias: string) => ({
  tenantId: col(`${alias}.tenant_id`),
  unitId: col(`${alias}.unit_id`),
});

/**
 * The advisers (alias `a`) an actor reaches with `permission`: through the home unit, or any assignment to a unit in
 * scope. One condition, used for reading (404 outside it) and for `canManage`.
 */
export function adviserReach(ctx: Ctx, permission: string): SQL {
  const home = scopeWhere(ctx.actor, permission, {
    tenantId: col('a.tenant_id'),
    unitId: col('a.home_unit_id'),
  });
  const served = scopeWhere(ctx.actor, permission, unitScope('s'));
  return sql`(${home} or exists (select 1 from adviser_assignments s where s.tenant_id = a.tenant_id
    and s.adviser_id = a.id and ${served}))`;
}

/** Masks a phone for display: the first three and the last four digits stay (`138****5678`, `023****5678`). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 8) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

export interface AssignmentView {
  id: string;
  adviserId: string;
  unitId: string;
  unitName: string;
  unitKind: string;
  validFrom: string;
  validTo: string | null;
  note: string | null;
  /** Whether the assignment covers today. */
  current: boolean;
}

export interface AdviserView {
  id: string;
  name: string;
  kind: AdviserKind;
  kindLabel: string;
  organisation: string;
  homeUnitId: string | null;
  homeUnitName: string | null;
  licenceNo: string;
  licenceValidFrom: string;
  licenceValidTo: string;
  /** The certificate is not valid today (expired or not yet valid). */
  licenceExpired: boolean;
  /** Masked (`138****5678`) unless the actor manages the adviser. */
  phone: string | null;
  expertise: string | null;
  status: AdviserStatus;
  /** Units served today. */
  currentUnits: { unitId: string; unitName: string }[];
  canManage: boolean;
}

export interface AdviserDetail extends AdviserView {
  assignments: AssignmentView[];
  workItemCount: number;
  meetingCount: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

type AdviserRow = Omit<
  AdviserView,
  'kindLabel' | 'licenceExpired' | 'phone' | 'currentUnits' | 'canManage'
> & {
  phoneSealed: string | null;
  currentUnits: unknown;
  canManage: boolean;
};

const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

function adviserSelect(ctx: Ctx, where: SQL, tail: SQL = sql``): SQL {
  const today = chinaDate(ctx.now);
  return sql`select a.id, a.name, a.kind, a.organisation, a.home_unit_id as "homeUnitId",
      (select u.name from units u where u.tenant_id = a.tenant_id and u.id = a.home_unit_id) as "homeUnitName",
      a.licence_no as "licenceNo", a.licence_valid_from::text as "licenceValidFrom",
      a.licence_valid_to::text as "licenceValidTo", a.phone_sealed as "phoneSealed", a.expertise, a.status,
      coalesce((select json_agg(json_build_object('unitId', c.unit_id, 'unitName', cu.name) order by cu.path)
        from adviser_assignments c join units cu on cu.tenant_id = c.tenant_id and cu.id = c.unit_id
        where c.tenant_id = a.tenant_id and c.adviser_id = a.id and c.valid_from <= ${today}
          and (c.valid_to is null or c.valid_to >= ${today})), '[]'::json) as "currentUnits",
      ${adviserReach(ctx, MANAGE)} as "canManage"
    from advisers a
    where a.tenant_id = ${ctx.actor.tenantId} and ${adviserReach(ctx, READ)} and ${where} ${tail}`;
}

function present(ctx: Ctx, r: AdviserRow): AdviserView {
  const today = chinaDate(ctx.now);
  let phone: string | null = null;
  if (r.phoneSealed) {
    try {
      const plain = ctx.crypto.decrypt(r.phoneSealed);
      phone = r.canManage ? plain : maskPhone(plain);
    } catch {
      phone = '******';
    }
  }
  const { phoneSealed: _sealed, ...rest } = r;
  return {
    ...rest,
    kindLabel: ADVISER_KINDS[r.kind] ?? r.kind,
    licenceExpired: r.licenceValidTo < today || r.licenceValidFrom > today,
    phone,
    currentUnits: json(r.currentUnits),
    canManage: !!r.canManage,
  };
}

export interface AdviserFilter {
  q?: string | undefined;
  kind?: AdviserKind | undefined;
  status?: AdviserStatus | undefined;
  /** Advisers serving this unit today. */
  unitId?: string | undefined;
  page: number;
  pageSize: number;
}

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The roster within the actor's scope, by name. */
export async function listAdvisers(ctx: Ctx, f: AdviserFilter): Promise<Page<AdviserView>> {
  const conds: SQL[] = [sql`true`];
  if (f.q)
    conds.push(
      sql`(a.name ilike ${like(f.q)} or a.organisation ilike ${like(f.q)} or a.licence_no ilike ${like(f.q)})`,
    );
  if (f.kind) conds.push(sql`a.kind = ${f.kind}`);
  if (f.status) conds.push(sql`a.status = ${f.status}`);
  if (f.unitId) {
    const today = chinaDate(ctx.now);
    conds.push(sql`exists (select 1 from adviser_assignments f where f.tenant_id = a.tenant_id and f.adviser_id = a.id
      and f.unit_id = ${f.unitId} and f.valid_from <= ${today} and (f.valid_to is null or f.valid_to >= ${today}))`);
  }
  const where = sql.join(conds, sql` and `);
  const [rows, [total]] = await Promise.all([
    queryRows<AdviserRow>(
      ctx.db,
      adviserSelect(
        ctx,
        where,
        sql`order by a.status, a.name, a.id limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
      ),
    ),
    queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from advisers a where a.tenant_id = ${ctx.actor.tenantId} and ${adviserReach(ctx, READ)} and ${where}`,
    ),
  ]);
  return { items: rows.map((r) => present(ctx, r)), total: Number(total?.n ?? 0) };
}

/** Every adviser in scope (the spreadsheet export), by name. */
export async function allAdvisers(ctx: Ctx): Promise<AdviserView[]> {
  const rows = await queryRows<AdviserRow>(ctx.db, adviserSelect(ctx, sql`true`, sql`order by a.name, a.id`));
  return rows.map((r) => present(ctx, r));
}

/** One adviser with every assignment, or 404 when absent or out of the actor's scope. */
export async function getAdviser(ctx: Ctx, id: string): Promise<AdviserDetail> {
  const [r] = await queryRows<AdviserRow>(ctx.db, adviserSelect(ctx, sql`a.id = ${id}`));
  if (!r) throw notFound('ADVISERS.ADVISER_NOT_FOUND', '法律顾问不存在或无权查看');
  const today = chinaDate(ctx.now);
  const [assignments, [counts]] = await Promise.all([
    queryRows<AssignmentView>(
      ctx.db,
      sql`select s.id, s.adviser_id as "adviserId", s.unit_id as "unitId", u.name as "unitName", u.kind as "unitKind",
          s.valid_from::text as "validFrom", s.valid_to::text as "validTo", s.note,
          (s.valid_from <= ${today} and (s.valid_to is null or s.valid_to >= ${today})) as current
        from adviser_assignments s join units u on u.tenant_id = s.tenant_id and u.id = s.unit_id
        where s.tenant_id = ${ctx.actor.tenantId} and s.adviser_id = ${id}
        order by s.valid_from desc, u.path`,
    ),
    queryRows<{ work: number; meetings: number }>(
      ctx.db,
      sql`select (select count(*)::int from adviser_work_items w where w.tenant_id = ${ctx.actor.tenantId}
            and w.adviser_id = ${id} and w.status = 'recorded') as work,
          (select count(*)::int from adviser_meetings m where m.tenant_id = ${ctx.actor.tenantId}
            and m.adviser_id = ${id}) as meetings`,
    ),
  ]);
  return {
    ...present(ctx, r),
    assignments: assignments.map((a) => ({ ...a, current: !!a.current })),
    workItemCount: Number(counts?.work ?? 0),
    meetingCount: Number(counts?.meetings ?? 0),
  };
}

export interface UnitRef {
  id: string;
  name: string;
  kind: string;
  status: string;
}

/** A unit of the tenant (regardless of the actor's scope), or null. */
export async function unitOf(ctx: Ctx, id: string | null | undefined): Promise<UnitRef | null> {
  if (!id) return null;
  const [u] = await queryRows<UnitRef>(
    ctx.db,
    sql`select id, name, kind, status from units where tenant_id = ${ctx.actor.tenantId} and id = ${id}`,
  );
  return u ?? null;
}

/** Whether the actor's scope for `permission` reaches the unit (null: only a district-wide grant reaches it). */
export async function reachesUnit(ctx: Ctx, permission: string, unitId: string | null): Promise<boolean> {
  if (!unitId) return grantsFor(ctx.actor, permission).some((g) => g.scope === 'tenant' || g.scope === 'all');
  const [r] = await queryRows<{ ok: boolean }>(
    ctx.db,
    sql`select ${scopeWhere(ctx.actor, permission, { tenantId: col('u.tenant_id'), unitId: col('u.id') })} as ok
        from units u where u.tenant_id = ${ctx.actor.tenantId} and u.id = ${unitId}`,
  );
  return !!r?.ok;
}

export interface AdviserInput {
  name: string;
  kind: AdviserKind;
  organisation: string;
  homeUnitId?: string | null | undefined;
  licenceNo: string;
  licenceValidFrom: string;
  licenceValidTo: string;
  phone?: string | null | undefined;
  expertise?: string | null | undefined;
}

export type AdviserPatch = Partial<AdviserInput> & { status?: AdviserStatus | undefined };

/** The checks shared by create, update and the spreadsheet import; `p` turns a field name into its pointer. */
export async function checkAdviser(
  ctx: Ctx,
  v: AdviserInput,
  check: ProblemCollector,
  p: (field: string) => string,
  exceptId?: string,
): Promise<UnitRef | null> {
  let home: UnitRef | null = null;
  if (v.kind !== 'external' && !v.homeUnitId)
    check.add(p('homeUnitId'), `${ADVISER_KINDS[v.kind]}须填写所在单位`);
  if (v.homeUnitId) {
    home = await unitOf(ctx, v.homeUnitId);
    if (!home || home.status !== 'active') check.add(p('homeUnitId'), '所在单位不存在或已停用');
  }
  if (v.licenceValidFrom > v.licenceValidTo) check.add(p('licenceValidTo'), '执业证有效期止不能早于有效期起');
  const [dup] = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id from advisers where tenant_id = ${ctx.actor.tenantId} and licence_no = ${v.licenceNo}`,
  );
  if (dup && dup.id !== exceptId) check.add(p('licenceNo'), `执业证号 ${v.licenceNo} 已在名册中`);
  return home;
}

const logged = (v: AdviserInput & { status?: string }, ctx: Ctx) => ({
  name: v.name,
  kind: v.kind,
  organisation: v.organisation,
  homeUnitId: v.homeUnitId ?? null,
  licenceNo: v.licenceNo,
  licenceValidFrom: v.licenceValidFrom,
  licenceValidTo: v.licenceValidTo,
  // personal data enters the log only as a keyed hash
  phoneHmac: v.phone ? ctx.crypto.keyedHash(v.phone) : null,
  expertise: v.expertise ?? null,
  status: v.status ?? 'active',
});

/** Inserts an adviser and its log entry (in the caller's transaction); returns the id. */
export async function insertAdviser(ctx: Ctx, v: AdviserInput): Promise<string> {
  const id = newId();
  await ctx.db.execute(sql`insert into advisers (tenant_id, id, name, kind, organisation, home_unit_id, licence_no,
      licence_valid_from, licence_valid_to, phone_sealed, expertise, status, created_at, updated_at)
    values (${ctx.actor.tenantId}, ${id}, ${v.name}, ${v.kind}, ${v.organisation}, ${v.homeUnitId ?? null},
      ${v.licenceNo}, ${v.licenceValidFrom}, ${v.licenceValidTo}, ${v.phone ? ctx.crypto.encrypt(v.phone) : null},
      ${v.expertise ?? null}, 'active', ${ctx.now}, ${ctx.now})`);
  await appendLogEntry(ctx.db, {
    tenantId: ctx.actor.tenantId,
    kind: 'advisers.adviser.created',
    actor: logActorOf(ctx.actor),
    subject: { type: 'adviser', id },
    after: logged(v, ctx),
    requestId: ctx.requestId,
    at: ctx.now,
  });
  return id;
}

/** Adds an adviser to the roster. Every problem with the input is listed at once; nothing is stored on any. */
export function createAdviser(ctx: Ctx, input: AdviserInput): Promise<AdviserDetail> {
  return inTx(ctx, async (ctx) => {
    const check = new ProblemCollector();
    const home = await checkAdviser(ctx, input, check, (f) => `/body/${f}`);
    check.throwIfAny('ADVISERS.ADVISER_INVALID');
    if (!(await reachesUnit(ctx, MANAGE, home?.id ?? null)))
      throw forbidden('ADVISERS.ADVISER_FORBIDDEN', '无权在该单位登记法律顾问');
    const id = await insertAdviser(ctx, input);
    return getAdviser(ctx, id);
  });
}

/** The stored values of an adviser (with the phone in clear), for an update or the import. */
export async function storedAdviser(
  ctx: Ctx,
  id: string,
): Promise<(AdviserInput & { id: string; status: AdviserStatus }) | null> {
  const [r] = await queryRows<
    AdviserInput & { id: string; status: AdviserStatus; phoneSealed: string | null }
  >(
    ctx.db,
    sql`select id, name, kind, organisation, home_unit_id as "homeUnitId", licence_no as "licenceNo",
        licence_valid_from::text as "licenceValidFrom", licence_valid_to::text as "licenceValidTo",
        phone_sealed as "phoneSealed", expertise, status
      from advisers where tenant_id = ${ctx.actor.tenantId} and id = ${id}`,
  );
  if (!r) return null;
  const { phoneSealed, ...rest } = r;
  return { ...rest, phone: phoneSealed ? ctx.crypto.decrypt(phoneSealed) : null };
}

/** Writes changed values of an adviser and logs before and after (in the caller's transaction). */
export async function writeAdviser(
  ctx: Ctx,
  before: AdviserInput & { id: string; status: AdviserStatus },
  after: AdviserInput & { status: AdviserStatus },
): Promise<void> {
  await ctx.db.execute(sql`update advisers set name = ${after.name}, kind = ${after.kind},
      organisation = ${after.organisation}, home_unit_id = ${after.homeUnitId ?? null}, licence_no = ${after.licenceNo},
      licence_valid_from = ${after.licenceValidFrom}, licence_valid_to = ${after.licenceValidTo},
      phone_sealed = ${after.phone ? ctx.crypto.encrypt(after.phone) : null}, expertise = ${after.expertise ?? null},
      status = ${after.status}, updated_at = ${ctx.now}
    where tenant_id = ${ctx.actor.tenantId} and id = ${before.id}`);
  await appendLogEntry(ctx.db, {
    tenantId: ctx.actor.tenantId,
    kind:
      after.status !== before.status
        ? `advisers.adviser.${after.status === 'inactive' ? 'dismissed' : 'reinstated'}`
        : 'advisers.adviser.updated',
    actor: logActorOf(ctx.actor),
    subject: { type: 'adviser', id: before.id },
    before: logged(before, ctx),
    after: logged(after, ctx),
    requestId: ctx.requestId,
    at: ctx.now,
  });
}

/** Edits an adviser (including 解聘: `status: inactive`); 403 when visible but not managed. */
export function updateAdviser(ctx: Ctx, id: string, patch: AdviserPatch): Promise<AdviserDetail> {
  return inTx(ctx, async (ctx) => {
    const view = await getAdviser(ctx, id);
    if (!view.canManage) throw forbidden('ADVISERS.ADVISER_FORBIDDEN', '无权修改该法律顾问');
    const before = (await storedAdviser(ctx, id))!;
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const after = { ...before, ...defined } as AdviserInput & { status: AdviserStatus };
    const check = new ProblemCollector();
    const home = await checkAdviser(ctx, after, check, (f) => `/body/${f}`, id);
    check.throwIfAny('ADVISERS.ADVISER_INVALID');
    if (patch.homeUnitId !== undefined && !(await reachesUnit(ctx, MANAGE, home?.id ?? null)))
      throw forbidden('ADVISERS.ADVISER_FORBIDDEN', '无权把法律顾问登记到该单位');
    await writeAdviser(ctx, before, after);
    return getAdviser(ctx, id);
  });
}

export interface AssignmentInput {
  unitId: string;
  validFrom: string;
  validTo?: string | null | undefined;
  note?: string | null | undefined;
}

/**
 * 配备: assigns an adviser to a unit for a period. Refused, listing every problem: an unknown or disabled unit, an
 * end before the start, an adviser no longer on the roster, a 执业证 not valid on the first day served (or today, for
 * an assignment still running), and an overlap with the adviser's existing assignment to the same unit.
 */
export function addAssignment(ctx: Ctx, adviserId: string, input: AssignmentInput): Promise<AssignmentView> {
  return inTx(ctx, async (ctx) => {
    const adviser = await getAdviser(ctx, adviserId);
    const today = chinaDate(ctx.now);
    const check = new ProblemCollector();
    const unit = await unitOf(ctx, input.unitId);
    if (!unit || unit.status !== 'active') check.add('/body/unitId', '单位不存在或已停用');
    const to = input.validTo ?? null;
    if (to && to < input.validFrom) check.add('/body/validTo', '配备结束日期不能早于开始日期');
    if (adviser.status !== 'active') check.add('/params/id', '该法律顾问已解聘，不能配备');
    const mustBeValidOn = [input.validFrom, ...(to === null || to >= today ? [today] : [])].filter(
      (d) => d >= input.validFrom,
    );
    for (const d of [...new Set(mustBeValidOn)]) {
      if (adviser.licenceValidTo < d) {
        check.add(
          '/body/validFrom',
          `该法律顾问的执业证（${adviser.licenceNo}）已于${adviser.licenceValidTo}到期，不能配备`,
        );
        break;
      }
      if (adviser.licenceValidFrom > d) {
        check.add('/body/validFrom', `该法律顾问的执业证自${adviser.licenceValidFrom}起有效，${d}尚不能配备`);
        break;
      }
    }
    if (unit) {
      const [overlap] = await queryRows<{ id: string }>(
        ctx.db,
        sql`select id from adviser_assignments where tenant_id = ${ctx.actor.tenantId} and adviser_id = ${adviserId}
          and unit_id = ${unit.id} and valid_from <= ${to ?? '9999-12-31'} and (valid_to is null or valid_to >= ${input.validFrom})`,
      );
      if (overlap) check.add('/body/validFrom', `该法律顾问在此期间已配备到${unit.name}`);
    }
    check.throwIfAny('ADVISERS.ASSIGNMENT_INVALID');
    if (!(await reachesUnit(ctx, MANAGE, unit!.id)))
      throw forbidden('ADVISERS.ASSIGNMENT_FORBIDDEN', '无权为该单位配备法律顾问');
    const id = newId();
    await ctx.db.execute(sql`insert into adviser_assignments (tenant_id, id, adviser_id, unit_id, valid_from, valid_to,
        note, created_at, updated_at)
      values (${ctx.actor.tenantId}, ${id}, ${adviserId}, ${unit!.id}, ${input.validFrom}, ${to}, ${input.note ?? null},
        ${ctx.now}, ${ctx.now})`);
    await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: 'advisers.assignment.created',
      actor: logActorOf(ctx.actor),
      subject: { type: 'adviser-assignment', id },
      after: {
        adviserId,
        unitId: unit!.id,
        validFrom: input.validFrom,
        validTo: to,
        note: input.note ?? null,
      },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return (await getAdviser(ctx, adviserId)).assignments.find((a) => a.id === id)!;
  });
}

/** Ends an assignment on a date (inclusive): not before it started, and not later than an end already set. */
export function endAssignment(
  ctx: Ctx,
  id: string,
  input: { validTo: string; note?: string | null | undefined },
): Promise<AssignmentView> {
  return inTx(ctx, async (ctx) => {
    const [row] = await queryRows<{
      adviserId: string;
      unitId: string;
      validFrom: string;
      validTo: string | null;
    }>(
      ctx.db,
      sql`select adviser_id as "adviserId", unit_id as "unitId", valid_from::text as "validFrom",
          valid_to::text as "validTo"
        from adviser_assignments where tenant_id = ${ctx.actor.tenantId} and id = ${id}`,
    );
    // visible through the adviser (404 otherwise)
    const adviser = row ? await getAdviser(ctx, row.adviserId).catch(() => null) : null;
    if (!row || !adviser) throw notFound('ADVISERS.ASSIGNMENT_NOT_FOUND', '配备记录不存在或无权查看');
    if (!(await reachesUnit(ctx, MANAGE, row.unitId)))
      throw forbidden('ADVISERS.ASSIGNMENT_FORBIDDEN', '无权调整该单位的法律顾问配备');
    const check = new ProblemCollector();
    if (input.validTo < row.validFrom)
      check.add('/body/validTo', `结束日期不能早于配备开始日期（${row.validFrom}）`);
    if (row.validTo && input.validTo > row.validTo)
      check.add('/body/validTo', `该配备已于${row.validTo}结束，不能延后结束日期；请新增配备`);
    check.throwIfAny('ADVISERS.ASSIGNMENT_INVALID');
    await ctx.db.execute(sql`update adviser_assignments set valid_to = ${input.validTo},
        note = coalesce(${input.note ?? null}, note), updated_at = ${ctx.now}
      where tenant_id = ${ctx.actor.tenantId} and id = ${id}`);
    await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: 'advisers.assignment.ended',
      actor: logActorOf(ctx.actor),
      subject: { type: 'adviser-assignment', id },
      before: { validTo: row.validTo },
      after: { validTo: input.validTo, note: input.note ?? null },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return (await getAdviser(ctx, row.adviserId)).assignments.find((a) => a.id === id)!;
  });
}
