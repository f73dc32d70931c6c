/**
 * Spreadsheet import and export of the 市场主体名录库, streaming both ways (`platform/spreadsheet`'s
 * `readFirstSheetRows` in, exceljs's WorkbookWriter out): rows are read, checked and written in batches, never
 * held all at once, so memory stays flat in the file size: the credit codes seen (for duplicates within the
 * file) are staged in a temporary table of the import's transaction, and a response lists only the first
 * problems with their count (every bad row is in the bad-rows workbook, written to a temporary file).
 *
 * Import creates entities in ONE pass: every row is checked (required columns, GB 32100 check character, type,
 * status, town by name, duplicates within the file and against the directory); every problem is reported with
 * its row and column. `preview` stores nothing; `import` commits nothing when there is any problem, unless
 * `validRowsOnly`, which stores the good rows and skips the bad ones. The import is one transaction: the good
 * rows inserted a batch at a time as they are read (rolled back if the file turns out to have a problem), and
 * one log entry for the file (its SHA-256 as an attachment, and the counts).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
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
  /** Every problem found (the file's and the rows'); `problems` lists the first `PROBLEM_CAP` of them. */
  problemCount: number;
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

/** A row read and checked in JS, waiting for its batch's database checks. */
interface Item {
  row: number;
  cells: Cells;
  input: EntityInput;
  problems: SheetProblem[];
  /** Its code is well-formed and first in the batch: staged to find duplicates in earlier batches. */
  staged: boolean;
  /** The batch's earlier row with the same code (the duplicate is reported once that row's own is known). */
  sameAs: number;
}

/** A bad row with every problem it has (sorted by column), handed on in row order. */
interface BadRow {
  row: number;
  cells: Cells;
  problems: SheetProblem[];
}

interface ScanResult {
  totalRows: number;
  errorRows: number;
  /** Problems of rows (not counting the file's). */
  problemCount: number;
  created: number;
  /** The file's own problems (not a workbook, a missing column, no data): the rows' counts then mean nothing. */
  fileProblems: SheetProblem[];
}

const columnIndex = (c: string) => ENTITY_COLUMNS.indexOf(c as Column);
const duplicateOf = (row: number, first: number): SheetProblem => ({
  row,
  column: '统一社会信用代码',
  reason: `与第${first}行的统一社会信用代码重复`,
});
const intArray = (xs: readonly number[]) => `{${xs.join(',')}}`;
/** A problem as an RFC 9457 error entry (`/file/rows/<row>/<column>`, `/file` for the file). */
const fieldProblem = (p: SheetProblem) => ({
  pointer: p.row ? `/file/rows/${p.row}/${p.column}` : '/file',
  detail: p.row ? `第${p.row}行${p.column ? `“${p.column}”` : ''}：${p.reason}` : p.reason,
});

/**
 * Reads and checks every row, storing the good ones as it goes when `store` says so, and hands each bad row with
 * all its problems to `onBadRow`, in row order. Must run in a transaction: the codes seen are staged in a
 * temporary table of that transaction (dropped at its end), so duplicates within the file are found by the
 * database however far apart they are, and memory holds one batch, never every code.
 *
 * `store`: 'valid' stores every valid row; 'all' stores rows while the file has no problem so far (the caller
 * rolls back if one turns up later); 'none' only checks.
 */
async function scanFile(
  ctx: Ctx,
  bytes: Buffer,
  store: 'none' | 'all' | 'valid',
  onBadRow: (bad: BadRow) => void | Promise<void>,
): Promise<ScanResult> {
  const towns = new Map((await loadTowns(ctx)).map((t) => [normalizeName(t.name), t]));
  const townList = [...towns.values()];
  const unitId = ctx.actor.unitId;
  if (store !== 'none' && !unitId) store = 'none';
  // Byte order ("C"): equality is all that is asked of the key, and it is cheaper than the database's collation.
  await ctx.db.execute(
    sql`create temporary table inspection_import_codes (uscc text collate "C" primary key, line integer not null)
          on commit drop`,
  );
  const out: ScanResult = { totalRows: 0, errorRows: 0, problemCount: 0, created: 0, fileProblems: [] };
  let anyProblem = false;
  const storing = () => store === 'valid' || (store === 'all' && !anyProblem);
  const inDirectory = (i: Item) =>
    i.problems.push({ row: i.row, column: '统一社会信用代码', reason: '该统一社会信用代码已在名录库中' });

  /**
   * Stages the batch's codes; when fewer go in than were sent, some were staged by an earlier batch: those are
   * looked up (one index probe each; no statistics on the new table could steer a join there).
   */
  const findDuplicates = async (batch: Item[]) => {
    const staged = batch.filter((i) => i.staged);
    if (staged.length === 0) return new Map<number, number>();
    const codes = textArray(staged.map((i) => i.input.uscc));
    const lines = intArray(staged.map((i) => i.row));
    const [inserted] = await queryRows<{ n: number }>(
      ctx.db,
      sql`with staged as (insert into inspection_import_codes (uscc, line)
                          select * from unnest(${codes}::text[], ${lines}::int[])
                          on conflict (uscc) do nothing returning 1)
          select count(*)::int as n from staged`,
    );
    const firstOf = new Map<number, number>();
    if (inserted!.n === staged.length) return firstOf;
    const dups = await queryRows<{ line: number; first: number }>(
      ctx.db,
      sql`select line, first from (
            select b.line, (select t.line from inspection_import_codes t where t.uscc = b.uscc) as first
              from unnest(${codes}::text[], ${lines}::int[]) as b(uscc, line)) d
           where first <> line`,
    );
    const byRow = new Map(staged.map((i) => [i.row, i]));
    for (const d of dups) {
      byRow.get(d.line)!.problems.push(duplicateOf(d.line, d.first));
      firstOf.set(d.line, d.first);
    }
    return firstOf;
  };
  const check = async (ok: Item[]) => {
    const known = await existingCodes(
      ctx,
      ok.map((i) => i.input.uscc),
    );
    for (const i of ok) if (known.has(i.input.uscc)) inDirectory(i);
  };
  /** Stores the rows and checks them against the directory in one statement (a code not inserted is known). */
  const insert = async (ok: Item[]) => {
    const col = (f: (i: EntityInput) => string) => textArray(ok.map((c) => f(c.input)));
    const now = ctx.now.toISOString();
    const inserted = await queryRows<{ uscc: string }>(
      ctx.db,
      sql`insert into inspection_entities
            (tenant_id, id, uscc, name, entity_type, industry, address, town_id, legal_representative, status,
             unit_id, created_at, updated_at)
          select ${ctx.actor.tenantId}, t.id::uuid, t.uscc, t.name, t.entity_type, t.industry, t.address,
                 t.town_id::uuid, t.legal_representative, t.status, ${unitId}::uuid, ${now}::timestamptz, ${now}::timestamptz
            from unnest(${textArray(ok.map(() => newId()))}::text[], ${col((i) => i.uscc)}::text[],
                        ${col((i) => i.name)}::text[], ${col((i) => i.entityType)}::text[],
                        ${col((i) => i.industry)}::text[], ${col((i) => i.address)}::text[],
                        ${col((i) => i.townId)}::text[], ${col((i) => i.legalRepresentative)}::text[],
                        ${col((i) => i.status ?? 'active')}::text[])
                 as t(id, uscc, name, entity_type, industry, address, town_id, legal_representative, status)
          on conflict (tenant_id, uscc) do nothing
          returning uscc`,
    );
    out.created += inserted.length;
    if (inserted.length === ok.length) return;
    const stored = new Set(inserted.map((r) => r.uscc));
    for (const i of ok) if (!stored.has(i.input.uscc)) inDirectory(i);
  };
  /** The database's checks of one batch (and its storing), then its bad rows in order. */
  const settle = async (batch: Item[]) => {
    const firstOf = await findDuplicates(batch);
    const ok: Item[] = [];
    for (const i of batch) {
      // A repeat within the batch names the file's first row with the code, which may be in an earlier batch.
      if (i.sameAs) i.problems.push(duplicateOf(i.row, firstOf.get(i.sameAs) ?? i.sameAs));
      if (i.problems.length === 0) ok.push(i);
      else anyProblem = true;
    }
    if (ok.length > 0) await (storing() ? insert(ok) : check(ok));
    for (const i of batch) {
      if (i.problems.length === 0) continue;
      anyProblem = true;
      i.problems.sort((a, b) => columnIndex(a.column) - columnIndex(b.column));
      out.errorRows += 1;
      out.problemCount += i.problems.length;
      await onBadRow({ row: i.row, cells: i.cells, problems: i.problems });
    }
  };

  // One batch is settled while the next is read (one statement in flight: the transaction is one connection).
  let pending: Item[] = [];
  let firstInBatch = new Map<string, number>();
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = pending;
    pending = [];
    firstInBatch = new Map();
    await inFlight;
    if (batch.length === 0) return;
    inFlight = settle(batch);
    inFlight.catch(() => {}); // awaited (and its error thrown) before the next batch or at the end
  };
  try {
    out.fileProblems = await streamRows(bytes, async (row, cells) => {
      out.totalRows += 1;
      const { input, problems } = parseRow(row, cells, towns, townList);
      let staged = false;
      let sameAs = 0;
      if (input.uscc && !problems.some((p) => p.column === '统一社会信用代码')) {
        // Duplicates within the batch here; across batches by the database (`findDuplicates`).
        sameAs = firstInBatch.get(input.uscc) ?? 0;
        if (!sameAs) {
          firstInBatch.set(input.uscc, row);
          staged = true;
        }
      }
      if (problems.length > 0 || sameAs) anyProblem = true;
      pending.push({ row, cells, input, problems, staged, sameAs });
      if (pending.length >= BATCH) await flush();
    });
    await flush();
  } finally {
    await inFlight;
  }
  return out;
}

/** Problems a response lists (the first by row and column); every one is in `badRowsWorkbook`'s file. */
export const PROBLEM_CAP = 1000;

/**
 * Previews or imports a 市场主体名录库 spreadsheet. The result counts every problem (`problemCount`) and lists
 * the first `PROBLEM_CAP`; the whole list is `badRowsWorkbook`, so a file with 100,000 bad rows costs no more
 * memory than one with ten.
 */
export async function importEntities(ctx: Ctx, req: EntityImportInput): Promise<EntityImportResult> {
  const bytes = Buffer.from(req.contentBase64, 'base64');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return inTx(ctx, async (ctx) => {
    const listed: SheetProblem[] = [];
    const store = req.mode === 'preview' ? 'none' : req.validRowsOnly ? 'valid' : 'all';
    const scan = await scanFile(ctx, bytes, store, (bad) => {
      for (const p of bad.problems) {
        if (listed.length >= PROBLEM_CAP) return;
        listed.push(p);
      }
    });
    const { fileProblems } = scan;
    const broken = fileProblems.length > 0;
    // A file problem makes the rows' counts meaningless (no header: nothing was read as a row).
    const totalRows = fileProblems.some((p) => p.row === 0 || p.column) ? 0 : scan.totalRows;
    const errorRows = broken ? 0 : scan.errorRows;
    const problems = broken ? [...fileProblems, ...listed].slice(0, PROBLEM_CAP) : listed;
    const problemCount = fileProblems.length + scan.problemCount;
    const result: EntityImportResult = {
      mode: req.mode,
      filename: req.filename,
      sha256,
      totalRows,
      validRows: broken ? 0 : totalRows - errorRows,
      errorRows,
      created: 0,
      imported: false,
      logEntryId: null,
      problemCount,
      problems,
    };
    if (req.mode === 'preview') return result;
    if (problemCount > 0 && (!req.validRowsOnly || broken || result.validRows === 0))
      throw new DomainError(
        'INSPECTION.IMPORT_INVALID',
        'invalid',
        `文件中有${errorRows || problemCount}行存在问题，未导入任何数据；请修改后重新导入，或选择只导入无误的行` +
          (problemCount > problems.length
            ? `（共${problemCount}处问题，此处列出前${problems.length}处）`
            : ''),
        problems.map(fieldProblem),
      );
    if (!ctx.actor.unitId)
      throw new DomainError('INSPECTION.FORBIDDEN', 'forbidden', '未归属单位的账号不能导入市场主体');
    const logEntryId = await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: 'inspection.entities.imported',
      actor: logActorOf(ctx.actor),
      subject: { type: 'inspection-import', id: newId() },
      data: { totalRows, created: scan.created, skippedRows: errorRows, validRowsOnly: !!req.validRowsOnly },
      attachments: { 'entities.xlsx': sha256 },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return { ...result, created: scan.created, imported: true, logEntryId };
  });
}

/** The bad-rows workbook's extra columns, after the import's (an import ignores columns it does not know). */
const BAD_ROW_COLUMNS = ['原行号', '问题说明'] as const;

/**
 * Every bad row of a file with its problems, as an .xlsx in the import's layout plus 原行号 and 问题说明: officials
 * correct the rows in Excel and import the file again. The file is checked again (as a preview: nothing is
 * stored) and the workbook is written to a temporary file as the rows are checked, so memory stays flat however
 * many rows are bad; the returned stream removes the file when it closes. A file-level problem (not a workbook,
 * a missing column) is refused as by the import.
 */
export async function badRowsWorkbook(
  ctx: Ctx,
  req: Pick<EntityImportInput, 'filename' | 'contentBase64'>,
): Promise<{ stream: Readable; badRows: number; filename: string }> {
  const bytes = Buffer.from(req.contentBase64, 'base64');
  const dir = await mkdtemp(join(tmpdir(), 'fazhi-bad-rows-'));
  const path = join(dir, 'bad-rows.xlsx');
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path,
      useSharedStrings: false,
      useStyles: false,
    });
    const ws = wb.addWorksheet('有误的行');
    ws.addRow([...ENTITY_COLUMNS, ...BAD_ROW_COLUMNS]).commit();
    const scan = await inTx(ctx, (ctx) =>
      scanFile(ctx, bytes, 'none', (bad) => {
        const why = bad.problems.map((p) => (p.column ? `“${p.column}”：${p.reason}` : p.reason)).join('；');
        ws.addRow([...ENTITY_COLUMNS.map((c) => bad.cells[c]), bad.row, why]).commit();
      }),
    );
    ws.commit();
    await wb.commit();
    if (scan.fileProblems.length > 0)
      throw new DomainError(
        'INSPECTION.IMPORT_INVALID',
        'invalid',
        '无法读取文件中的数据行',
        scan.fileProblems.map(fieldProblem),
      );
    const stream = createReadStream(path);
    stream.once('close', () => void remove());
    const base = req.filename.replace(/\.xlsx$/i, '');
    return { stream, badRows: scan.errorRows, filename: `${base}（有误的行）.xlsx` };
  } catch (e) {
    await remove();
    throw e;
  }
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
