import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD, loadDemo } from '../src/demo/index.ts';
import { createFieldCrypto } from '../src/kernel/crypto.ts';
import { type Database, openDatabase, queryRows } from '../src/kernel/db/index.ts';
import { newId } from '../src/kernel/ids.ts';
import { cpuPerOp, fmt, http, rate, rssMb, scratchPg, startServer, stop } from './lib.ts';

const KEY = 'a'.repeat(64);

/**
 * An authenticated write through the API (create a position: one insert plus its log entry, atomic, after session
 * lookup, CSRF check, permission, validation and scope) against the same two inserts done directly on the database
 * in a transaction, with the same concurrency. The API sends them as one statement (the scope check in the
 * insert's WHERE, the log entry in a WITH); the same one statement sent directly is reported too.
 */
export async function benchApiWrite(
  engine: 'pglite' | 'postgres',
  pgUrl: string | null,
  ms: number,
  transport = engine === 'pglite' ? 'in process' : 'TCP',
  workers = 1,
) {
  const concurrency = engine === 'postgres' ? 16 : 4;
  const dataDir = mkdtempSync(join(tmpdir(), 'fazhi-bench-'));
  let dropDb: (() => Promise<void>) | null = null;
  const env: Record<string, string> = { DATA_DIR: dataDir, FIELD_KEY: KEY, DEMO: 'auto', DEMO_SCALE: '1' };
  if (engine === 'postgres') {
    const scratch = await scratchPg(pgUrl!, 'bench');
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
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const units = (await (
      await fetch(`${server.url}/api/org/units?kind=village`, { headers: { cookie } })
    ).json()) as { id: string }[];
    const rssIdle = rssMb(server.proc.pid!);
    let apiRate = 0;
    const apiWrite = async (i: number) => {
      const unit = units[i % units.length]!;
      const res = await http(`${server.url}/api/org/units/${unit.id}/positions`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `岗位${i}` }),
      });
      if (res.status !== 201) throw new Error(`HTTP ${res.status}: ${res.body}`);
    };
    await rate(apiWrite, { concurrency, ms: 1000 }); // warm-up
    const apiCpu = await cpuPerOp(
      () => rate((i) => apiWrite(i + 1_000_000), { concurrency, ms }),
      server.proc.pid!,
    );
    apiRate = apiCpu.rate;
    const rssLoaded = rssMb(server.proc.pid!);

    // The baseline: the same two inserts, directly, in one transaction each.
    let database: Database;
    if (engine === 'postgres') {
      await stop(server.proc);
      database = await openDatabase({ url: env.DATABASE_URL!, poolMax: 20 });
    } else {
      database = await openDatabase({ dataDir: 'memory://' });
      await database.migrate();
      await loadDemo({ db: database.db, crypto: createFieldCrypto(KEY) }, { scale: 1, tenantId: '500113' });
    }
    const rawUnits = await queryRows<{ id: string }>(
      database.db,
      sql`select id from units where kind = 'village'`,
    );
    /** One raw write's values: the position and its log entry (the body as the API writes it). */
    const rawRow = (i: number, prefix: string) => {
      const unitId = rawUnits[i % rawUnits.length]!.id;
      const id = newId();
      const entryId = newId();
      const at = new Date().toISOString();
      const name = `${prefix}${i}`;
      const body = canonicalize({
        v: 1,
        id: entryId,
        kind: 'org.position.created',
        at,
        subject: { type: 'position', id },
        after: { unitId, name },
      })!;
      return { unitId, id, entryId, at, name, body };
    };
    const rawWrite = async (i: number) => {
      const r = rawRow(i, '原始岗位');
      await database.db.transaction(async (tx) => {
        await tx.execute(
          sql`insert into positions (tenant_id, id, unit_id, name, sort) values ('500113', ${r.id}, ${r.unitId}, ${r.name}, 0)`,
        );
        await tx.execute(
          sql`insert into log_entries (tenant_id, id, kind, subject_type, subject_id, actor_id, created_at, body) values ('500113', ${r.entryId}, 'org.position.created', 'position', ${r.id}, null, ${r.at}, ${r.body})`,
        );
      });
    };
    await rate(rawWrite, { concurrency, ms: 1000 });
    const rawCpu = await cpuPerOp(() => rate((i) => rawWrite(i + 1_000_000), { concurrency, ms }), null);
    const rawRate = rawCpu.rate;
    // The same two inserts as one statement (what the API's write sends: the log entry in a WITH), for comparison.
    const rawOne = async (i: number) => {
      const r = rawRow(i, '单句岗位');
      await database.db.execute(
        sql`with p as (insert into positions (tenant_id, id, unit_id, name, sort) values ('500113', ${r.id}, ${r.unitId}, ${r.name}, 0) returning id)
            insert into log_entries (tenant_id, id, kind, subject_type, subject_id, actor_id, created_at, body)
            select '500113', ${r.entryId}, 'org.position.created', 'position', p.id, null, ${r.at}, ${r.body} from p`,
      );
    };
    await rate(rawOne, { concurrency, ms: 1000 });
    const rawOneRate = await rate((i) => rawOne(i + 1_000_000), { concurrency, ms });
    await database.close();
    return {
      engine,
      transport,
      workers,
      concurrency,
      apiRate,
      rawRate,
      rawOneRate,
      ratio: apiRate / rawRate,
      apiCpu,
      rawCpu,
      readyMs: server.readyMs,
      demoMs: server.demoMs,
      rssIdle,
      rssLoaded,
    };
  } finally {
    await stop(server.proc);
    rmSync(dataDir, { recursive: true, force: true });
    await dropDb?.();
  }
}

export function printApiWrite(r: Awaited<ReturnType<typeof benchApiWrite>>) {
  console.log(
    `  ${`${r.engine} (${r.transport}${r.workers > 1 ? `, ${r.workers} workers` : ''})`.padEnd(36)} API ${fmt(r.apiRate)}/s vs raw ${fmt(r.rawRate)}/s → ${(r.ratio * 100).toFixed(0)}% ` +
      `(concurrency ${r.concurrency}; raw as one statement ${fmt(r.rawOneRate)}/s → ${((r.apiRate / r.rawOneRate) * 100).toFixed(0)}%); demo district (its year of cases included) loaded in ${(r.demoMs / 1000).toFixed(1)} s, ` +
      `then the server ready in ${(r.readyMs / 1000).toFixed(1)} s; RSS ${r.rssIdle} MB idle, ${r.rssLoaded} MB after load`,
  );
  if (r.engine === 'postgres') {
    const a = r.apiCpu;
    const w = r.rawCpu;
    console.log(
      `    CPU per write (µs): API = load generator ${a.client} + server ${a.server} + PostgreSQL ${a.postgres} = ${a.client + a.server + a.postgres}; ` +
        `raw = load generator ${w.client} + PostgreSQL ${w.postgres} = ${w.client + w.postgres}`,
    );
  }
}
