import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';

/** A Drizzle database or transaction handle; commands receive one and never know which engine runs. */
export type Db = PgDatabase<PgQueryResultHKT>;

export type Engine = 'pglite' | 'postgres';

export interface Database {
  readonly db: Db;
  readonly engine: Engine;
  /** Applies the migration stream (drizzle/), serialised across app nodes by an advisory lock. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance, when embedded (tests dump it as a template). */
  readonly pglite?: PGlite;
}

export const MIGRATIONS_FOLDER = resolve(import.meta.dirname, '../../../drizzle');

export interface OpenOptions {
  /** postgres://… selects a PostgreSQL server; otherwise PGlite. */
  url?: string | undefined;
  /** Folder for PGlite's data; `memory://` keeps it in memory. */
  dataDir?: string;
  poolMax?: number;
  /** A PGlite data-dir dump to start from (test fixtures). */
  loadDataDir?: Blob | File;
  /** PostgreSQL: use named prepared statements (default true; turn off behind a transaction-pooling PgBouncer). */
  prepare?: boolean;
}

/** Opens PostgreSQL through a pool when a URL is given, otherwise the embedded PGlite. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts.poolMax ?? 10, opts.prepare ?? true) : openPglite(opts);
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  let dataDir = opts.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    dataDir = join(dataDir, 'pglite');
  }
  const client = opts.loadDataDir
    ? await PGlite.create(dataDir, { loadDataDir: opts.loadDataDir })
    : await PGlite.create(dataDir);
  const db = drizzle({ client }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    pglite: client,
    migrate: async () => {
      await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    },
    close: () => client.close(),
  };
}

async function openPostgres(url: string, max: number, prepare: boolean): Promise<Database> {
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  // int8 (count(*), bigint ids) as JS numbers where safe; PGlite does the same.
  pg.default.types.setTypeParser(20, (v: string) => {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : v;
  });
  const pool: Pool = new pg.default.Pool({
    connectionString: url,
    max,
    application_name: 'fazhi',
    Client: fazhiClient(pg.default.Client, prepare),
  });
  // An idle connection can fail (server restart, failover); the pool replaces it. Without a listener the
  // 'error' event would crash the process.
  pool.on('error', (err) =>
    console.error(JSON.stringify({ level: 50, msg: 'idle PostgreSQL connection failed', err: err.message })),
  );
  const db = drizzle({ client: pool }) as unknown as Db;
  return {
    db,
    engine: 'postgres',
    migrate: async () => {
      const client = await pool.connect();
      try {
        // One migrator at a time across all app nodes.
        await client.query('SELECT pg_advisory_lock(7130001)');
        await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.query('SELECT pg_advisory_unlock(7130001)').catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * The pg client Fazhi uses, with three savings on every transaction:
 *
 * - **Named prepared statements** (when `prepare`): every parameterised statement is named by a hash of its text,
 *   so PostgreSQL parses and plans each distinct statement once per connection instead of on every call (planning
 *   a lookup on a table with several indexes costs more than executing it). Bounded per connection; beyond the
 *   bound statements run unnamed, as pg does by default.
 * - **Pipelined BEGIN**: the client runs in pg's pipeline mode, and a bare `begin` is not awaited on its own: it
 *   is written together with the transaction's first statement (one write, one round trip instead of two). A
 *   bare BEGIN cannot fail on a live connection (inside a transaction it only warns), and on a lost connection
 *   the statement behind it fails too; its result is still checked and reported through that statement.
 *   `begin` with options (isolation level…) is sent and awaited as usual.
 * - **Pipelined writes** (`executeWithNext`): inside a transaction, a write whose result nobody reads (a
 *   transparency-log entry) is written together with the transaction's next statement, usually its COMMIT.
 *   PostgreSQL runs them in order, so the next statement sees the write; a failed write fails the next statement
 *   with the write's own error (and turns a COMMIT into a rollback), so nothing is lost silently.
 * Queries are otherwise awaited one by one, as before, so pipeline mode changes nothing else.
 */
const names = new Map<string, string>();
/** The prepared-statement name for a statement's text (a hash, remembered for the few thousand texts in use). */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `fz_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size > 5_000) names.clear();
    names.set(text, name);
  }
  return name;
}

/** Marks a statement the client may send with the transaction's next one (see `executeWithNext`). */
const WITH_NEXT = '/*fz:with-next*/ ';
const EMPTY_BEGIN = Object.freeze({ command: 'BEGIN', rowCount: null, rows: [], fields: [] });
const EMPTY_WRITE = Object.freeze({ command: 'PIPELINED', rowCount: null, rows: [], fields: [] });

function fazhiClient(Base: typeof import('pg').Client, prepare: boolean): typeof import('pg').Client {
  const MAX_PER_CONNECTION = 500;
  class FazhiClient extends Base {
    private prepared = new Set<string>();
    /** Statements written but not awaited (a BEGIN, pipelined writes): the next statement reports their results. */
    private pending: Promise<unknown>[] = [];
    /** True while those statements wait in the corked socket for the statement that follows them. */
    private corked = false;
    /** Between BEGIN and COMMIT/ROLLBACK, as far as this client sent them. */
    private inTransaction = false;
    // biome-ignore lint/suspicious/noExplicitAny: pg's constructor takes a string or a config object
    constructor(config?: any) {
      super(
        typeof config === 'string'
          ? { connectionString: config, pipeline: true }
          : { ...config, pipeline: true },
      );
    }
    private get socket(): { cork(): void; uncork(): void } {
      return (this as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection
        .stream;
    }
    private uncork() {
      if (this.corked) {
        this.corked = false;
        this.socket.uncork();
      }
    }
    /** Writes `config` without awaiting it; the next statement reports its result. */
    private hold(config: unknown, values: unknown, result: typeof EMPTY_BEGIN | typeof EMPTY_WRITE) {
      if (!this.corked) {
        this.socket.cork();
        this.corked = true;
        // The next statement normally comes in this same tick and uncorks; never leave the socket corked.
        setImmediate(() => this.uncork());
      }
      const sent: Promise<unknown> = this.send(config, values, undefined);
      sent.catch(() => {}); // reported through the next statement
      this.pending.push(sent);
      return Promise.resolve(result);
    }
    // biome-ignore lint/suspicious/noExplicitAny: pg's query() has many overloads
    private send(config: any, values: any, callback: any): any {
      const params = Array.isArray(values) ? values : config?.values;
      if (prepare && typeof config?.text === 'string' && Array.isArray(params) && params.length > 0) {
        const name = statementName(config.text);
        if (this.prepared.has(name) || this.prepared.size < MAX_PER_CONNECTION) {
          this.prepared.add(name);
          return super.query({ ...config, name }, values, callback);
        }
      }
      return super.query(config, values, callback);
    }
    // biome-ignore lint/suspicious/noExplicitAny: pg's query() has many overloads; we only rewrite the config form
    override query(config: any, values?: any, callback?: any): any {
      const text: string | null =
        typeof config === 'string'
          ? config
          : config && typeof config === 'object' && typeof config.text === 'string' && !config.name
            ? config.text
            : null;
      const isConfig = text !== null && typeof config === 'object';
      const params = isConfig ? (Array.isArray(values) ? values : config.values) : undefined;
      const hasParams = Array.isArray(params) && params.length > 0;
      const control = text !== null && !hasParams ? text.trim().toLowerCase() : '';
      if (!callback && isConfig) {
        if (control === 'begin' && !this.inTransaction) {
          this.inTransaction = true;
          return this.hold(config.text, undefined, EMPTY_BEGIN);
        }
        if (this.inTransaction && text.startsWith(WITH_NEXT)) return this.hold(config, values, EMPTY_WRITE);
      }
      if (control.startsWith('begin') || control.startsWith('start transaction')) this.inTransaction = true;
      const ends = control === 'commit' || control === 'rollback' || control === 'end' || control === 'abort';
      if (ends) this.inTransaction = false;
      const result = this.send(config, values, callback);
      this.uncork();
      if (this.pending.length === 0 || !(result instanceof Promise)) return result;
      const pending = this.pending;
      this.pending = [];
      // A rollback discards whatever failed before it; anything else fails with the first failure before it.
      if (control === 'rollback') return Promise.allSettled(pending).then(() => result);
      return Promise.all([...pending, result]).then(() => result);
    }
  }
  return FazhiClient as unknown as typeof import('pg').Client;
}

/**
 * Runs a write whose result the caller does not read. On PostgreSQL inside a transaction, it is written together
 * with the transaction's next statement (normally COMMIT: one round trip saved) and its failure fails that
 * statement; on PGlite, or outside a transaction, it runs at once. Statements after it see its effect either way.
 */
export async function executeWithNext(db: Db, query: SQL): Promise<void> {
  await db.execute(sql`${sql.raw(WITH_NEXT)}${query}`);
}

/**
 * How many transactions `db` can run at the same time: the size of a PostgreSQL pool, 1 on PGlite (a single
 * connection) or inside a transaction.
 */
export function parallelism(db: Db): number {
  const client = (db as unknown as { $client?: { totalCount?: unknown; options?: { max?: number } } })
    .$client;
  return client && typeof client.totalCount === 'number' ? Math.max(1, client.options?.max ?? 1) : 1;
}

/** Runs raw SQL and returns its rows, the same shape on both engines. */
export async function queryRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** True when the database answers. */
export async function ping(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
