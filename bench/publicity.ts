import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../src/kernel/db/index.ts';
import { searchPublishedDecisions, searchTokens } from '../src/modules/enforcement/index.ts';
import { fmt, pgTextArray, scratchDatabase } from './lib.ts';

/**
 * 行政处罚决定公开 portal search at scale: `rows` synthetic published decisions (default 1,000,000) inserted by
 * one generate_series statement over small pools of names, matters, bodies and text phrases (their bigram
 * tokens computed by the same `searchTokens` as the application), then 200 searches (2- and 4-character
 * Chinese queries) through `searchPublishedDecisions` and, as the baseline, the same SQL written by hand.
 */
const TENANT = '500113';

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈',
];
const TRADES = [
  '商贸',
  '餐饮',
  '建材',
  '物流',
  '医药',
  '食品',
  '五金',
  '汽修',
  '酒店',
  '超市',
  '科技',
  '农业',
  '服装',
  '印务',
];
const PLACES = [
  '渝北',
  '江北',
  '南岸',
  '沙坪',
  '九龙',
  '大渡',
  '巴南',
  '北碚',
  '綦江',
  '长寿',
  '璧山',
  '铜梁',
];
const MATTERS = [
  '经营超过保质期的食品',
  '未取得食品经营许可从事食品经营',
  '销售不符合安全标准的产品',
  '虚假宣传',
  '未按规定明码标价',
  '无照经营',
  '违法排放大气污染物',
  '未批先建',
  '占道经营',
  '擅自设置户外广告',
  '违规运输建筑垃圾',
  '未按规定办理施工许可',
  '非法行医',
  '使用未经检定的计量器具',
  '违规经营网吧',
  '未落实消防安全责任',
  '道路运输超限',
  '违规收购农产品',
  '未按规定使用农药',
  '违法占用耕地',
];
const BODIES = [
  '区市场监管综合行政执法支队',
  '区生态环境保护综合行政执法支队',
  '区城市管理综合行政执法支队',
  '区交通运输综合行政执法支队',
  '区文化市场综合行政执法支队',
  '区农业综合行政执法支队',
  '区卫生健康综合监督执法支队',
  '区应急管理综合行政执法支队',
  '龙溪街道综合行政执法大队',
  '双龙湖街道综合行政执法大队',
  '回兴街道综合行政执法大队',
  '石船镇综合行政执法大队',
];
const FACTS = [
  '经查，当事人在其经营场所内',
  '执法人员现场检查发现，当事人',
  '根据群众举报，执法人员依法检查，当事人',
  '经调查核实，当事人于本年度',
  '经抽样检验，当事人',
  '当事人未能提供合法来源证明，',
];
const BASES = [
  '依据《中华人民共和国食品安全法》第一百二十四条第一款',
  '依据《中华人民共和国产品质量法》第四十九条',
  '依据《中华人民共和国大气污染防治法》第九十九条',
  '依据《中华人民共和国广告法》第五十五条',
  '依据《城市市容和环境卫生管理条例》第三十六条',
  '依据《中华人民共和国行政处罚法》第二十八条',
];

const pools = () => {
  const parties: string[] = [];
  for (const s of SURNAMES) parties.push(`${s}某`);
  for (const p of PLACES) for (const t of TRADES) parties.push(`重庆${p}${t}有限公司`);
  return { parties, matters: MATTERS, bodies: BODIES, facts: FACTS, bases: BASES };
};

/** Inserts `rows` published decisions in one statement (the GIN index is built afterwards). */
async function fill(database: Database, rows: number) {
  const p = pools();
  const db = database.db;
  await db.execute(sql`drop index if exists published_decisions_search_gin`);
  const pool = async (name: string, values: string[]) => {
    await db.execute(sql.raw(`create temporary table ${name} (i int primary key, v text, tokens text[])`));
    for (let i = 0; i < values.length; i += 200) {
      const chunk = values.slice(i, i + 200);
      await db.execute(
        sql`insert into ${sql.raw(name)} (i, v, tokens) values ${sql.join(
          chunk.map((v, k) => sql`(${i + k}, ${v}, ${pgTextArray(searchTokens([v]))}::text[])`),
          sql`, `,
        )}`,
      );
    }
  };
  await pool('bp_party', p.parties);
  await pool('bp_matter', p.matters);
  await pool('bp_body', p.bodies);
  await pool('bp_fact', p.facts);
  await pool('bp_basis', p.bases);
  const prefix = searchTokens(['示执处罚']);
  // each row picks pool entries by different strides; the number is 示执处罚〔<year>〕<n>号
  await db.execute(sql`
    insert into published_decisions (tenant_id, id, case_id, number, party_name, party_kind, matter_name, body_id,
      body_name, decided_on, published_on, public_text, penalty_summary, fine_amount, status, reviewed_by,
      search_tokens, created_at, updated_at)
    select ${TENANT}, gen_random_uuid(), gen_random_uuid(),
      '示执处罚〔' || (2020 + g % 7) || '〕' || g || '号',
      pa.v, case when pa.v like '%公司' then 'organisation' else 'person' end, m.v,
      ('00000000-0000-4000-8000-' || lpad(b.i::text, 12, '0'))::uuid, b.v,
      d, d + 3,
      f.v || m.v || '。' || ba.v || '，决定给予罚款' || (g % 50 + 1) * 1000 || '元。',
      '罚款' || (g % 50 + 1) * 1000 || '元', (g % 50 + 1) * 1000, 'published', '保密审查员',
      pa.tokens || m.tokens || b.tokens || f.tokens || ba.tokens || ${pgTextArray(prefix)}::text[]
        || array[(2020 + g % 7)::text] || array[(g % 50 + 1)::text],
      now(), now()
    from generate_series(1, ${rows}) g
    cross join lateral (select (date '2020-01-01' + (g % 2500)) as d) dd
    join bp_party pa on pa.i = g % ${p.parties.length}
    join bp_matter m on m.i = (g / 7) % ${p.matters.length}
    join bp_body b on b.i = (g / 3) % ${p.bodies.length}
    join bp_fact f on f.i = (g / 11) % ${p.facts.length}
    join bp_basis ba on ba.i = (g / 13) % ${p.bases.length}`);
  await db.execute(
    sql`create index published_decisions_search_gin on published_decisions using gin (search_tokens)`,
  );
  await db.execute(sql`analyze published_decisions`);
}

/** 200 queries: half 2-character, half 4-character, taken from the pools. */
function queries(): string[] {
  const p = pools();
  const src = [...p.matters, ...p.bodies, ...p.parties.slice(SURNAMES.length)];
  const out: string[] = [];
  for (let i = 0; out.length < 200; i++) {
    const s = [...src[(i * 7) % src.length]!];
    const len = i % 2 === 0 ? 2 : 4;
    const at = (i * 3) % Math.max(1, s.length - len);
    out.push(s.slice(at, at + len).join(''));
  }
  return out;
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.floor(s.length * 0.95)]! };
};

async function timed(qs: string[], run: (q: string) => Promise<unknown>) {
  for (const q of qs.slice(0, 10)) await run(q); // warm-up
  const ms: number[] = [];
  for (const q of qs) {
    const t0 = performance.now();
    await run(q);
    ms.push(performance.now() - t0);
  }
  return stats(ms);
}

/** One engine: fill, then the portal function and the raw SQL baseline over the same 200 queries. */
async function benchOne(pgUrl: string | null, rows: number) {
  const { database, close } = await scratchDatabase(pgUrl, 'benchpub');
  try {
    await database.migrate();
    const t0 = performance.now();
    await fill(database, rows);
    const fillMs = performance.now() - t0;
    const qs = queries();
    const portal = await timed(qs, (q) => searchPublishedDecisions(database.db, TENANT, { q }));
    const raw = await timed(qs, async (q) => {
      const toks = searchTokens([q]);
      const a = pgTextArray(toks);
      await Promise.all([
        queryRows(
          database.db,
          sql`select id, number, party_name, matter_name, body_name, decided_on, published_on, penalty_summary, status
              from published_decisions where tenant_id = ${TENANT} and search_tokens @> ${a}::text[]
              order by published_on desc, id desc limit 20`,
        ),
        queryRows(
          database.db,
          sql`select count(*) from (select 1 from published_decisions where tenant_id = ${TENANT} and search_tokens @> ${a}::text[] limit 10001) m`,
        ),
      ]);
    });
    return { engine: pgUrl ? 'postgres' : 'pglite', rows, fillMs, portal, raw };
  } finally {
    await close();
  }
}

/** Portal search at `rows` (default 1,000,000) on PGlite, and on PostgreSQL when `pgUrl` is given. */
export async function benchPublicity(opts: { pgUrl: string | null; ms?: number; rows?: number }) {
  const rows = opts.rows ?? Number(process.env.BENCH_PUBLICITY_ROWS ?? 1_000_000);
  const out = [await benchOne(null, rows)];
  if (opts.pgUrl) out.push(await benchOne(opts.pgUrl, rows));
  return out;
}

export function printPublicity(results: Awaited<ReturnType<typeof benchPublicity>>) {
  for (const r of results)
    console.log(
      `  ${r.engine.padEnd(8)} ${fmt(r.rows)} decisions (filled in ${fmt(r.fillMs / 1000)} s): portal search median ${r.portal.median.toFixed(1)} ms, p95 ${r.portal.p95.toFixed(1)} ms vs raw SQL median ${r.raw.median.toFixed(1)} ms, p95 ${r.raw.p95.toFixed(1)} ms (200 queries, 2 and 4 characters; target median < 50 ms)`,
    );
}
