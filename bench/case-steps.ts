import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD, loadDemo } from '../src/demo/index.ts';
import { createFieldCrypto } from '../src/kernel/crypto.ts';
import { type Database, openDatabase } from '../src/kernel/db/index.ts';
import { newId } from '../src/kernel/ids.ts';
import { cpuPerOp, fmt, http, rate, scratchPg, startServer, stop } from './lib.ts';

const KEY = 'c'.repeat(64);

const TENANT = '500113';
const HASH = 'ab'.repeat(32);

/**
 * 行政处罚案件 steps through the HTTP API, as an enforcement officer's browser sends them: `recordEvidence`
 * (登记证据) on penalty cases under investigation, each a full engine step (session, CSRF, permission and data
 * scope, lock, input validation, guards, state and data update, timeline event, log entry, in one transaction).
 * The cases are brought to 调查取证 through the API first (clue, 核查, 立案 with its guards, 指派 two credentialed
 * investigators). Measured twice: as the case page sends it (no `Prefer` header: the answer is the case detail
 * the page shows, timeline and all, so it grows with the case), then with `Prefer: return=minimal` as an importer
 * sends it (the new state and version). Baseline: the raw writes the step makes (update the case's data to the
 * same JSON, insert the timeline event and the log entry, one transaction), on the same database, same
 * concurrency, writing the case data the measured API steps wrote (same sizes). With `workers` > 1 the server runs
 * that many HTTP processes (`WORKERS`, one per core as deployed). Also printed: where each step's CPU time goes
 * (the load generator, the server, PostgreSQL; Linux), steadier than rates on a shared machine.
 */
export async function benchCaseSteps(
  engine: 'pglite' | 'postgres',
  pgUrl: string | null,
  ms: number,
  transport = engine === 'pglite' ? 'in process' : 'TCP',
  workers = 1,
) {
  const concurrency = engine === 'postgres' ? 16 : 4;
  // Enough cases that each gets a case's worth of evidence (≈10–20 items) over the run, not hundreds: a step's
  // cost grows with the case's data, which it rewrites, so a few cases stepped thousands of times measure cases
  // no officer keeps.
  const cases = engine === 'postgres' ? 800 : 64;
  const dataDir = mkdtempSync(join(tmpdir(), 'fazhi-bench-cases-'));
  let dropDb: (() => Promise<void>) | null = null;
  const env: Record<string, string> = { DATA_DIR: dataDir, FIELD_KEY: KEY, DEMO: 'auto', DEMO_SCALE: '1' };
  if (engine === 'postgres') {
    const scratch = await scratchPg(pgUrl!, 'benchcs');
    dropDb = scratch.drop;
    env.DATABASE_URL = scratch.url;
    env.PG_POOL_MAX = String(Math.ceil(20 / workers));
    env.WORKERS = String(workers);
  }
  const server = await startServer(env);
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'officer', password: DEMO_PASSWORD }),
    });
    if (!login.ok) throw new Error(`login: HTTP ${login.status}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const call = async (method: string, url: string, body?: unknown, extra: Record<string, string> = {}) => {
      const res = await http(`${server.url}${url}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...extra,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (res.status >= 300) throw new Error(`${method} ${url}: HTTP ${res.status} ${res.body}`);
      return JSON.parse(res.body);
    };
    const TEAM = '区市场监管综合行政执法支队';
    const bodies = (await call('GET', `/api/enforcement/bodies?q=${encodeURIComponent(TEAM)}`)) as {
      items: { id: string; name: string }[];
    };
    const body = bodies.items.find((b) => b.name === TEAM)!.id;
    const matters = (await call('GET', `/api/enforcement/matters?bodyId=${body}&pageSize=100`)) as {
      items: { id: string; code: string }[];
    };
    const matter = matters.items.find((m) => m.code === 'SCJG-CF-001')!.id;
    const officers = (await call('GET', `/api/enforcement/officers?bodyId=${body}&pageSize=100`)) as {
      items: { userId: string; validTo: string; status: string; domains: string[] }[];
    };
    const investigators = officers.items
      .filter((o) => o.status === 'active' && o.validTo > '2026-12-31' && o.domains.includes('食品安全'))
      .slice(0, 2)
      .map((o) => o.userId);
    if (investigators.length < 2) throw new Error('the demo market team has fewer than two valid officers');

    // Bring `cases` cases to 调查取证 (fixed dates in 2026, so no statutory period reaches an unloaded year).
    const ids: string[] = [];
    for (let i = 0; i < cases; i++) {
      const c = await call('POST', '/api/workflow/cases', {
        type: 'enforcement.penalty-case',
        data: {
          bodyId: body,
          source: '投诉举报',
          clueReceivedOn: '2026-06-01',
          summary: `基准测试线索${i}：举报某超市销售过期食品`,
          party: {
            kind: 'organisation',
            name: `示范区基准商贸有限公司${i}`,
            creditCode: '91500000MA5U000000',
          },
        },
      });
      const step = (name: string, input: unknown) =>
        call('POST', `/api/workflow/cases/${c.id}/transitions/${name}`, input);
      await step('verify', { startedOn: '2026-06-01' });
      await step('file', {
        filedOn: '2026-06-02',
        matterId: matter,
        domain: '食品安全',
        cause: '涉嫌经营超过保质期的食品',
        approvedBy: '支队长',
      });
      await step('assignInvestigators', { assignedOn: '2026-06-02', investigators });
      ids.push(c.id);
    }

    const free = [...ids];
    const evidence = (i: number) => ({
      items: [{ type: '书证', title: `进货单${i}`, collectedOn: '2026-06-03', sha256: HASH }],
    });
    // As the case page sends it (no Prefer header): the answer is the case detail the page then shows.
    const apiStep = async (i: number, headers: Record<string, string> = {}) => {
      const id = free.shift()!;
      try {
        await call('POST', `/api/workflow/cases/${id}/transitions/recordEvidence`, evidence(i), headers);
      } finally {
        free.push(id);
      }
    };
    // Each step appends to the case's data: the cases grow as they are measured. The data before and after the
    // measured steps lets the baseline write the same sizes (below).
    type CaseData = Record<string, unknown> & { evidence?: unknown[] };
    const caseData = async () => {
      const out = new Map<string, CaseData>();
      for (const id of ids)
        out.set(id, ((await call('GET', `/api/workflow/cases/${id}`)) as { data: CaseData }).data);
      return out;
    };
    await rate(apiStep, { concurrency, ms: 1000 });
    const before = await caseData();
    const page = await cpuPerOp(
      () => rate((i) => apiStep(i + 1_000_000), { concurrency, ms }),
      server.proc.pid!,
    );
    const after = await caseData();
    // As an importer or another system sends it: `Prefer: return=minimal` (RFC 7240), the new state and version.
    const minimal = { prefer: 'return=minimal' };
    await rate((i) => apiStep(i + 2_000_000, minimal), { concurrency, ms: 1000 });
    const lean = await cpuPerOp(
      () => rate((i) => apiStep(i + 3_000_000, minimal), { concurrency, ms }),
      server.proc.pid!,
    );
    const stepsPerCase = Math.round(((page.rate + lean.rate) * (ms / 1000)) / cases);

    // The baseline: the raw writes of the same step, on the same data, directly.
    let database: Database;
    if (engine === 'postgres') {
      await stop(server.proc);
      database = await openDatabase({ url: env.DATABASE_URL!, poolMax: 20 });
    } else {
      await stop(server.proc);
      // PGlite is single-process: the server's data dir cannot be opened beside it, so the baseline runs on a
      // fresh in-memory copy of the schema and demo, with cases holding the data the API's steps started from.
      database = await openDatabase({ dataDir: 'memory://' });
      await database.migrate();
      await loadDemo({ db: database.db, crypto: createFieldCrypto(KEY) }, { scale: 1, tenantId: TENANT });
      for (const id of ids)
        await database.db.execute(
          sql`insert into cases (tenant_id, id, type, number, title, state, version, unit_id, data, created_at, updated_at)
              select ${TENANT}, ${id}, 'enforcement.penalty-case', ${`基准${id.slice(-8)}`}, '基准', 'investigating', 1,
                     (select id from units where tenant_id = ${TENANT} and parent_id is null), ${JSON.stringify(before.get(id))}::jsonb, now(), now()`,
        );
    }
    // Each raw step writes a case's data as one of the measured API steps did: from the data before them, with
    // the evidence they added appended one more item a step, starting over once all are in. Both sides write the
    // same sizes, whichever is faster.
    const grown = new Map(ids.map((id) => [id, 0]));
    const nextData = (id: string) => {
      const base = before.get(id)!;
      const added = (after.get(id)!.evidence ?? []).slice(base.evidence?.length ?? 0);
      const n = (grown.get(id)! + 1) % (added.length + 1);
      grown.set(id, n);
      return JSON.stringify({ ...base, evidence: [...(base.evidence ?? []), ...added.slice(0, n)] });
    };
    const rawStep = async (i: number) => {
      const id = free.shift()!;
      const now = new Date();
      const input = evidence(i);
      const data = nextData(id);
      try {
        await database.db.transaction(async (tx) => {
          await tx.execute(
            sql`update cases set data = ${data}::jsonb, version = version + 1, updated_at = ${now.toISOString()}
                where tenant_id = ${TENANT} and id = ${id}`,
          );
          const entryId = newId();
          const logBody = canonicalize({
            v: 1,
            id: entryId,
            tenant: TENANT,
            kind: 'workflow.enforcement.penalty-case.recordEvidence',
            at: now.toISOString(),
            subject: { type: 'case', id },
            data: { input },
          })!;
          await tx.execute(
            sql`insert into log_entries (tenant_id, id, kind, subject_type, subject_id, actor_id, created_at, body)
                values (${TENANT}, ${entryId}, 'workflow.enforcement.penalty-case.recordEvidence', 'case', ${id}, null, ${now.toISOString()}, ${logBody})`,
          );
          await tx.execute(
            sql`insert into case_events (tenant_id, case_id, seq, kind, name, label, from_state, to_state, actor_id, actor_name, at, data, log_entry_id)
                values (${TENANT}, ${id}, (select coalesce(max(seq), 0) + 1 from case_events where tenant_id = ${TENANT} and case_id = ${id}),
                        'transition', 'recordEvidence', '登记证据', 'investigating', 'investigating', null, '基准', ${now.toISOString()}, ${JSON.stringify(input)}::jsonb, ${entryId})`,
          );
        });
      } finally {
        free.push(id);
      }
    };
    await rate(rawStep, { concurrency, ms: 1000 });
    const raw = await cpuPerOp(() => rate((i) => rawStep(i + 1_000_000), { concurrency, ms }), null);
    await database.close();
    return {
      engine,
      transport,
      workers,
      concurrency,
      cases,
      stepsPerCase,
      page,
      lean,
      raw,
      ratio: page.rate / raw.rate,
      leanRatio: lean.rate / raw.rate,
    };
  } finally {
    await stop(server.proc);
    rmSync(dataDir, { recursive: true, force: true });
    await dropDb?.();
  }
}

export function printCaseSteps(r: Awaited<ReturnType<typeof benchCaseSteps>>) {
  // CPU of one step in ms: load generator / server / PostgreSQL (the raw writes have no server).
  const cpu = (c: { client: number; server: number; postgres: number }) =>
    [c.client, c.server, c.postgres].map((us) => (us / 1000).toFixed(2)).join(' / ');
  console.log(
    `  ${`${r.engine} (${r.transport}${r.workers > 1 ? `, ${r.workers} workers` : ''})`.padEnd(36)} API ${fmt(r.page.rate)} steps/s vs raw writes ${fmt(r.raw.rate)}/s → ` +
      `${(r.ratio * 100).toFixed(0)}%; with Prefer: return=minimal ${fmt(r.lean.rate)}/s → ${(r.leanRatio * 100).toFixed(0)}% ` +
      `(concurrency ${r.concurrency}, ${r.cases} cases, ≈${r.stepsPerCase} evidence steps each; CPU ms a step, ` +
      `load generator / server / PostgreSQL: page ${cpu(r.page)}, minimal ${cpu(r.lean)}, raw ${cpu(r.raw)})`,
  );
}
