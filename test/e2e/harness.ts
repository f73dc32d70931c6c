import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * Browser tests run the real server (a child process on a fresh embedded database with a small demo
 * district) and drive Debian's Chromium through playwright-core. No part is mocked.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
  stop(): Promise<void>;
  /**
   * Stops the server and starts it again on the same data and port with its clock at `clockAt` (CLOCK_AT, a
   * training server's clock): how a flow walks through a statutory period (a 30-day comment period) in seconds.
   * Sessions idle past their limit on the new clock are over: sign in again.
   */
  restartAt(clockAt: string): Promise<void>;
}

export async function startStack(opts: { clockAt?: string } = {}): Promise<Running> {
  if (!existsSync('web/dist/index.html'))
    throw new Error('web/dist is missing: run `npm run build` first (npm run test:all does)');
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: run \`npm run test:all\`, which installs it`);
  const dataDir = mkdtempSync(join(tmpdir(), 'fazhi-e2e-'));
  // The demo district with its whole year of cases before the server starts: a first `serve` would load the
  // year in the background, and the flows would race it (lists and queues changing under the test).
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' };
  const demo = spawnSync('node', ['bin/fazhi.mjs', 'demo', '--scale', '0.1'], { env, encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`fazhi demo failed: ${demo.stderr}`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;

  async function startServer(clockAt: string | undefined): Promise<ChildProcess> {
    const server: ChildProcess = spawn('node', ['bin/fazhi.mjs', 'serve'], {
      env: {
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DEMO_SCALE: '0.1',
        ...(clockAt ? { CLOCK_AT: clockAt } : {}),
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

  let server = await startServer(opts.clockAt);
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
  return {
    url,
    browser,
    async restartAt(clockAt: string) {
      await stopServer(server);
      server = await startServer(clockAt);
    },
    async stop() {
      await browser.close();
      await stopServer(server);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function newPage(stack: Running): Promise<Page> {
  const context = await stack.browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}
