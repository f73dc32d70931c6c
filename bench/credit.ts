import { sql } from 'drizzle-orm';
import type { Database } from '../src/kernel/db/index.ts';
import { newId } from '../src/kernel/ids.ts';
import { DEFAULT_MODEL, type ModelDefinition, regradeAll } from '../src/modules/credit/index.ts';
import type { Ctx } from '../src/platform/access/index.ts';
import { fmt, scratchDatabase } from './lib.ts';

/**
 * Re-grading every subject after a model change, at growing sizes (BENCH_CREDIT_SIZES, default 10k,100k and
 * 1M on PostgreSQL; 10k,100k on PGlite): N subjects with 3 records each (a mix of kinds and severities) are
 * inserted by generate_series, version 1 is published and graded once, then version 2 (other points and
 * thresholds) is published and `regradeAll` — the same code the publish route runs — re-grades everyone in
 * keyset batches. Reported: seconds and subjects per second of the second run (every subject changes model, so
 * every subject is updated; the three in four whose score moves get a history row), and the cost per subject
 * relative to the smallest size.
 * Target: 1,000,000 subjects in under 60 s on PostgreSQL.
 */
const TENANT = '500113';

async function fill(database: Database, n: number) {
  const db = database.db;
  const unit = newId();
  await db.execute(sql`insert into tenants (id, name, level) values (${TENANT}, '示范区', 'county')`);
  await db.execute(
    sql`insert into units (tenant_id, id, kind, name, path, depth) values (${TENANT}, ${unit}, 'department', '区市场监督管理局', ${`/${unit}/`}, 0)`,
  );
  await db.execute(sql`insert into credit_subjects (tenant_id, credit_code, name, created_at, updated_at)
    select ${TENANT}, '91500113' || lpad(i::text, 10, '0'), '示范区企业' || i, now(), now() from generate_series(1, ${n}) i`);
  // 3 records a subject: kinds and severities cycle so that grades spread over A–D.
  await db.execute(sql`insert into credit_records (tenant_id, id, credit_code, subject_name, kind, severity,
      source_unit_id, title, document_no, decided_on, rules_version, publicity_min_end, publicity_end, repairable,
      origin, status, created_at, updated_at)
    select ${TENANT}, gen_random_uuid(), '91500113' || lpad(i::text, 10, '0'), '示范区企业' || i,
      (array['penalty','inspection','honour','licence','abnormal_listing','penalty','commitment_breached'])[1 + (i * 3 + j) % 7],
      case when (array['penalty','inspection','honour','licence','abnormal_listing','penalty','commitment_breached'])[1 + (i * 3 + j) % 7] in ('honour','licence') then 'none'
           else (array['minor','general','serious','general'])[1 + (i + j) % 4] end,
      ${unit}::uuid, '记录', 'BENCH-' || i || '-' || j, '2026-06-01', 'ndrc-2026', '2026-09-01', '2027-06-01', true,
      'bench', 'active', now(), now()
    from generate_series(1, ${n}) i, generate_series(1, 3) j`);
  await db.execute(sql`analyze credit_subjects`);
  await db.execute(sql`analyze credit_records`);
}

async function publish(database: Database, version: number, def: ModelDefinition) {
  const id = newId();
  await database.db.execute(sql`insert into credit_models (tenant_id, id, version, name, status, definition, published_at, created_at, updated_at)
    values (${TENANT}, ${id}, ${version}, ${`第${version}版`}, 'published', ${JSON.stringify(def)}::jsonb, now() + ${`${version} seconds`}::interval, now(), now())`);
  return { id, version, name: `第${version}版`, status: 'published', definition: def };
}

export interface CreditBenchRow {
  engine: string;
  n: number;
  seconds: number;
  perSecond: number;
  changed: number;
  batches: number;
}

export async function benchCredit(opts: {
  pgUrl: string | null;
  sizes?: number[];
  engines?: readonly ('pglite' | 'postgres')[];
}): Promise<CreditBenchRow[]> {
  const out: CreditBenchRow[] = [];
  for (const engine of opts.engines ?? (['pglite', 'postgres'] as const)) {
    if (engine === 'postgres' && !opts.pgUrl) continue;
    const sizes = opts.sizes ?? (engine === 'postgres' ? [10_000, 100_000, 1_000_000] : [10_000, 100_000]);
    for (const n of sizes) {
      const { database, close } = await scratchDatabase(
        engine === 'postgres' ? opts.pgUrl : null,
        'benchcredit',
      );
      try {
        await database.migrate();
        await fill(database, n);
        const ctx = {
          db: database.db,
          actor: {
            tenantId: TENANT,
            userId: newId(),
            username: 'bench',
            displayName: '基准测试',
            unitId: null,
            unitPath: null,
            roles: [],
            via: 'token',
          },
          requestId: null,
          now: new Date('2026-09-25T10:00:00+08:00'),
        } as unknown as Ctx;
        await regradeAll(ctx, await publish(database, 1, DEFAULT_MODEL));
        // Model versions are published weeks apart: by the next one autovacuum has cleared the first grading's
        // dead row versions, leaving the free space on each page that keeps the re-grade's updates HOT.
        if (engine === 'postgres') await database.db.execute(sql`vacuum (analyze) credit_subjects`);
        const v2: ModelDefinition = structuredClone(DEFAULT_MODEL);
        v2.thresholds = { A: 92, B: 80, C: 65 };
        v2.indicators[0]!.weight = 1.2;
        const model = await publish(database, 2, v2);
        const t0 = performance.now();
        const run = await regradeAll(ctx, model);
        const seconds = (performance.now() - t0) / 1000;
        out.push({ engine, n, seconds, perSecond: n / seconds, changed: run.changed, batches: run.batches });
        console.log(
          `  ${engine} ${fmt(n)} subjects: ${seconds.toFixed(1)} s (${fmt(n / seconds)}/s, ${run.batches} batches)`,
        );
      } finally {
        await close();
      }
    }
  }
  return out;
}

export function printCredit(rows: CreditBenchRow[]) {
  for (const engine of ['pglite', 'postgres']) {
    const mine = rows.filter((r) => r.engine === engine);
    if (mine.length === 0) continue;
    const base = mine[0]!.seconds / mine[0]!.n;
    for (const r of mine)
      console.log(
        `  ${engine.padEnd(8)} ${fmt(r.n).padStart(9)} subjects: ${r.seconds.toFixed(1).padStart(6)} s  ${fmt(r.perSecond).padStart(7)}/s  cost per subject ×${(r.seconds / r.n / base).toFixed(2)} of the smallest${r.engine === 'postgres' && r.n >= 1_000_000 ? (r.seconds < 60 ? '  (target < 60 s: met)' : '  (target < 60 s: NOT met)') : ''}`,
      );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.env.BENCH_CREDIT_SIZES?.split(',').map(Number);
  const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const engines = process.env.BENCH_CREDIT_ENGINES?.split(',') as ('pglite' | 'postgres')[] | undefined;
  printCredit(await benchCredit({ pgUrl, ...(sizes ? { sizes } : {}), ...(engines ? { engines } : {}) }));
}
