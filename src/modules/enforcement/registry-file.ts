/**
 * Spreadsheet import and export of the matter catalogue (执法事项清单) and the officer roster (执法人员名册).
 *
 * Import is an upsert keyed by 事项编码 / 执法证号: a row with a new key creates a record, a row with a known key
 * (that the actor manages) updates it, an identical row changes nothing. Every row is checked with the same rules
 * as the single-record commands, plus duplicates within the file; every problem is reported with its row and
 * column. `preview` stores nothing; `import` stores nothing when there is any problem, unless `validRowsOnly`,
 * which stores the good rows and skips the bad ones. The import is one transaction with its log entries: one per
 * record changed and one for the file (its SHA-256 as an attachment, and the counts).
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, inTx, logActorOf } from '../../platform/access/index.ts';
import { isIsoDate } from '../../platform/calendar/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import {
  readSheet,
  type SheetProblem,
  type SheetRecord as SheetRow,
  writeSheet,
} from '../../platform/spreadsheet/index.ts';
import { CREDENTIAL_CATEGORIES, OFFICER_STATUS_LABELS, type OfficerStatus } from './credentials.ts';
import { CIRCUMSTANCES, type DiscretionBand, type LegalBasisItem, MATTER_TYPES } from './discretion.ts';
import {
  allMatters,
  allOfficers,
  type BodyRef,
  checkMatter,
  checkOfficer,
  insertMatter,
  insertOfficer,
  loadBodyRefs,
  loadMatterKeys,
  loadOfficerKeys,
  loadUserRefs,
  type MatterInput,
  type MatterView,
  matterChanged,
  type OfficerInput,
  type OfficerView,
  officerChanged,
  writeMatter,
  writeOfficer,
} from './registry.ts';

export type RegistryKind = 'matters' | 'officers';

/** 执法事项清单 columns. Bands: `下限-上限；情形描述[；其他处罚：警告、没收违法所得]`, or `无罚款；情形描述`. */
export const MATTER_COLUMNS = [
  '事项编码',
  '事项名称',
  '事项类型',
  '执法主体',
  '法律依据',
  '罚款下限（元）',
  '罚款上限（元）',
  '其他处罚',
  ...CIRCUMSTANCES,
  '状态',
] as const;
const MATTER_REQUIRED = ['事项编码', '事项名称', '事项类型', '执法主体', '法律依据'];

/** 执法人员名册 columns. */
export const OFFICER_COLUMNS = [
  '姓名',
  '用户名',
  '执法证号',
  '证件类别',
  '执法主体',
  '执法领域',
  '有效期起',
  '有效期止',
  '发证机关',
  '状态',
] as const;
const OFFICER_REQUIRED = ['用户名', '执法证号', '证件类别', '执法主体', '有效期起', '有效期止', '发证机关'];

export interface ImportInput {
  filename: string;
  contentBase64: string;
  mode: 'preview' | 'import';
  validRowsOnly?: boolean | undefined;
}

export interface ImportResult {
  registry: RegistryKind;
  mode: 'preview' | 'import';
  filename: string;
  sha256: string;
  totalRows: number;
  validRows: number;
  errorRows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Whether anything was stored. */
  imported: boolean;
  logEntryId: string | null;
  rows: { row: number; key: string; action: 'create' | 'update' | 'unchanged' | 'error' }[];
  problems: SheetProblem[];
}

const list = (s: string) =>
  s
    .split(/[、，,；;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
const splitParts = (s: string) => s.split(/[；;]/).map((x) => x.trim());

// ---------------------------------------------------------------- cells ⇄ values

function parseMoney(s: string, add: (reason: string) => void): number | null {
  if (!s) return null;
  const n = Number(s.replace(/[,，元\s]/g, ''));
  if (!Number.isFinite(n)) {
    add(`“${s}”不是有效的金额`);
    return null;
  }
  return n;
}

function parseBasis(s: string, add: (reason: string) => void): LegalBasisItem[] {
  const out: LegalBasisItem[] = [];
  for (const part of s
    .split(/[；;\n]/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const m = /^(《[^》]+》)\s*(.+)$/.exec(part);
    if (!m) add(`“${part}”格式应为《法律名称》第X条`);
    else out.push({ law: m[1]!, article: m[2]!.trim() });
  }
  return out;
}
const basisText = (b: LegalBasisItem[]) => b.map((x) => `${x.law}${x.article}`).join('；');

function parseBand(
  circumstance: DiscretionBand['circumstance'],
  s: string,
  add: (r: string) => void,
): DiscretionBand | null {
  const parts = splitParts(s);
  if (parts.length < 2 || !parts[1]) {
    add('格式应为：下限-上限；情形描述[；其他处罚：…]（无罚款时写“无罚款”）');
    return null;
  }
  const fine = parts[0]!;
  let fineMin: number | null = null;
  let fineMax: number | null = null;
  if (fine !== '无罚款' && fine !== '') {
    const m = /^([\d.,，]+)\s*(?:-|－|~|～|至|—)\s*([\d.,，]+)$/.exec(fine.replace(/元/g, ''));
    if (!m) {
      add(`罚款幅度“${fine}”格式应为“下限-上限”（元），如 1000-5000`);
      return null;
    }
    fineMin = Number(m[1]!.replace(/[,，]/g, ''));
    fineMax = Number(m[2]!.replace(/[,，]/g, ''));
  }
  let rest = parts.slice(1);
  let otherPenalties: string[] = [];
  const last = rest[rest.length - 1]!;
  if (rest.length > 1 && /^其他处罚[:：]/.test(last)) {
    otherPenalties = list(last.replace(/^其他处罚[:：]/, ''));
    rest = rest.slice(0, -1);
  }
  return { circumstance, description: rest.join('；'), fineMin, fineMax, otherPenalties };
}

const money = (n: number | null) => (n === null ? '' : String(n));
function bandText(b: DiscretionBand): string {
  const fine = b.fineMin === null || b.fineMax === null ? '无罚款' : `${b.fineMin}-${b.fineMax}`;
  return [
    fine,
    b.description,
    ...(b.otherPenalties.length ? [`其他处罚：${b.otherPenalties.join('、')}`] : []),
  ].join('；');
}

const STATUS_TEXT: Record<string, string> = { active: '有效', inactive: '停用' };
const fromStatusText = (s: string, map: Record<string, string>) =>
  Object.entries(map).find(([, v]) => v === s)?.[0];

export function matterRow(m: MatterView): Record<string, string> {
  const row: Record<string, string> = {
    事项编码: m.code,
    事项名称: m.name,
    事项类型: m.type,
    执法主体: m.bodyName,
    法律依据: basisText(m.legalBasis),
    '罚款下限（元）': money(m.fineMin),
    '罚款上限（元）': money(m.fineMax),
    其他处罚: m.otherPenalties.join('、'),
    状态: STATUS_TEXT[m.status] ?? m.status,
  };
  for (const c of CIRCUMSTANCES) {
    const b = m.discretion.find((x) => x.circumstance === c);
    row[c] = b ? bandText(b) : '';
  }
  return row;
}

export function officerRow(o: OfficerView): Record<string, string> {
  return {
    姓名: o.name,
    用户名: o.username,
    执法证号: o.credentialNo,
    证件类别: o.category,
    执法主体: o.bodyName,
    执法领域: o.domains.join('、'),
    有效期起: o.validFrom,
    有效期止: o.validTo,
    发证机关: o.issuingAuthority,
    状态: OFFICER_STATUS_LABELS[o.status as OfficerStatus] ?? o.status,
  };
}

/** The actor's readable matter catalogue or officer roster as .xlsx, in the import layout. */
export async function exportRegistry(ctx: Ctx, kind: RegistryKind): Promise<Buffer> {
  if (kind === 'matters')
    return writeSheet('执法事项', MATTER_COLUMNS, (await allMatters(ctx)).map(matterRow));
  return writeSheet('执法人员', OFFICER_COLUMNS, (await allOfficers(ctx)).map(officerRow));
}

// ---------------------------------------------------------------- rows → records

interface Parsed<T> {
  row: number;
  key: string;
  input: T | null;
  /** The existing record this row updates. */
  current: (T extends MatterInput ? MatterView : OfficerView) | null;
  problems: SheetProblem[];
}

function bodyByName(bodies: BodyRef[], name: string) {
  return bodies.find((b) => b.name === name && b.canRead);
}

function matterRows(
  rows: SheetRow[],
  bodies: BodyRef[],
  existing: MatterView[],
  keys: Awaited<ReturnType<typeof loadMatterKeys>>,
) {
  const firstRow = new Map<string, number>();
  return rows.map((r): Parsed<MatterInput> => {
    const c = r.cells;
    const problems: SheetProblem[] = [];
    const at = (column: string) => (reason: string) => problems.push({ row: r.row, column, reason });
    for (const col of MATTER_REQUIRED) if (!c[col]) at(col)('不能为空');
    const type = c.事项类型 as MatterInput['type'];
    if (c.事项类型 && !(MATTER_TYPES as readonly string[]).includes(type))
      at('事项类型')(`须为：${MATTER_TYPES.join('、')}`);
    const body = c.执法主体 ? bodyByName(bodies, c.执法主体) : undefined;
    if (c.执法主体 && !body) at('执法主体')(`执法主体“${c.执法主体}”不存在或无权查看`);
    const status = c.状态 ? fromStatusText(c.状态, STATUS_TEXT) : 'active';
    if (!status) at('状态')('须为：有效、停用');
    const discretion: DiscretionBand[] = [];
    for (const circ of CIRCUMSTANCES)
      if (c[circ]) {
        const b = parseBand(circ, c[circ]!, at(circ));
        if (b) discretion.push(b);
      }
    const input: MatterInput = {
      code: c.事项编码!,
      name: c.事项名称!,
      type,
      bodyId: body?.id ?? '',
      legalBasis: c.法律依据 ? parseBasis(c.法律依据, at('法律依据')) : [],
      fineMin: parseMoney(c['罚款下限（元）']!, at('罚款下限（元）')),
      fineMax: parseMoney(c['罚款上限（元）']!, at('罚款上限（元）')),
      otherPenalties: list(c.其他处罚!),
      discretion,
      status: (status ?? 'active') as 'active',
    };
    if (input.code) {
      const first = firstRow.get(input.code);
      if (first) at('事项编码')(`与第${first}行的事项编码重复`);
      else firstRow.set(input.code, r.row);
    }
    const known = keys.find((k) => k.code === input.code);
    const current = known ? (existing.find((m) => m.id === known.id) ?? null) : null;
    if (known && current && !current.canManage) at('事项编码')('该事项属于无权管理的执法主体，不能修改');
    const columnOf = (field: string) => {
      const [head, i] = field.split('/');
      if (head === 'discretion') return i !== undefined ? discretion[Number(i)]!.circumstance : '一般';
      return (
        (
          {
            code: '事项编码',
            name: '事项名称',
            type: '事项类型',
            bodyId: '执法主体',
            legalBasis: '法律依据',
            fineMin: '罚款下限（元）',
            fineMax: '罚款上限（元）',
            otherPenalties: '其他处罚',
          } as Record<string, string>
        )[head!] ?? ''
      );
    };
    const seenCols = new Set(problems.map((p) => p.column));
    const { forbidden } = checkMatter(
      input,
      current?.id ?? null,
      { bodies, matters: keys },
      (field, detail) => {
        const column = columnOf(field);
        // A column already reported while reading the cell (empty, unknown name, bad format) is not reported twice.
        if (
          seenCols.has(column) &&
          (field === 'bodyId' || field === 'legalBasis' || field === 'code' || field === 'name')
        )
          return;
        problems.push({ row: r.row, column, reason: detail });
      },
    );
    if (forbidden && body) at('执法主体')(`无权管理执法主体“${body.name}”的事项`);
    return { row: r.row, key: input.code, input: problems.length ? null : input, current, problems };
  });
}

function officerRows(
  rows: SheetRow[],
  bodies: BodyRef[],
  existing: OfficerView[],
  keys: Awaited<ReturnType<typeof loadOfficerKeys>>,
  userRefs: Awaited<ReturnType<typeof loadUserRefs>>,
) {
  const firstNo = new Map<string, number>();
  const firstPerson = new Map<string, number>();
  return rows.map((r): Parsed<OfficerInput> => {
    const c = r.cells;
    const problems: SheetProblem[] = [];
    const at = (column: string) => (reason: string) => problems.push({ row: r.row, column, reason });
    for (const col of OFFICER_REQUIRED) if (!c[col]) at(col)('不能为空');
    const user = c.用户名 ? userRefs.find((u) => u.username === c.用户名) : undefined;
    if (c.用户名 && !user) at('用户名')(`用户“${c.用户名}”不存在`);
    if (user && c.姓名 && c.姓名 !== user.displayName)
      at('姓名')(`姓名“${c.姓名}”与用户“${user.username}”的姓名“${user.displayName}”不一致`);
    const category = c.证件类别 as OfficerInput['category'];
    if (c.证件类别 && !(CREDENTIAL_CATEGORIES as readonly string[]).includes(category))
      at('证件类别')(`须为：${CREDENTIAL_CATEGORIES.join('、')}`);
    const body = c.执法主体 ? bodyByName(bodies, c.执法主体) : undefined;
    if (c.执法主体 && !body) at('执法主体')(`执法主体“${c.执法主体}”不存在或无权查看`);
    const status = c.状态 ? fromStatusText(c.状态, OFFICER_STATUS_LABELS) : 'active';
    if (!status) at('状态')('须为：有效、暂扣、注销');
    for (const col of ['有效期起', '有效期止'])
      if (c[col] && !isIsoDate(c[col]!)) at(col)(`“${c[col]}”不是有效日期，格式为YYYY-MM-DD`);
    const input: OfficerInput = {
      userId: user?.id ?? '',
      bodyId: body?.id ?? '',
      credentialNo: c.执法证号!,
      category,
      domains: list(c.执法领域!),
      validFrom: c.有效期起!,
      validTo: c.有效期止!,
      issuingAuthority: c.发证机关!,
      status: (status ?? 'active') as 'active',
    };
    if (input.credentialNo) {
      const first = firstNo.get(input.credentialNo);
      if (first) at('执法证号')(`与第${first}行的执法证号重复`);
      else firstNo.set(input.credentialNo, r.row);
    }
    if (user && category) {
      const k = `${user.id}/${category}`;
      const first = firstPerson.get(k);
      if (first) at('证件类别')(`与第${first}行是同一人员的同类证件`);
      else firstPerson.set(k, r.row);
    }
    const known = keys.find((k) => k.credentialNo === input.credentialNo);
    const current = known ? (existing.find((o) => o.id === known.id) ?? null) : null;
    if (known && current) {
      if (!current.canManage) at('执法证号')('该执法证号属于无权管理的执法主体，不能修改');
      if (user && known.userId !== user.id) at('执法证号')('该执法证号已登记给其他人员');
    }
    const columnOf = (field: string) =>
      (
        ({
          userId: '用户名',
          bodyId: '执法主体',
          credentialNo: '执法证号',
          category: '证件类别',
          domains: '执法领域',
          validFrom: '有效期起',
          validTo: '有效期止',
        }) as Record<string, string>
      )[field.split('/')[0]!] ?? '';
    const seenCols = new Set(problems.map((p) => p.column));
    const { forbidden } = checkOfficer(
      input,
      current?.id ?? null,
      { bodies, officers: keys, user },
      (field, detail) => {
        const column = columnOf(field);
        if (
          seenCols.has(column) &&
          ['userId', 'bodyId', 'credentialNo', 'validFrom', 'validTo'].includes(field)
        )
          return;
        problems.push({ row: r.row, column, reason: detail });
      },
    );
    if (forbidden && body) at('执法主体')(`无权管理执法主体“${body.name}”的执法人员`);
    return { row: r.row, key: input.credentialNo, input: problems.length ? null : input, current, problems };
  });
}

// ---------------------------------------------------------------- the import

/** Previews or imports a matter catalogue or officer roster spreadsheet. */
export async function importRegistry(
  ctx: Ctx,
  registry: RegistryKind,
  req: ImportInput,
): Promise<ImportResult> {
  const bytes = new Uint8Array(Buffer.from(req.contentBase64, 'base64'));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const run = async (ctx: Ctx): Promise<ImportResult> => {
    const columns = registry === 'matters' ? MATTER_COLUMNS : OFFICER_COLUMNS;
    const sheet = await readSheet(
      req.filename,
      bytes,
      columns,
      registry === 'matters' ? MATTER_REQUIRED : OFFICER_REQUIRED,
    );
    const bodies = await loadBodyRefs(ctx);
    let parsed: Parsed<MatterInput>[] | Parsed<OfficerInput>[];
    if (registry === 'matters') {
      // One after another: an import runs in a transaction, which is one connection.
      const existing = await allMatters(ctx);
      const keys = await loadMatterKeys(ctx);
      parsed = matterRows(sheet.rows, bodies, existing, keys);
    } else {
      const usernames = [...new Set(sheet.rows.map((r) => r.cells.用户名!).filter(Boolean))];
      const existing = await allOfficers(ctx);
      const keys = await loadOfficerKeys(ctx);
      const userRefs = await loadUserRefs(ctx, { usernames });
      parsed = officerRows(sheet.rows, bodies, existing, keys, userRefs);
    }
    const problems = [...sheet.problems, ...parsed.flatMap((p) => p.problems)];
    const rows = parsed.map((p) => {
      let action: ImportResult['rows'][number]['action'] = 'error';
      if (p.input) {
        if (!p.current) action = 'create';
        else
          action = (
            registry === 'matters'
              ? matterChanged(p.current as MatterView, p.input as MatterInput)
              : officerChanged(p.current as OfficerView, p.input as OfficerInput)
          )
            ? 'update'
            : 'unchanged';
      }
      return { row: p.row, key: p.key, action };
    });
    const count = (a: string) => rows.filter((r) => r.action === a).length;
    const result: ImportResult = {
      registry,
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
      logEntryId: null,
      rows,
      problems,
    };
    if (req.mode === 'preview') return result;
    if (problems.length > 0 && (!req.validRowsOnly || sheet.problems.length > 0))
      throw new DomainError(
        'ENFORCEMENT.IMPORT_INVALID',
        'invalid',
        `文件中有${result.errorRows || problems.length}行存在问题，未导入任何数据；请修改后重新导入，或选择只导入无误的行`,
        problems.map((p) => ({
          pointer: p.row ? `/file/rows/${p.row}/${p.column}` : '/file',
          detail: p.row ? `第${p.row}行${p.column ? `“${p.column}”` : ''}：${p.reason}` : p.reason,
        })),
      );
    const data = { via: 'import', sha256 };
    for (const p of parsed) {
      if (!p.input) continue;
      if (registry === 'matters') {
        const q = p as Parsed<MatterInput>;
        if (!q.current) await insertMatter(ctx, q.input!, data);
        else await writeMatter(ctx, q.current as MatterView, q.input!, data);
      } else {
        const q = p as Parsed<OfficerInput>;
        if (!q.current) await insertOfficer(ctx, q.input!, data);
        else await writeOfficer(ctx, q.current as OfficerView, q.input!, data);
      }
    }
    const logEntryId = await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: 'enforcement.registry.imported',
      actor: logActorOf(ctx.actor),
      subject: { type: 'enforcement-import', id: newId() },
      data: {
        registry,
        totalRows: result.totalRows,
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        skippedRows: result.errorRows,
        validRowsOnly: !!req.validRowsOnly,
      },
      attachments: { [registry === 'matters' ? 'matters.xlsx' : 'officers.xlsx']: sha256 },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return { ...result, imported: true, logEntryId };
  };
  return req.mode === 'preview' ? run(ctx) : inTx(ctx, run);
}
