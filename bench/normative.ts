import { sql } from 'drizzle-orm';
import type { Database } from '../src/kernel/db/index.ts';
import { openCleanup, searchInForce } from '../src/modules/normative/index.ts';
import type { Ctx } from '../src/platform/access/index.ts';
import { searchTokens } from '../src/platform/search/index.ts';
import { fmt, pgTextArray, scratchDatabase } from './lib.ts';

/**
 * 现行有效规范性文件 full-text search at scale: `rows` synthetic documents in force (default 100,000), inserted by one
 * generate_series statement over pools of title subjects, title forms, issuers and body clauses (their bigram tokens
 * from the application's `searchTokens`), then 200 searches through `searchInForce` — 2- and 4-character words and
 * two-word phrases — ranked by phrase. Target: median < 100 ms.
 */
const TENANT = '500113';
const SUBJECTS = [
  '农贸市场',
  '城市道路',
  '食品安全',
  '养老服务',
  '校外培训',
  '户外广告',
  '建筑垃圾',
  '停车收费',
  '公共租赁住房',
  '殡葬管理',
  '河道管理',
  '燃气安全',
  '物业服务',
  '网约车',
  '征地补偿',
  '消防安全',
  '扬尘污染',
  '学前教育',
  '医疗救助',
];
const FORMS = ['管理办法', '实施细则', '暂行规定', '实施意见', '若干措施', '工作规程'];
const ISSUERS = [
  '示范区人民政府',
  '示范区人民政府办公室',
  '示范区市场监督管理局',
  '示范区住房和城乡建设委员会',
];
const CLAUSES = [
  '第一条 为了加强管理，维护公共利益，根据有关法律法规，结合本区实际，制定本办法。',
  '第二条 本办法适用于本区行政区域内的相关活动及其监督管理。',
  '第三条 区人民政府统一领导，各镇街和有关部门按照职责分工做好相关工作。',
  '第四条 任何单位和个人不得擅自改变用途，违反规定的由有关部门依法处理。',
  '第五条 建立健全信用评价制度，对守信主体给予激励，对失信主体依法实施惩戒。',
  '第六条 本办法自公布之日起施行，有效期五年。',
];

async function fill(database: Database, rows: number) {
  const db = database.db;
  await db.execute(sql`drop index if exists normative_register_search_gin`);
  const pool = async (name: string, values: string[]) => {
    await db.execute(sql.raw(`create temporary table ${name} (i int primary key, v text, tokens text[])`));
    await db.execute(
      sql`insert into ${sql.raw(name)} (i, v, tokens) values ${sql.join(
        values.map((v, k) => sql`(${k}, ${v}, ${pgTextArray(searchTokens([v]))}::text[])`),
        sql`, `,
      )}`,
    );
  };
  await pool('bn_subject', SUBJECTS);
  await pool('bn_form', FORMS);
  await pool('bn_issuer', ISSUERS);
  await pool('bn_clause', CLAUSES);
  const body = CLAUSES.join('\n');
  await db.execute(sql`
    insert into normative_register (tenant_id, case_id, unit_id, number, issuer, issuer_name, year, seq, title,
      registered_on, status, published, body, published_on, effective_on, expires_on, search_tokens, updated_at)
    select ${TENANT}, gen_random_uuid(), '00000000-0000-4000-8000-000000000001', '示范府规〔' || (2020 + g % 7) || '〕' || g || '号',
      '示范府', i.v, 2020 + g % 7, g, '示范区' || s.v || f.v, d, 'in-force', true,
      s.v || '。' || ${body}, d, d, d + 1825,
      s.tokens || f.tokens || i.tokens || ${pgTextArray(searchTokens(['示范区', '示范府规', body]))}::text[]
        || array[(2020 + g % 7)::text, g::text],
      now()
    from generate_series(1, ${rows}) g
    cross join lateral (select (date '2022-01-01' + (g % 1500)) as d) dd
    join bn_subject s on s.i = g % ${SUBJECTS.length}
    join bn_form f on f.i = (g / 7) % ${FORMS.length}
    join bn_issuer i on i.i = (g / 3) % ${ISSUERS.length}`);
  await db.execute(
    sql`create index normative_register_search_gin on normative_register using gin (search_tokens)`,
  );
  await db.execute(sql`analyze normative_register`);
}

/** 200 queries: 2-character words, 4-character words and two-word phrases from the pools. */
function queries(): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < 200; i++) {
    const s = SUBJECTS[(i * 7) % SUBJECTS.length]!;
    const f = FORMS[(i * 5) % FORMS.length]!;
    if (i % 3 === 0) out.push([...s].slice(0, 2).join(''));
    else if (i % 3 === 1) out.push(`${[...s].slice(0, 4).join('')}`);
    else out.push(`${s} ${f}`);
  }
  return out;
}

async function benchOne(pgUrl: string | null, rows: number) {
  const { database, close } = await scratchDatabase(pgUrl, 'benchnorm');
  try {
    await database.migrate();
    const t0 = performance.now();
    await fill(database, rows);
    const fillMs = performance.now() - t0;
    const qs = queries();
    for (const q of qs.slice(0, 10)) await searchInForce(database.db, TENANT, '2026-11-26', { q });
    const ms: number[] = [];
    for (const q of qs) {
      const t = performance.now();
      await searchInForce(database.db, TENANT, '2026-11-26', { q });
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    return {
      engine: pgUrl ? 'postgres' : 'pglite',
      rows,
      fillMs,
      median: ms[Math.floor(ms.length / 2)]!,
      p95: ms[Math.floor(ms.length * 0.95)]!,
    };
  } finally {
    await close();
  }
}

/**
 * 清理: opening a cleanup campaign over `rows` documents in force (default 10,000) through `openCleanup` (one
 * INSERT … SELECT of the items, the campaign row and its log entry in one transaction). Target: under 10 s.
 */
async function benchCleanupOne(pgUrl: string | null, rows: number) {
  const { database, close } = await scratchDatabase(pgUrl, 'benchnorm');
  try {
    await database.migrate();
    await fill(database, rows);
    const ctx = {
      db: database.db,
      actor: {
        tenantId: TENANT,
        userId: '00000000-0000-4000-8000-0000000000b1',
        username: 'bench',
        displayName: '基准测试',
        unitId: null,
        unitPath: null,
        roles: [],
        via: 'session',
      },
      requestId: null,
      now: new Date('2026-11-26T02:00:00Z'),
    } as unknown as Ctx;
    const t = performance.now();
    const r = await openCleanup(ctx, { title: '基准清理', reason: '定期清理' });
    const ms = performance.now() - t;
    if (r.documentCount !== rows) throw new Error(`清理覆盖 ${r.documentCount} 件，应为 ${rows} 件`);
    return { engine: pgUrl ? 'postgres' : 'pglite', rows, ms };
  } finally {
    await close();
  }
}

export async function benchCleanup(opts: { pgUrl: string | null; rows?: number }) {
  const rows = opts.rows ?? Number(process.env.BENCH_CLEANUP_ROWS ?? 10_000);
  const out = [await benchCleanupOne(null, rows)];
  if (opts.pgUrl) out.push(await benchCleanupOne(opts.pgUrl, rows));
  return out;
}

export function printCleanup(results: Awaited<ReturnType<typeof benchCleanup>>) {
  for (const r of results)
    console.log(
      `  ${r.engine.padEnd(8)} opening a cleanup campaign over ${fmt(r.rows)} documents in force: ${r.ms.toFixed(0)} ms (target < 10 s)`,
    );
}

/** Search of documents in force at `rows` (default 100,000) on PGlite, and on PostgreSQL when `pgUrl` is given. */
export async function benchNormative(opts: { pgUrl: string | null; rows?: number }) {
  const rows = opts.rows ?? Number(process.env.BENCH_NORMATIVE_ROWS ?? 100_000);
  const out = [await benchOne(null, rows)];
  if (opts.pgUrl) out.push(await benchOne(opts.pgUrl, rows));
  return out;
}

export function printNormative(results: Awaited<ReturnType<typeof benchNormative>>) {
  for (const r of results)
    console.log(
      `  ${r.engine.padEnd(8)} ${fmt(r.rows)} documents in force (filled in ${fmt(r.fillMs / 1000)} s): search median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (200 queries: words of 2 and 4 characters, two-word phrases; ranked by phrase; target median < 100 ms)`,
    );
}
