/**
 * Excel import of the roster (法律顾问名册) and of the work ledger (工作台账), in the layout `files.ts` exports, so an
 * exported file imports unchanged.
 *
 * Roster: an upsert keyed by 执业证号 (a new number adds an adviser, a known one the actor manages updates it, an identical
 * row changes nothing); a masked phone (`138****5678`, as exported to readers) keeps the stored one; 服务单位 is not
 * imported (assignments are made on the roster page). Work ledger: each row adds an item, except a row equal to a
 * recorded item (same adviser, unit, day, kind and title), which is `unchanged` — re-importing an export adds nothing.
 * Rows are checked with the single-record rules (the same functions), plus duplicates within the file; every problem
 * is reported with its row and column. `preview` stores nothing; `import` stores nothing when any row has a problem,
 * unless `validRowsOnly`. One transaction: the records, their log entries, and one entry for the file (its SHA-256).
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../kernel/db/index.ts';
import { DomainError, ProblemCollector } from '../../kernel/errors.ts';
import { type Ctx, inTx, logActorOf } from '../../platform/access/index.ts';
import { isIsoDate } from '../../platform/calendar/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { readSheet, type SheetProblem, type SheetRecord } from '../../platform/spreadsheet/index.ts';
import {
  ADVISER_KINDS,
  type AdviserKind,
  type AdviserStatus,
  LICENCE_NO,
  PHONE,
  REF_TYPES,
  type RefType,
  WORK_KINDS,
  type WorkKind,
} from './advisers.kinds.ts';
import { AdvisersPermissions as P } from './advisers.permissions.ts';
import { ROSTER_COLUMNS, WORK_COLUMNS } from './files.ts';
import {
  type AdviserInput,
  checkAdviser,
  insertAdviser,
  reachesUnit,
  storedAdviser,
  writeAdviser,
} from './roster.ts';
import { checkWorkItem, insertWorkItem, type WorkItemInput } from './work.ts';

export interface ImportInput {
  filename: string;
  contentBase64: string;
  mode: 'preview' | 'import';
  validRowsOnly?: boolean | undefined;
}

export interface ImportResult {
  mode: 'preview' | 'import';
  filename: string;
  sha256: string;
  totalRows: number;
  validRows: number;
  errorRows: number;
  created: number;
  updated: number;
  unchanged: number;
  imported: boolean;
  rows: { row: number; key: string; action: 'create' | 'update' | 'unchanged' | 'error' }[];
  problems: SheetProblem[];
}

type Row = SheetRecord;

const byLabel = <K extends string>(labels: Record<K, string>, text: string): K | undefined =>
  (Object.entries(labels) as [K, string][]).find(([k, l]) => l === text || k === text)?.[0];

/** Units by name (a name used by two units is ambiguous). */
async function unitsByName(ctx: Ctx): Promise<Map<string, string | null>> {
  const rows = await queryRows<{ id: string; name: string }>(
    ctx.db,
    sql`select id, name from units where tenant_id = ${ctx.actor.tenantId} and status = 'active'`,
  );
  const map = new Map<string, string | null>();
  for (const r of rows) map.set(r.name, map.has(r.name) ? null : r.id);
  return map;
}

function unitProblem(map: Map<string, string | null>, name: string): [string | undefined, string | null] {
  if (!map.has(name)) return [undefined, `找不到单位“${name}”`];
  const id = map.get(name);
  if (!id) return [undefined, `有多个单位名为“${name}”，请在系统中逐条登记`];
  return [id, null];
}

/** Problems of a collector (pointers are field names) as sheet problems of a row. */
const fromCollector = (row: number, check: ProblemCollector, columnOf: Record<string, string>) =>
  check.errors.map((e) => ({ row, column: columnOf[e.pointer] ?? '', reason: e.detail }));

async function runImport<T>(
  ctx: Ctx,
  req: ImportInput,
  what: { columns: readonly string[]; required: readonly string[]; code: string; logKind: string },
  parse: (
    ctx: Ctx,
    rows: Row[],
  ) => Promise<
    {
      row: number;
      key: string;
      action: 'create' | 'update' | 'unchanged' | 'error';
      problems: SheetProblem[];
      write?: () => Promise<void>;
      value?: T;
    }[]
  >,
): Promise<ImportResult> {
  const bytes = new Uint8Array(Buffer.from(req.contentBase64, 'base64'));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return inTx(ctx, async (ctx) => {
    const sheet = await readSheet(req.filename, bytes, what.columns, what.required);
    const parsed = await parse(ctx, sheet.rows);
    const problems = [...sheet.problems, ...parsed.flatMap((p) => p.problems)];
    const rows = parsed.map((p) => ({ row: p.row, key: p.key, action: p.action }));
    const count = (a: string) => rows.filter((r) => r.action === a).length;
    const result: ImportResult = {
      mode: req.mode,
      filename: req.filename,
      sha256,
      totalRows: rows.length,
      validRows: rows.length - count('error'),
      errorRows: count('error'),
      created: count('create'),
      updated: count('update'),
      unchanged: count('unchanged'),
      imported: false,
      rows,
      problems,
    };
    if (req.mode === 'preview') return result;
    if (problems.length > 0 && (!req.validRowsOnly || sheet.problems.length > 0))
      throw new DomainError(
        what.code,
        'invalid',
        `文件中有${result.errorRows || problems.length}行存在问题，未导入任何数据；请修改后重新导入，或选择只导入无误的行`,
        problems.map((p) => ({
          pointer: p.row ? `/file/rows/${p.row}/${p.column}` : '/file',
          detail: p.row ? `第${p.row}行${p.column ? `“${p.column}”` : ''}：${p.reason}` : p.reason,
        })),
      );
    for (const p of parsed) if (p.write) await p.write();
    await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: what.logKind,
      actor: logActorOf(ctx.actor),
      subject: { type: 'file', id: sha256 },
      data: {
        filename: req.filename,
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        skipped: result.errorRows,
      },
      attachments: { [req.filename]: sha256 },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return { ...result, imported: true };
  });
}

const ROSTER_REQUIRED = [
  '姓名',
  '顾问类别',
  '律师事务所或单位',
  '执业证号',
  '执业证有效期起',
  '执业证有效期止',
];
const ROSTER_FIELD_COLUMN: Record<string, string> = {
  name: '姓名',
  kind: '顾问类别',
  organisation: '律师事务所或单位',
  homeUnitId: '所在单位',
  licenceNo: '执业证号',
  licenceValidFrom: '执业证有效期起',
  licenceValidTo: '执业证有效期止',
  phone: '联系电话',
  expertise: '专业领域',
  status: '状态',
};

/** Imports (or previews) the roster from .xlsx. */
export function importRoster(ctx: Ctx, req: ImportInput): Promise<ImportResult> {
  return runImport(
    ctx,
    req,
    {
      columns: ROSTER_COLUMNS,
      required: ROSTER_REQUIRED,
      code: 'ADVISERS.IMPORT_INVALID',
      logKind: 'advisers.roster.imported',
    },
    async (ctx, rows) => {
      const units = await unitsByName(ctx);
      const seen = new Set<string>();
      const out = [];
      for (const r of rows) {
        const c = r.cells;
        const problems: SheetProblem[] = [];
        const bad = (column: string, reason: string) => problems.push({ row: r.row, column, reason });
        const kind = byLabel(ADVISER_KINDS, c.顾问类别!);
        if (!kind) bad('顾问类别', '应为 政府法律顾问、公职律师 或 单位法律顾问');
        for (const col of ['姓名', '律师事务所或单位', '执业证号', '执业证有效期起', '执业证有效期止'])
          if (!c[col]) bad(col, '不能为空');
        if (c.执业证号 && !LICENCE_NO.test(c.执业证号)) bad('执业证号', '应为6至32位数字、字母或汉字');
        for (const col of ['执业证有效期起', '执业证有效期止'])
          if (c[col] && !isIsoDate(c[col])) bad(col, '日期格式应为 YYYY-MM-DD');
        if (c.执业证号 && seen.has(c.执业证号)) bad('执业证号', '文件中执业证号重复');
        seen.add(c.执业证号!);
        let homeUnitId: string | null = null;
        if (c.所在单位) {
          const [id, why] = unitProblem(units, c.所在单位);
          if (why) bad('所在单位', why);
          homeUnitId = id ?? null;
        }
        const status: AdviserStatus | undefined = !c.状态
          ? 'active'
          : c.状态 === '在册'
            ? 'active'
            : c.状态 === '已解聘'
              ? 'inactive'
              : undefined;
        if (!status) bad('状态', '应为 在册 或 已解聘');
        const current = c.执业证号
          ? (
              await queryRows<{ id: string }>(
                ctx.db,
                sql`select id from advisers where tenant_id = ${ctx.actor.tenantId} and licence_no = ${c.执业证号}`,
              )
            )[0]
          : undefined;
        const before = current ? await storedAdviser(ctx, current.id) : null;
        const masked = (c.联系电话 ?? '').includes('*');
        const phone = masked ? (before?.phone ?? null) : c.联系电话 || null;
        if (phone && !masked && !PHONE.test(phone)) bad('联系电话', '应为手机号码或带区号的固定电话');
        if (problems.length === 0) {
          const input: AdviserInput = {
            name: c.姓名!,
            kind: kind as AdviserKind,
            organisation: c.律师事务所或单位!,
            homeUnitId,
            licenceNo: c.执业证号!,
            licenceValidFrom: c.执业证有效期起!,
            licenceValidTo: c.执业证有效期止!,
            phone,
            expertise: c.专业领域 || null,
          };
          const check = new ProblemCollector();
          await checkAdviser(ctx, input, check, (f) => f, before?.id);
          problems.push(...fromCollector(r.row, check, ROSTER_FIELD_COLUMN));
          const manage = P['advisers.roster.manage'];
          if (
            problems.length === 0 &&
            !(await reachesUnit(ctx, manage, before ? (before.homeUnitId ?? null) : homeUnitId))
          )
            bad('所在单位', '无权在该单位登记或修改法律顾问');
          if (problems.length === 0) {
            const after = { ...input, status: status! };
            const changed =
              !before ||
              (Object.keys(after) as (keyof typeof after)[]).some(
                (k) => (before[k] ?? null) !== (after[k] ?? null),
              );
            out.push({
              row: r.row,
              key: c.执业证号!,
              action: !before ? ('create' as const) : changed ? ('update' as const) : ('unchanged' as const),
              problems,
              write: !before
                ? async () => {
                    const id = await insertAdviser(ctx, input);
                    if (status === 'inactive')
                      await writeAdviser(ctx, { ...input, id, status: 'active' }, after);
                  }
                : changed
                  ? () => writeAdviser(ctx, before, after)
                  : undefined,
            });
            continue;
          }
        }
        out.push({ row: r.row, key: c.执业证号 ?? '', action: 'error' as const, problems });
      }
      return out;
    },
  );
}

const WORK_REQUIRED = ['办理日期', '法律顾问', '服务单位', '工作类别', '事项名称'];
const WORK_FIELD_COLUMN: Record<string, string> = {
  adviserId: '法律顾问',
  unitId: '服务单位',
  kind: '工作类别',
  doneOn: '办理日期',
  title: '事项名称',
  hours: '工时（小时）',
  outcome: '办理结果',
  refType: '关联记录类型',
  refId: '关联记录编号',
};

/** Imports (or previews) work items from .xlsx; the adviser by 执业证号 when given, else by name. */
export function importWorkItems(ctx: Ctx, req: ImportInput): Promise<ImportResult> {
  return runImport(
    ctx,
    req,
    {
      columns: WORK_COLUMNS,
      required: WORK_REQUIRED,
      code: 'ADVISERS.IMPORT_INVALID',
      logKind: 'advisers.work.imported',
    },
    async (ctx, rows) => {
      const units = await unitsByName(ctx);
      const people = await queryRows<{ id: string; name: string; licenceNo: string }>(
        ctx.db,
        sql`select id, name, licence_no as "licenceNo" from advisers where tenant_id = ${ctx.actor.tenantId}`,
      );
      const inFile = new Set<string>();
      const out = [];
      for (const r of rows) {
        const c = r.cells;
        const problems: SheetProblem[] = [];
        const bad = (column: string, reason: string) => problems.push({ row: r.row, column, reason });
        for (const col of WORK_REQUIRED) if (!c[col]) bad(col, '不能为空');
        if (c.办理日期 && !isIsoDate(c.办理日期)) bad('办理日期', '日期格式应为 YYYY-MM-DD');
        const kind = byLabel(WORK_KINDS, c.工作类别!);
        if (c.工作类别 && !kind)
          bad('工作类别', '应为 决策审查、合同审查、诉讼代理、文件起草、法律咨询 或 其他');
        const refType = c.关联记录类型 ? byLabel(REF_TYPES, c.关联记录类型) : undefined;
        if (c.关联记录类型 && !refType) bad('关联记录类型', '应为 合法性审查、重大行政决策、案件 或 其他');
        const hours = c['工时（小时）'] ? Number(c['工时（小时）']) : null;
        if (hours !== null && (!Number.isFinite(hours) || hours < 0 || hours > 1000))
          bad('工时（小时）', '应为0至1000之间的数字');
        const matches = c.执业证号
          ? people.filter((p) => p.licenceNo === c.执业证号)
          : people.filter((p) => p.name === c.法律顾问);
        if (c.法律顾问 && matches.length === 0) bad('法律顾问', `名册中没有“${c.执业证号 || c.法律顾问}”`);
        if (matches.length > 1) bad('法律顾问', `名册中有多名“${c.法律顾问}”，请填写“执业证号”列`);
        const [unitId, why] = c.服务单位 ? unitProblem(units, c.服务单位) : [undefined, null];
        if (why) bad('服务单位', why);
        const key = `${c.办理日期} ${c.法律顾问} ${c.事项名称}`;
        if (problems.length === 0) {
          const input: WorkItemInput = {
            adviserId: matches[0]!.id,
            unitId: unitId!,
            kind: kind as WorkKind,
            doneOn: c.办理日期!,
            title: c.事项名称!,
            hours,
            outcome: c.办理结果 || null,
            refType: (refType as RefType | undefined) ?? null,
            refId: c.关联记录编号 || null,
          };
          const check = new ProblemCollector();
          await checkWorkItem(ctx, input, check, (f) => f);
          problems.push(...fromCollector(r.row, check, WORK_FIELD_COLUMN));
          if (problems.length === 0 && !(await reachesUnit(ctx, P['advisers.work.record'], input.unitId)))
            bad('服务单位', '只能登记本单位（及下级单位）法律顾问的工作事项');
          const identity = `${input.adviserId}|${input.unitId}|${input.doneOn}|${input.kind}|${input.title}`;
          if (problems.length === 0 && inFile.has(identity)) bad('事项名称', '与文件中前面的行重复');
          inFile.add(identity);
          if (problems.length === 0) {
            const [existing] = await queryRows<{ id: string }>(
              ctx.db,
              sql`select id from adviser_work_items where tenant_id = ${ctx.actor.tenantId} and status = 'recorded'
                and adviser_id = ${input.adviserId} and unit_id = ${input.unitId} and done_on = ${input.doneOn}
                and kind = ${input.kind} and title = ${input.title} limit 1`,
            );
            out.push({
              row: r.row,
              key,
              action: existing ? ('unchanged' as const) : ('create' as const),
              problems,
              write: existing ? undefined : async () => void (await insertWorkItem(ctx, input)),
            });
            continue;
          }
        }
        out.push({ row: r.row, key, action: 'error' as const, problems });
      }
      return out;
    },
  );
}
