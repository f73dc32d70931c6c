/**
 * Spreadsheet import and export of the 市场主体名录库, streaming both ways (`platform/spreadsheet`'s
 * `readFirstSheetRows` in, exceljs's WorkbookWriter out): rows are read, checked and written in batches, never
 * held all at once, so memory stays flat in the file size (apart from the credit codes seen, for duplicates
 * within the file, and the problems reported).
 *
 * Import creates entities in ONE pass: every row is checked (required columns, GB 32100 check character, type,
 * status, town by name, duplicates within the file and against the directory); every problem is reported with
 * its row and column. `preview` stores nothing; `import` commits nothing when there is any problem, unless
 * `validRowsOnly`, which stores the good rows and skips the bad ones. The import is one transaction: the good
 * rows inserted a batch at a time as they are read (rolled back if the file turns out to have a problem), and
 * one log entry for the file (its SHA-256 as an attachment, and the counts).
 */
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../kernel/db/index.ts';
import { DomainError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, inTx, logActorOf } from '../../platform/access/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import {
  detached,
  normalizeName,
  readFirstSheetRows,
  XlsxReadError,
} from '../../platform/spreadsheet/index.ts';
import {
  allEntities,
  ENTITY_STATUSES,
  type EntityFilter,
  type EntityInput,
  type EntityStatus,
  type EntityView,
  entityFieldProblems,
  existingCodes,
  loadTowns,
  type TownRef,
  textArray,
} from './directory.ts';

/** 市场主体名录库 columns, in the order the export writes them. */
export const ENTITY_COLUMNS = [
  '统一社会信用代码',
  '名称',
  '类型',
  '行业',
  '住所',
  '所属镇街',
  '法定代表人',
  '状态',
] as const;
type Column = (typeof ENTITY_COLUMNS)[number];
const REQUIRED: Column[] = ['统一社会信用代码', '名称', '类型', '行业', '住所', '所属镇街', '法定代表人'];
const FIELD_COLUMN: Record<keyof EntityInput, Column> = {
  uscc: '统一社会信用代码',
  name: '名称',
  entityType: '类型',
  industry: '行业',
  address: '住所',
  townId: '所属镇街',
  legalRepresentative: '法定代表人',
  status: '状态',
};
/** Rows a statement: one `insert … select from unnest(…)` (or one directory check) per batch. */
const BATCH = 5000;

export interface EntityImportInput {
  filename: string;
  contentBase64: string;
  mode: 'preview' | 'import';
  validRowsOnly?: boolean | undefined;
}

export interface SheetProblem {
  /** Spreadsheet row (1-based); 0 for the file itself. */
  row: number;
  /** Column name, or '' for the file or the whole row. */
  column: string;
  reason: string;
}

export interface EntityImportResult {
  mode: 'preview' | 'import';
  filename: string;
  sha256: string;
  totalRows: number;
  validRows: number;
  errorRows: number;
  created: number;
  imported: boolean;
  logEntryId: string | null;
  problems: SheetProblem[];
}

type Cells = Record<Column, string>;

/**
 * Streams the first sheet's rows to `onRow`, each non-empty data row after the header. Returns the header's
 * problems (a required column missing) or a file-level problem (not a workbook, unreadable, no data); an error
 * thrown by `onRow` is rethrown, never taken for a broken file.
 */
async function streamRows(
  bytes: Buffer,
  onRow: (row: number, cells: Cells) => Promise<void> | void,
): Promise<SheetProblem[]> {
  const fail = (reason: string) => [{ row: 0, column: '', reason }];
  if (bytes.length === 0) return fail('文件为空');
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04))
    return fail('文件不是有效的 Excel 工作簿（.xlsx）；旧版 .xls 文件请另存为 .xlsx 后上传');
  let index: Map<Column, number> | null = null;
  let dataRows = 0;
  let inCallback = false; // an error of `onRow` (the database) is not a broken file
  try {
    for await (const row of readFirstSheetRows(bytes)) {
      const cells = row.cells;
      if (!cells.some((c) => c)) continue;
      if (!index) {
        index = new Map();
        cells.forEach((h, i) => {
          const name = ENTITY_COLUMNS.find((c) => normalizeName(c) === normalizeName(h));
          if (name && !index!.has(name)) index!.set(name, i);
        });
        const missing = REQUIRED.filter((c) => !index!.has(c));
        if (missing.length > 0)
          return missing.map((c) => ({
            row: row.number,
            column: c,
            reason: `表头缺少“${c}”列；表头应为：${ENTITY_COLUMNS.join('、')}`,
          }));
        continue;
      }
      const out = {} as Cells;
      for (const c of ENTITY_COLUMNS) out[c] = index.has(c) ? (cells[index.get(c)!] ?? '') : '';
      dataRows += 1;
      inCallback = true;
      await onRow(row.number, out);
      inCallback = false;
    }
  } catch (e) {
    if (inCallback || e instanceof DomainError) throw e;
    if (e instanceof XlsxReadError && e.reason === 'no-sheet') return fail('Excel 文件中没有工作表');
    return fail('无法读取 Excel 文件，文件可能已损坏');
  }
  if (!index) return fail('文件中没有任何内容');
  if (dataRows === 0) return fail('文件中没有数据行');
  return [];
}

const statusOf = (text: string): EntityStatus | undefined =>
  text
    ? (Object.entries(ENTITY_STATUSES).find(([, v]) => v === text)?.[0] as EntityStatus | undefined)
    : 'active';

/** One row's values and the problems that need no database. */
function parseRow(row: number, c: Cells, towns: Map<string, TownRef>, townList: TownRef[]) {
  const problems: SheetProblem[] = [];
  const town = c.所属镇街 ? towns.get(normalizeName(c.所属镇街)) : undefined;
  const status = statusOf(c.状态);
  const input: EntityInput = {
    uscc: c.统一社会信用代码.toUpperCase(),
    name: c.名称,
    entityType: c.类型 as EntityInput['entityType'],
    industry: c.行业,
    address: c.住所,
    townId: town?.id ?? '',
    legalRepresentative: c.法定代表人,
    status: status ?? 'active',
  };
  const reported = new Set<string>();
  const add = (column: Column, reason: string) => {
    if (reported.has(column)) return;
    reported.add(column);
    problems.push({ row, column, reason });
  };
  if (c.所属镇街 && !town) add('所属镇街', detached(`镇街“${c.所属镇街}”不存在（须为本区的镇或街道名称）`));
  if (!status) add('状态', `须为：${Object.values(ENTITY_STATUSES).join('、')}`);
  entityFieldProblems(input, townList, (field, detail) => add(FIELD_COLUMN[field], detail));
  return { input, problems };
}

/** A row that passed every check that needs no database, waiting for its batch. */
interface Candidate {
  row: number;
  input: EntityInput;
}

/** Previews or imports a 市场主体名录库 spreadsheet. */
export async function importEntities(ctx: Ctx, req: EntityImportInput): Promise<EntityImportResult> {
  const bytes = Buffer.from(req.contentBase64, 'base64');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const run = async (ctx: Ctx): Promise<EntityImportResult> => {
    const towns = new Map((await loadTowns(ctx)).map((t) => [normalizeName(t.name), t]));
    const townList = [...towns.values()];
    const firstRow = new Map<string, number>();
    const problems: SheetProblem[] = [];
    let errorRows = 0;
    let totalRows = 0;
    let created = 0;
    const unitId = ctx.actor.unitId;
    /**
     * Rows are stored as they are read when they may be: an import by an actor with a unit, either of the valid
     * rows only or of a file without a problem so far. Storing and the directory check are then one statement a
     * batch (`on conflict do nothing`: a code not inserted is already in the directory). Once a problem makes
     * the file unimportable the rest is only checked; the transaction rolls back whatever was stored.
     */
    const storing = () => req.mode === 'import' && !!unitId && (!!req.validRowsOnly || problems.length === 0);
    const inDirectory = (c: Candidate) => {
      problems.push({ row: c.row, column: '统一社会信用代码', reason: '该统一社会信用代码已在名录库中' });
      errorRows += 1;
    };
    const check = async (batch: Candidate[]) => {
      const known = await existingCodes(
        ctx,
        batch.map((c) => c.input.uscc),
      );
      for (const c of batch) if (known.has(c.input.uscc)) inDirectory(c);
    };
    const store = async (batch: Candidate[]) => {
      const col = (f: (i: EntityInput) => string) => textArray(batch.map((c) => f(c.input)));
      const inserted = await queryRows<{ uscc: string }>(
        ctx.db,
        sql`insert into inspection_entities
              (tenant_id, id, uscc, name, entity_type, industry, address, town_id, legal_representative, status,
               unit_id, created_at, updated_at)
            select ${ctx.actor.tenantId}, t.id::uuid, t.uscc, t.name, t.entity_type, t.industry, t.address,
                   t.town_id::uuid, t.legal_representative, t.status, ${unitId}::uuid, ${ctx.now.toISOString()}::timestamptz, ${ctx.now.toISOString()}::timestamptz
              from unnest(${textArray(batch.map(() => newId()))}::text[], ${col((i) => i.uscc)}::text[],
                          ${col((i) => i.name)}::text[], ${col((i) => i.entityType)}::text[],
                          ${col((i) => i.industry)}::text[], ${col((i) => i.address)}::text[],
                          ${col((i) => i.townId)}::text[], ${col((i) => i.legalRepresentative)}::text[],
                          ${col((i) => i.status ?? 'active')}::text[])
                   as t(id, uscc, name, entity_type, industry, address, town_id, legal_representative, status)
            on conflict (tenant_id, uscc) do nothing
            returning uscc`,
      );
      created += inserted.length;
      if (inserted.length === batch.length) return;
      const stored = new Set(inserted.map((r) => r.uscc));
      for (const c of batch) if (!stored.has(c.input.uscc)) inDirectory(c);
    };
    // One batch is written while the next is read (one statement in flight: the transaction is one connection).
    let pending: Candidate[] = [];
    let inFlight: Promise<void> = Promise.resolve();
    const flush = async () => {
      const batch = pending;
      pending = [];
      await inFlight;
      if (batch.length === 0) return;
      inFlight = storing() ? store(batch) : check(batch);
      inFlight.catch(() => {}); // awaited (and its error thrown) before the next batch or at the end
    };
    let fileProblems: SheetProblem[];
    try {
      fileProblems = await streamRows(bytes, async (row, cells) => {
        totalRows += 1;
        const parsed = parseRow(row, cells, towns, townList);
        const { uscc } = parsed.input;
        if (uscc && !parsed.problems.some((p) => p.column === '统一社会信用代码')) {
          const first = firstRow.get(uscc);
          if (first)
            parsed.problems.push({
              row,
              column: '统一社会信用代码',
              reason: `与第${first}行的统一社会信用代码重复`,
            });
          else firstRow.set(detached(uscc), row);
        }
        if (parsed.problems.length > 0) {
          problems.push(...parsed.problems);
          errorRows += 1;
        } else if (uscc) pending.push({ row, input: parsed.input });
        if (pending.length >= BATCH) await flush();
      });
      await flush();
    } finally {
      await inFlight;
    }
    if (fileProblems.length > 0) {
      problems.unshift(...fileProblems);
      if (fileProblems.some((p) => p.row === 0 || p.column)) totalRows = 0;
      errorRows = 0;
    }
    const col = (c: string) => ENTITY_COLUMNS.indexOf(c as Column);
    problems.sort((a, b) => a.row - b.row || col(a.column) - col(b.column));
    const result: EntityImportResult = {
      mode: req.mode,
      filename: req.filename,
      sha256,
      totalRows,
      validRows: fileProblems.length > 0 ? 0 : totalRows - errorRows,
      errorRows,
      created: 0,
      imported: false,
      logEntryId: null,
      problems,
    };
    if (req.mode === 'preview') return result;
    if (problems.length > 0 && (!req.validRowsOnly || fileProblems.length > 0 || result.validRows === 0))
      throw new DomainError(
        'INSPECTION.IMPORT_INVALID',
        'invalid',
        `文件中有${errorRows || problems.length}行存在问题，未导入任何数据；请修改后重新导入，或选择只导入无误的行`,
        problems.map((p) => ({
          pointer: p.row ? `/file/rows/${p.row}/${p.column}` : '/file',
          detail: p.row ? `第${p.row}行${p.column ? `“${p.column}”` : ''}：${p.reason}` : p.reason,
        })),
      );
    if (!unitId)
      throw new DomainError('INSPECTION.FORBIDDEN', 'forbidden', '未归属单位的账号不能导入市场主体');
    const logEntryId = await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: 'inspection.entities.imported',
      actor: logActorOf(ctx.actor),
      subject: { type: 'inspection-import', id: newId() },
      data: { totalRows, created, skippedRows: errorRows, validRowsOnly: !!req.validRowsOnly },
      attachments: { 'entities.xlsx': sha256 },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return { ...result, created, imported: true, logEntryId };
  };
  return req.mode === 'preview' ? run(ctx) : inTx(ctx, run);
}

function entityRow(e: EntityView): string[] {
  return [
    e.uscc,
    e.name,
    e.entityType,
    e.industry,
    e.address,
    e.townName ?? '',
    e.legalRepresentative,
    ENTITY_STATUSES[e.status as EntityStatus] ?? e.status,
  ];
}

/** The actor's readable directory as .xlsx in the import layout, written with the streaming writer. */
export async function exportEntities(
  ctx: Ctx,
  filter: Omit<EntityFilter, 'page' | 'pageSize'> = {},
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: false,
  });
  const ws = wb.addWorksheet('市场主体名录');
  ws.addRow([...ENTITY_COLUMNS]).commit();
  for (const e of await allEntities(ctx, filter)) ws.addRow(entityRow(e)).commit();
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
