import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import pg from 'pg';
import { type Database, openDatabase } from '../src/kernel/db/index.ts';

/** Runs `op` with `concurrency` workers for `ms` milliseconds; returns operations per second. */
export async function rate(
  op: (i: number) => Promise<void>,
  opts: { concurrency: number; ms: number },
): Promise<number> {
  let n = 0;
  let errors = 0;
  const end = Date.now() + opts.ms;
  const start = Date.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (Date.now() < end) {
        const i = n++;
        try {
          await op(i);
        } catch (e) {
          if (++errors === 1) console.error('  first error:', (e as Error).message);
        }
      }
    }),
  );
  if (errors > 0) throw new Error(`${errors} operations failed`);
  return n / ((Date.now() - start) / 1000);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts `fazhi serve` as a child process and waits until it is ready; returns it with its start time. With
 * `DEMO: 'auto'` the demo district is loaded first, whole (`fazhi demo`, its year of cases included), so the
 * measurement does not run beside a first start's background loading; `demoMs` is that load.
 */
export async function startServer(
  env: Record<string, string>,
): Promise<{ proc: ChildProcess; url: string; readyMs: number; demoMs: number }> {
  const port = await freePort();
  const fullEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
  let demoMs = 0;
  if (env.DEMO === 'auto') {
    const d0 = Date.now();
    const demo = spawnSync('node', ['bin/fazhi.mjs', 'demo', '--scale', env.DEMO_SCALE ?? '1'], {
      env: fullEnv,
      encoding: 'utf8',
    });
    if (demo.status !== 0) throw new Error(`fazhi demo failed: ${demo.stderr}`);
    demoMs = Date.now() - d0;
  }
  const t0 = Date.now();
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const proc = spawn('node', [...nodeArgs, 'bin/fazhi.mjs', 'serve'], {
    env: { ...fullEnv, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', process.env.BENCH_SERVER_LOG ? 'inherit' : 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (proc.exitCode !== null) throw new Error('server exited during start-up');
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  const readyMs = Date.now() - t0;
  await settled(proc.pid!);
  return { proc, url, readyMs, demoMs };
}

/**
 * Waits until a freshly started server has finished its start-up work (the log sequencer catching up with the
 * demo district's entries, the first daily jobs): until it uses under 3 % of a core over a second, at most 3
 * minutes. Measuring before that would charge that work to the requests.
 */
export async function settled(pid: number): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const c0 = cpuMs(pid);
    await new Promise((r) => setTimeout(r, 1000));
    if (cpuMs(pid) - c0 < 30) return;
  }
}

/** Resident memory of a process and its children (the HTTP workers of a multi-process server), in MB. */
export const rssMb = (pid: number): number => {
  const kb = (p: number): number => {
    let own = 0;
    try {
      own = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      return 0;
    }
    let children: number[] = [];
    try {
      children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {}
    return own + children.reduce((sum, c) => sum + kb(c), 0);
  };
  return Math.round(kb(pid) / 1024);
};

/** CPU time (user + system, ms) of a process and its children, from /proc; 0 when it has gone. */
export const cpuMs = (pid: number): number => {
  let own = 0;
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    own = (Number(f[11]) + Number(f[12])) * 10; // clock ticks of 10 ms
  } catch {
    return 0;
  }
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {}
  return own + children.reduce((sum, c) => sum + cpuMs(c), 0);
};

/** CPU time (ms) of every local PostgreSQL process (the server's backends and background workers). */
export const postgresCpuMs = (): number =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .reduce((sum, d) => {
      try {
        return readFileSync(`/proc/${d}/comm`, 'utf8').startsWith('postgres') ? sum + cpuMs(Number(d)) : sum;
      } catch {
        return sum;
      }
    }, 0);

/**
 * Where the CPU of one operation goes, in microseconds: the load generator (this process), the server (a child
 * process, when there is one) and the local PostgreSQL server, measured around `run`.
 */
export async function cpuPerOp(
  run: () => Promise<number>,
  serverPid: number | null,
): Promise<{ rate: number; client: number; server: number; postgres: number }> {
  const c0 = process.cpuUsage();
  const s0 = serverPid ? cpuMs(serverPid) : 0;
  const p0 = postgresCpuMs();
  const t0 = Date.now();
  const rate = await run();
  const ops = (rate * (Date.now() - t0)) / 1000;
  const c = process.cpuUsage(c0);
  const per = (ms: number) => Math.round((ms * 1000) / ops);
  return {
    rate,
    client: per((c.user + c.system) / 1000),
    server: serverPid ? per(cpuMs(serverPid) - s0) : 0,
    postgres: per(postgresCpuMs() - p0),
  };
}

export async function stop(proc: ChildProcess) {
  if (proc.exitCode !== null) return;
  const done = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await done;
}

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

import { Agent, request } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** A lean HTTP/1.1 client (keep-alive, no WHATWG overhead), so the load generator takes little of the CPU it measures. */
export function http(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    if (opts.body) req.end(opts.body);
    else req.end();
  });
}

/**
 * A fresh PostgreSQL database on `pgUrl`'s server for one benchmark (`fazhi_<label>_<pid>`, replaced if a crashed
 * run left it): its URL, and `drop()` which removes it (connections still open are ended).
 */
export async function scratchPg(
  pgUrl: string,
  label: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `fazhi_${label}_${process.pid}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A scratch database opened for one benchmark: in-memory PGlite without `pgUrl`; `close()` also drops it on PostgreSQL. */
export async function scratchDatabase(
  pgUrl: string | null,
  label: string,
  poolMax = 4,
): Promise<{ database: Database; close: () => Promise<void> }> {
  if (!pgUrl) {
    const database = await openDatabase({ dataDir: 'memory://' });
    return { database, close: () => database.close() };
  }
  const scratch = await scratchPg(pgUrl, label);
  const database = await openDatabase({ url: scratch.url, poolMax });
  return {
    database,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

/** A PostgreSQL text[] literal, for generating rows with `unnest`. */
export const pgTextArray = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/"/g, '\\"')}"`).join(',')}}`;
