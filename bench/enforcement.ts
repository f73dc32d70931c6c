import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { loadDemo } from '../src/demo/index.ts';
import { loadConfig } from '../src/kernel/config.ts';
import { createFieldCrypto } from '../src/kernel/crypto.ts';
import { type Database, queryRows } from '../src/kernel/db/index.ts';
import { newId } from '../src/kernel/ids.ts';
import { supervision, supervisionSql } from '../src/modules/enforcement/supervision.ts';
import type { Actor, Ctx } from '../src/platform/access/index.ts';
import { fmt, scratchDatabase } from './lib.ts';

/**
 * 执法监督视图 at scale: `cases` open penalty cases (default 100,000) spread over the demo's enforcement bodies,
 * each with a running decision clock (due dates over 200 days around "today", so about 15% are overdue) and every
 * fifth with a second running clock, inserted by two generate_series statements (not through the engine). Then the
 * supervisor's view (`supervision`, pages 1–5 of 20) for a district-wide supervisor and for a team officer, against
 * the same SQL statement run alone as the baseline.
 */
const TENANT = '500113';
const KEY = 'e'.repeat(64);
const NOW = new Date('2026-11-01T10:00:00+08:00');

/** `n` open cases over the bodies (round robin), a running `decision` clock each, a second clock on every fifth. */
async function fill(database: Database, n: number) {
  const db = database.db;
  await db.execute(sql`create temporary table bench_bodies as
    select row_number() over (order by id) - 1 as i, id, unit_id from enforcement_bodies where tenant_id = ${TENANT}`);
  const [{ k }] = (await queryRows<{ k: number }>(db, sql`select count(*)::int as k from bench_bodies`)) as [
    { k: number },
  ];
  await db.execute(sql`
    insert into cases (tenant_id, id, type, number, title, state, unit_id, owner_id, data, version, created_at, updated_at)
    select ${TENANT}, ('00000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid, 'enforcement.penalty-case',
      '行政处罚〔2026〕' || g || '号', '当事人' || g || '：涉嫌经营超过保质期的食品',
      (array['filed','investigating','investigated','notified','legal-review'])[g % 5 + 1], b.unit_id, null,
      jsonb_build_object('bodyId', b.id, 'clueReceivedOn', '2026-06-01', 'summary', '基准案件'),
      1, timestamptz '2026-06-01 09:00+08' + g * interval '1 minute', now()
    from generate_series(1, ${n}) g join bench_bodies b on b.i = g % ${k}`);
  await db.execute(sql`
    insert into case_deadlines (tenant_id, id, case_id, key, rule, start_date, events, due_date, status, created_at, updated_at)
    select ${TENANT}, gen_random_uuid(), ('00000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid, c.key,
      jsonb_build_object('code', c.code, 'name', c.name, 'statute', '行政处罚法'), '2026-06-01', '[]'::jsonb,
      to_char(date '2026-10-07' + ((g * 7919 + c.shift) % 200), 'YYYY-MM-DD'), 'running', now(), now()
    from generate_series(1, ${n}) g
    join (values ('decision', 'penalty.decision', '作出行政处罚决定', 0, 1),
                 ('hearing-request', 'penalty.hearing-request', '要求听证', 37, 5)) c(key, code, name, shift, every)
      on g % c.every = 0`);
  // a settled table, as autovacuum leaves it (visibility map set, statistics current)
  await db.execute(sql`vacuum analyze cases`);
  await db.execute(sql`vacuum analyze case_deadlines`);
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.floor(s.length * 0.95)]!, runs: s.length };
};

/** Runs `op` (pages 1–5 in turn) for `ms` milliseconds (at least 50 times) after 10 warm-up runs. */
async function timed(ms: number, op: (page: number) => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await op((i % 5) + 1);
  const out: number[] = [];
  const end = performance.now() + ms;
  for (let i = 0; out.length < 50 || performance.now() < end; i++) {
    const t0 = performance.now();
    await op((i % 5) + 1);
    out.push(performance.now() - t0);
  }
  return stats(out);
}

function actorOf(scope: 'tenant' | 'unit', unitId: string, unitPath: string): Actor {
  return {
    tenantId: TENANT,
    userId: newId(),
    username: `bench-${scope}`,
    displayName: '基准',
    unitId,
    unitPath,
    roles: [
      {
        id: newId(),
        code: scope === 'tenant' ? 'justice_supervisor' : 'officer',
        name: scope === 'tenant' ? '司法局法治督查' : '执法人员',
        scope,
        scopeUnitIds: [],
        permissions: ['enforcement.case.read'],
      },
    ],
    via: 'token',
  };
}

async function benchOne(pgUrl: string | null, n: number, ms: number) {
  const { database, close } = await scratchDatabase(pgUrl, 'benchenf');
  const dataDir = mkdtempSync(join(tmpdir(), 'fazhi-benchenf-'));
  try {
    await database.migrate();
    const crypto = createFieldCrypto(KEY);
    await loadDemo({ db: database.db, crypto }, { scale: 0.2, tenantId: TENANT });
    const t0 = performance.now();
    await fill(database, n);
    const fillMs = performance.now() - t0;
    const config = loadConfig({ DATA_DIR: dataDir, FIELD_KEY: KEY });
    const [root] = await queryRows<{ id: string; path: string }>(
      database.db,
      sql`select id, path from units where tenant_id = ${TENANT} and parent_id is null`,
    );
    const [team] = await queryRows<{ id: string; path: string }>(
      database.db,
      sql`select u.id, u.path from units u join enforcement_bodies b on b.tenant_id = u.tenant_id and b.unit_id = u.id
          where u.tenant_id = ${TENANT} order by b.id limit 1`,
    );
    const ctxOf = (actor: Actor): Ctx => ({
      db: database.db,
      actor,
      requestId: null,
      now: NOW,
      crypto,
      config,
    });
    const runs = [];
    for (const [label, actor] of [
      ['supervisor (district)', actorOf('tenant', root!.id, root!.path)],
      ['officer (one team)', actorOf('unit', team!.id, team!.path)],
    ] as const) {
      const ctx = ctxOf(actor);
      const first = await supervision(ctx, { page: 1, pageSize: 20 });
      const view = await timed(ms, (page) => supervision(ctx, { page, pageSize: 20 }));
      const raw = await timed(ms, (page) => queryRows(database.db, supervisionSql(ctx, page, 20)));
      runs.push({
        label,
        total: first.total,
        overdue: first.items.filter((i) => i.overdue).length,
        view,
        raw,
      });
    }
    const [{ overdue }] = (await queryRows<{ overdue: number }>(
      database.db,
      sql`select count(distinct case_id)::int as overdue from case_deadlines where status = 'running' and due_date < '2026-11-01'`,
    )) as [{ overdue: number }];
    return { engine: pgUrl ? 'postgres' : 'pglite', cases: n, overdueCases: overdue, fillMs, runs };
  } finally {
    await close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The supervisor's view at `cases` open cases (default 100,000) on PGlite, and on PostgreSQL when `pgUrl` is given. */
export async function benchSupervision(opts: { pgUrl: string | null; ms?: number; cases?: number }) {
  const n = opts.cases ?? Number(process.env.BENCH_SUPERVISION_CASES ?? 100_000);
  const ms = opts.ms ?? 5000;
  const out = [await benchOne(null, n, ms)];
  if (opts.pgUrl) out.push(await benchOne(opts.pgUrl, n, ms));
  return out;
}

export function printSupervision(results: Awaited<ReturnType<typeof benchSupervision>>) {
  for (const r of results) {
    console.log(
      `  ${r.engine.padEnd(8)} ${fmt(r.cases)} open cases, ${fmt(r.overdueCases)} overdue (filled in ${(r.fillMs / 1000).toFixed(1)} s; target median < 100 ms)`,
    );
    for (const x of r.runs)
      console.log(
        `    ${x.label.padEnd(22)} ${fmt(x.total)} in scope: view median ${x.view.median.toFixed(1)} ms, p95 ${x.view.p95.toFixed(1)} ms vs raw SQL median ${x.raw.median.toFixed(1)} ms, p95 ${x.raw.p95.toFixed(1)} ms (${x.view.runs} runs, pages 1–5 of 20)`,
      );
  }
}
