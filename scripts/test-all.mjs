#!/usr/bin/env node
// The README's test command (after `npm ci`): provisions what the tests need, then runs every tier.
// - Chromium and a CJK font (Debian packages) for the browser tests;
// - a PostgreSQL server: DATABASE_URL, else the one on 127.0.0.1:5432, else a throwaway one of our own
//   (installing Debian's postgresql when missing). Nothing is skipped: a missing service fails the run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const started = Date.now();
const log = (msg) => console.log(`\n▶ ${msg}`);
const fail = (msg) => {
  console.error(`\n✖ ${msg}`);
  process.exit(1);
};
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

function aptInstall(...pkgs) {
  log(`installing ${pkgs.join(' ')} (apt-get)`);
  if (!has('apt-get'))
    fail(`${pkgs.join(', ')} missing and apt-get is not available: install them and re-run`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args) =>
    spawnSync(sudo[0] ?? args[0], sudo.length ? args : args.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status;
  if (run(['apt-get', 'install', '-y', '-q', ...pkgs]) !== 0) {
    run(['apt-get', 'update', '-q']);
    if (run(['apt-get', 'install', '-y', '-q', ...pkgs]) !== 0) fail(`could not install ${pkgs.join(' ')}`);
  }
}

function ensureChromium() {
  if (!existsSync('/usr/bin/chromium')) aptInstall('chromium');
  const fonts = spawnSync('sh', ['-c', 'fc-list :lang=zh family'], { encoding: 'utf8' });
  if (fonts.status !== 0 || !fonts.stdout.trim()) aptInstall('fonts-noto-cjk');
  if (!existsSync('/usr/bin/chromium'))
    fail('Chromium is required for the browser tests and could not be installed');
}

async function canConnect(url) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

let throwaway;
async function ensurePostgres() {
  if (process.env.DATABASE_URL) {
    if (!(await canConnect(process.env.DATABASE_URL)))
      fail(`DATABASE_URL is set but PostgreSQL does not answer there`);
    return process.env.DATABASE_URL;
  }
  for (const url of [
    'postgres://postgres@127.0.0.1:5432/test',
    'postgres://postgres@127.0.0.1:5432/postgres',
  ]) {
    if (await canConnect(url)) return url;
  }
  log('no PostgreSQL on 127.0.0.1:5432: starting a throwaway server');
  const binDir = () => {
    const base = '/usr/lib/postgresql';
    if (!existsSync(base)) return null;
    const v = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
    return v && existsSync(join(base, v, 'bin', 'initdb')) ? join(base, v, 'bin') : null;
  };
  if (!binDir()) aptInstall('postgresql');
  const bin = binDir();
  if (!bin) fail('PostgreSQL binaries not found after install');
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd, args) => {
    const full = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    execFileSync(full[0], full[1], { stdio: 'inherit' });
  };
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  run(join(bin, 'initdb'), [
    '-D',
    join(dir, 'data'),
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  run(join(bin, 'pg_ctl'), [
    '-D',
    join(dir, 'data'),
    '-o',
    `-p 55432 -k ${dir} -c fsync=off`,
    '-l',
    join(dir, 'log'),
    '-w',
    'start',
  ]);
  throwaway = { bin, dir, run };
  const url = 'postgres://postgres@127.0.0.1:55432/postgres';
  if (!(await canConnect(url))) fail('the throwaway PostgreSQL did not start');
  return url;
}

function stopThrowaway() {
  if (!throwaway) return;
  try {
    throwaway.run(join(throwaway.bin, 'pg_ctl'), ['-D', join(throwaway.dir, 'data'), '-m', 'fast', 'stop']);
  } catch {}
  rmSync(throwaway.dir, { recursive: true, force: true });
}

function step(name, cmd, args, env = {}) {
  log(name);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    stopThrowaway();
    fail(`${name} failed`);
  }
}

ensureChromium();
const pgUrl = await ensurePostgres();
console.log(`PostgreSQL for tests: ${pgUrl.replace(/\/\/[^@]*@/, '//…@')}`);
try {
  step('lint (Biome)', 'npx', ['biome', 'ci', '.']);
  step('type-check (tsc)', 'npx', ['tsc', '--noEmit', '-p', '.']);
  step('module boundaries', 'node', ['scripts/check-boundaries.mjs']);
  step('build the web UI', 'npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
  step('tests: unit, PGlite, PostgreSQL, browser', 'npx', ['vitest', 'run'], {
    FAZHI_TEST_PG_URL: pgUrl,
    CHROMIUM_PATH: '/usr/bin/chromium',
  });
} finally {
  stopThrowaway();
}
console.log(`\n✔ all checks passed in ${Math.round((Date.now() - started) / 1000)} s`);
