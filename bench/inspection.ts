import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { loadDemo } from '../src/demo/index.ts';
import { loadConfig } from '../src/kernel/config.ts';
import { createFieldCrypto } from '../src/kernel/crypto.ts';
import { queryRows } from '../src/kernel/db/index.ts';
import { newId } from '../src/kernel/ids.ts';
import { ENTITY_COLUMNS, importEntities } from '../src/modules/inspection/directory-file.ts';
import { poolHashOf } from '../src/modules/inspection/index.ts';
import { rfc3797Draw } from '../src/modules/inspection/rfc3797.ts';
import { planStrata, stratifiedDraw } from '../src/modules/inspection/strata.ts';
import type { Actor, Ctx } from '../src/platform/access/index.ts';
import { computeUsccCheck } from '../src/platform/validators/index.ts';
import { fmt, scratchDatabase } from './lib.ts';

/**
 * 双随机、一公开 at scale.
 * 1. The RFC 3797 draw (what `POST /api/inspection/tasks/:id/draw` computes) over pools of 10k … 10M entries: a
 *    3% sample (capped at the RFC's 65,536 picks), the same pool split in four credit-grade strata (A 3%, B 5%,
 *    C 10%, D 100% of a small D stratum), and the pool hash the portal recomputes. Baseline: one MD5 per pick.
 * 2. The 市场主体名录库 Excel import (preview = every row validated against the directory, streaming) at growing
 *    file sizes with three bad rows in ten, then imports of the valid rows at 10k and 100k rows, on PGlite and on
 *    PostgreSQL; rows per second, this process's CPU time, its RSS growth during the call and (`HEAP_GC`) its
 *    live heap's.
 */
const TENANT = '500113';
const KEY = 'f'.repeat(64);

const time = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
};

const uscc = (n: number) => {
  const body = `91500113MC${String(n).padStart(7, '0')}`;
  return body + computeUsccCheck(body);
};

export interface DrawRow {
  pool: number;
  pick: number;
  drawMs: number;
  strataPick: number;
  strataMs: number;
  hashMs: number;
  perPickUs: number;
}

export function benchDraw(sizes = [10_000, 100_000, 1_000_000, 10_000_000]): DrawRow[] {
  const sources = ['3 9 12 17 25 31', '1 2 3 4 5', 'SHA256OFYESTERDAYSCLOSE'];
  const rows: DrawRow[] = [];
  rfc3797Draw({ pool: 1000, pick: 100, sources }); // warm the JIT
  for (const pool of sizes) {
    const pick = Math.min(65_536, Math.ceil(pool * 0.03));
    const [, drawMs] = time(() => rfc3797Draw({ pool, pick, sources }));
    // Grades: 30% A, 40% B, 25% C, 5% D.
    const grades = Array.from({ length: pool }, (_, i) => {
      const r = (i * 7919) % 100;
      return r < 30 ? 'A' : r < 70 ? 'B' : r < 95 ? 'C' : 'D';
    });
    const strata = planStrata(grades, { A: 1, B: 2, C: 5, D: 10, U: 0 }).map((s) => ({
      ...s,
      pick: Math.min(s.pick, 65_536),
    }));
    const [, strataMs] = time(() => stratifiedDraw(grades, strata, sources));
    const codes = pool <= 1_000_000 ? Array.from({ length: pool }, (_, i) => uscc(i + 1)) : null;
    const [, hashMs] = codes ? time(() => poolHashOf(codes)) : [null, Number.NaN];
    rows.push({
      pool,
      pick,
      drawMs,
      strataPick: strata.reduce((n, s) => n + s.pick, 0),
      strataMs,
      hashMs,
      perPickUs: (drawMs * 1000) / pick,
    });
  }
  return rows;
}

export function printDraw(rows: DrawRow[]) {
  for (const r of rows)
    console.log(
      `  pool ${fmt(r.pool).padStart(10)}: pick ${fmt(r.pick).padStart(6)} in ${r.drawMs.toFixed(0).padStart(5)} ms ` +
        `(${r.perPickUs.toFixed(1)} µs/pick); by grade ${fmt(r.strataPick).padStart(6)} in ${r.strataMs.toFixed(0).padStart(5)} ms; ` +
        `pool hash ${Number.isNaN(r.hashMs) ? '—' : `${r.hashMs.toFixed(0)} ms`}  (target: 1M pool < 1,000 ms)`,
    );
}

/**
 * A workbook of `n` rows, three in ten bad (bad check character, unknown town, a duplicate of an earlier row),
 * streamed; codes numbered from `from` (files imported one after another use fresh codes). Text cells inline, or
 * in a shared-string table as Excel writes them.
 */
async function workbook(n: number, towns: string[], from = 0, useSharedStrings = false): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings });
  const ws = wb.addWorksheet('市场主体名录');
  ws.addRow([...ENTITY_COLUMNS]).commit();
  for (let i = 1; i <= n; i += 1) {
    let code = uscc(from + i);
    let town = towns[i % towns.length]!;
    if (i % 10 === 3) code = `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}`;
    if (i % 10 === 6) town = '不存在街道';
    // A duplicate of the row before, or (one row in a hundred) of a row 20,000 rows back: another write batch.
    if (i % 10 === 9) code = uscc(from + (i % 100 === 99 && i > 20_000 ? i - 20_001 : i - 1));
    ws.addRow([code, `基准企业${i}`, '企业', '餐饮服务', `基准路${i}号`, town, '孙八', '存续']).commit();
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

export interface ImportRow {
  engine: 'pglite' | 'postgres';
  rows: number;
  mode: 'preview' | 'import';
  mb: number;
  ms: number;
  valid: number;
  bad: number;
  created: number;
  rate: number;
  /** CPU time of this process (user + system) during the call: on PGlite the database's work too. */
  cpuMs: number;
  /** Peak resident memory of this process during the call, above what it was before (sampled every 20 ms). */
  rssGrowthMb: number;
  /**
   * Peak live JS heap during the call above what it was before: with `--expose-gc` and `HEAP_GC=<ms>`, a full
   * collection every that many ms then `heapUsed` (what the import keeps, garbage excluded; PGlite's memory is
   * a WebAssembly buffer, not heap); otherwise null. The collections slow the run: time it without.
   */
  liveHeapGrowthMb: number | null;
  /** The same for buffers outside the heap (`arrayBuffers`: on PGlite its database's memory too). */
  liveBuffersGrowthMb: number | null;
}

/**
 * Previews at `sizes`, then imports (`validRowsOnly`) at `importSizes`, each file with fresh codes (text inline, or
 * shared as Excel writes it with `sharedStrings`), into the demo
 * district at scale 0.2 on PGlite (in memory: its growth is the database's) or a scratch database on `pgUrl`.
 */
export async function benchImport(
  opts: { sizes?: number[]; importSizes?: number[]; pgUrl?: string | null; sharedStrings?: boolean } = {},
): Promise<ImportRow[]> {
  const {
    sizes = [10_000, 50_000, 100_000, 200_000],
    importSizes = [10_000, 100_000],
    pgUrl = null,
    sharedStrings = false,
  } = opts;
  const engine = pgUrl ? 'postgres' : 'pglite';
  const { database, close } = await scratchDatabase(pgUrl, 'benchimport');
  const dataDir = mkdtempSync(join(tmpdir(), 'fazhi-benchinsp-'));
  try {
    await database.migrate();
    const crypto = createFieldCrypto(KEY);
    await loadDemo({ db: database.db, crypto }, { scale: 0.2, tenantId: TENANT });
    const config = loadConfig({ DATA_DIR: dataDir, FIELD_KEY: KEY });
    const [bureau] = await queryRows<{ id: string; path: string }>(
      database.db,
      sql`select id::text as id, path from units where tenant_id = ${TENANT} and name = '区市场监督管理局'`,
    );
    const towns = (
      await queryRows<{ name: string }>(
        database.db,
        sql`select name from units where tenant_id = ${TENANT} and kind in ('town', 'street') order by name`,
      )
    ).map((t) => t.name);
    const actor: Actor = {
      tenantId: TENANT,
      userId: newId(),
      username: 'bench-import',
      displayName: '基准',
      unitId: bureau!.id,
      unitPath: bureau!.path,
      roles: [
        {
          id: newId(),
          code: 'unit_admin',
          name: '单位管理员',
          scope: 'unit_tree',
          scopeUnitIds: [],
          permissions: ['inspection.directory.read', 'inspection.directory.manage'],
        },
      ],
      via: 'token',
    };
    const ctx: Ctx = { db: database.db, actor, requestId: null, now: new Date(), crypto, config };
    const out: ImportRow[] = [];
    let from = 0;
    const measure = async (n: number, mode: 'preview' | 'import') => {
      const file = await workbook(n, towns, from, sharedStrings);
      if (mode === 'import') from += n;
      const contentBase64 = file.toString('base64');
      globalThis.gc?.();
      const before = process.memoryUsage();
      let peak = before.rss;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      let livePeak = before.heapUsed;
      let buffersPeak = before.arrayBuffers;
      const gcEvery = Number(process.env.HEAP_GC ?? 0);
      const liveSampler =
        globalThis.gc && gcEvery > 0
          ? setInterval(() => {
              globalThis.gc!();
              const m = process.memoryUsage();
              livePeak = Math.max(livePeak, m.heapUsed);
              buffersPeak = Math.max(buffersPeak, m.arrayBuffers);
            }, gcEvery)
          : null;
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const r = await importEntities(ctx, {
        filename: 'bench.xlsx',
        contentBase64,
        mode,
        validRowsOnly: true,
      });
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      clearInterval(sampler);
      if (liveSampler) clearInterval(liveSampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      out.push({
        engine,
        rows: n,
        mode,
        mb: file.length / 1e6,
        ms,
        valid: r.validRows,
        bad: r.errorRows,
        created: r.created,
        rate: (n * 1000) / ms,
        cpuMs: (cpu.user + cpu.system) / 1000,
        rssGrowthMb: (peak - before.rss) / 1e6,
        liveHeapGrowthMb: liveSampler ? (livePeak - before.heapUsed) / 1e6 : null,
        liveBuffersGrowthMb: liveSampler ? (buffersPeak - before.arrayBuffers) / 1e6 : null,
      });
    };
    for (const n of sizes) await measure(n, 'preview');
    for (const n of importSizes) await measure(n, 'import');
    return out;
  } finally {
    await close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printImport(rows: ImportRow[]) {
  for (const r of rows)
    console.log(
      `  ${r.engine.padEnd(8)} ${r.mode.padEnd(7)} ${fmt(r.rows).padStart(7)} rows (${r.mb.toFixed(1)} MB): ` +
        `${fmt(r.ms).padStart(6)} ms, ${fmt(r.rate).padStart(6)} rows/s (target ≥ 20,000; CPU here ${fmt(r.cpuMs)} ms), ` +
        `${fmt(r.valid)} valid / ${fmt(r.bad)} bad${r.mode === 'import' ? `, ${fmt(r.created)} stored` : ''}, ` +
        `RSS +${r.rssGrowthMb.toFixed(0)} MB` +
        (r.liveHeapGrowthMb === null
          ? ''
          : `, live heap +${r.liveHeapGrowthMb.toFixed(1)} MB, buffers +${r.liveBuffersGrowthMb!.toFixed(1)} MB`),
    );
}
