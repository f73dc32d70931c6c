import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { pgAdminUrl, pgUrlFor, TEST_FIELD_KEY } from '../../test/support/env.ts';

const onPostgres = process.env.FAZHI_TEST_ENGINE === 'postgres';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

function start(env: Record<string, string>): { proc: ChildProcess; output: () => string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'fazhi-serve-'));
  dirs.push(dataDir);
  let out = '';
  const proc = spawn('node', ['bin/fazhi.mjs', 'serve'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      FIELD_KEY: TEST_FIELD_KEY,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DEMO: 'off',
      WEB_DIST: join(dataDir, 'no-web'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (b: Buffer) => {
    out += b.toString();
  });
  proc.stderr!.on('data', (b: Buffer) => {
    out += b.toString();
  });
  return { proc, output: () => out };
}

const exited = (proc: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (proc.exitCode !== null) resolve(proc.exitCode);
    else proc.once('exit', (code) => resolve(code));
  });

async function until(check: () => boolean | Promise<boolean>, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe('fazhi serve with WORKERS', () => {
  it.runIf(!onPostgres)(
    'refuses several workers on the embedded PGlite, saying why',
    async () => {
      const { proc, output } = start({ WORKERS: '2', PORT: String(await freePort()) });
      expect(await exited(proc)).toBe(2);
      expect(output()).toContain('WORKERS 大于 1 时须使用 PostgreSQL');
    },
    60_000,
  );

  it.runIf(onPostgres)(
    'serves the API from two worker processes on one port and stops them all on SIGTERM',
    async () => {
      const pg = (await import('pg')).default;
      const name = `fazhi_serve_${process.pid}_${Date.now() % 100000}`;
      const admin = new pg.Client({ connectionString: pgAdminUrl() });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
      const port = await freePort();
      const { proc, output } = start({ WORKERS: '2', PORT: String(port), DATABASE_URL: pgUrlFor(name) });
      try {
        const ready = await until(
          () =>
            (output().match(/Fazhi 已启动：/g) ?? []).length === 2 &&
            output().includes('已启动 2 个服务进程'),
          60_000,
        );
        expect(ready, output()).toBe(true);
        const health = await fetch(`http://127.0.0.1:${port}/readyz`);
        expect(health.status).toBe(200);
        const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: 'Fazhi@2026' }),
        });
        expect(login.status).toBe(200);
        // A session made by one worker is valid on the other: sessions live in the database.
        const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
        for (let i = 0; i < 6; i++) {
          const me = await fetch(`http://127.0.0.1:${port}/api/auth/me`, { headers: { cookie } });
          expect(me.status).toBe(200);
        }
        proc.kill('SIGTERM');
        expect(await exited(proc)).toBe(0);
      } finally {
        if (proc.exitCode === null) proc.kill('SIGKILL');
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
    120_000,
  );
});
