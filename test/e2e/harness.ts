import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

/**
 * Browser tests run the real server (a child process on a fresh embedded database with a small demo
 * district) and drive Debian's Chromium through playwright-core. No part is mocked.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The instant every browser test's server and browser start at (CLOCK_AT, a training server's clock), so the flows
 * and their dates do not depend on the day the suite runs: the demo year, the calendar's known years and the dates
 * the tests type stay consistent. Both clocks then run on in real time.
 */
export const E2E_CLOCK_AT = '2026-11-26T09:00:00+08:00';
let clockOffsetMs = Date.parse(E2E_CLOCK_AT) - Date.now();
/** "Now" on the browser tests' clock (the server's and the browser's). */
export const e2eNow = (): Date => new Date(Date.now() + clockOffsetMs);
/** Today in China on the browser tests' clock. */
export const e2eToday = (): string => new Date(e2eNow().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Running {
  url: string;
  browser: Browser;
  /** The instant the server's clock started at (newPage starts the browser's clock there too). */
  clockAt: string;
  stop(): Promise<void>;
  /**
   * Stops the server and starts it again on the same data and port with its clock at `clockAt` (CLOCK_AT, a
   * training server's clock): how a flow walks through a statutory period (a 30-day comment period) in seconds.
   * Sessions idle past their limit on the new clock are over: sign in again; move the browser's clock with
   * `setBrowserClock(page.context(), e2eNow())`.
   */
  restartAt(clockAt: string): Promise<void>;
}

/** The environment of the browser tests' server processes: an embedded database in `dataDir`, on `clockAt`. */
const serverEnv = (dataDir: string, clockAt: string) => ({
  ...process.env,
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  DATABASE_URL: '',
  CLOCK_AT: clockAt,
});

/** `fazhi demo --scale 0.1` into `dataDir` on `clockAt`: the browser tests' demo district with its whole year. */
export function buildDemo(dataDir: string, clockAt: string): void {
  const demo = spawnSync('node', ['bin/fazhi.mjs', 'demo', '--scale', '0.1'], {
    env: serverEnv(dataDir, clockAt),
    encoding: 'utf8',
  });
  if (demo.status !== 0) throw new Error(`fazhi demo failed: ${demo.stderr}`);
}

export async function startStack(opts: { clockAt?: string } = {}): Promise<Running> {
  const startAt = opts.clockAt ?? E2E_CLOCK_AT;
  clockOffsetMs = Date.parse(startAt) - Date.now();
  if (!existsSync('web/dist/index.html'))
    throw new Error('web/dist is missing: run `npm run build` first (npm run test:all does)');
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: run \`npm run test:all\`, which installs it`);
  const dataDir = mkdtempSync(join(tmpdir(), 'fazhi-e2e-'));
  // The demo district with its whole year of cases before the server starts: a first `serve` would load the
  // year in the background, and the flows would race it (lists and queues changing under the test). On the
  // tests' clock it is a copy of the run's template (global-setup.ts); on another clock, built here.
  const env = serverEnv(dataDir, startAt);
  if (startAt === E2E_CLOCK_AT) cpSync(inject('e2eTemplate'), dataDir, { recursive: true });
  else buildDemo(dataDir, startAt);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;

  async function startServer(clockAt: string): Promise<ChildProcess> {
    const server: ChildProcess = spawn('node', ['bin/fazhi.mjs', 'serve'], {
      env: {
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DEMO_SCALE: '0.1',
        CLOCK_AT: clockAt,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error('the server exited during start-up');
      if (Date.now() > deadline) throw new Error('the server did not become ready in 90 s');
      try {
        if ((await fetch(`${url}/readyz`)).ok) return server;
      } catch {}
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  async function stopServer(server: ChildProcess) {
    if (server.exitCode !== null) return;
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }

  let server = await startServer(startAt);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const running: Running = {
    url,
    browser,
    clockAt: startAt,
    async restartAt(clockAt: string) {
      await stopServer(server);
      clockOffsetMs = Date.parse(clockAt) - Date.now();
      running.clockAt = clockAt;
      server = await startServer(clockAt);
    },
    async stop() {
      await browser.close();
      await stopServer(server);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return running;
}

/**
 * Shifts `Date` in every page of `context` so that "now" is `at`, running on in real time; timers stay real
 * (Playwright's fake clock also fakes timers and animation frames, which stalls chart and menu animations). Call it
 * again after `restartAt` (it also updates pages already open).
 */
export async function setBrowserClock(context: BrowserContext, at: Date): Promise<void> {
  const offset = at.getTime() - Date.now();
  const script = (o: number) => {
    const w = globalThis as unknown as {
      __fzClockOffset?: number;
      __fzClockShifted?: boolean;
      Date: DateConstructor;
    };
    w.__fzClockOffset = o;
    if (w.__fzClockShifted) return;
    w.__fzClockShifted = true;
    const RealDate = w.Date;
    const now = () => RealDate.now() + (w.__fzClockOffset ?? 0);
    class ShiftedDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(now());
        else super(...(args as [string]));
      }
      static override now() {
        return now();
      }
    }
    w.Date = ShiftedDate as unknown as DateConstructor;
  };
  await context.addInitScript(script, offset);
  for (const page of context.pages()) await page.evaluate(script, offset).catch(() => {});
}

export async function newPage(stack: Running): Promise<Page> {
  const context = await stack.browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
  // The browser's clock starts where the server's is (date pickers default to "today"), then runs on.
  await setBrowserClock(context, e2eNow());
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}
