import cluster from 'node:cluster';
import pino from 'pino';
import { type DemoCasesResult, loadDemo } from '../demo/index.ts';
import { buildApp } from '../http/app.ts';
import type { AppDeps } from '../http/deps.ts';
import { ensureCalendarSeeded } from '../platform/calendar/index.ts';
import { startLogSequencer } from '../platform/log/index.ts';
import { listTenants, syncBuiltinRoles } from '../platform/tenancy/index.ts';
import { startDailyJobWorker, startTimerWorker } from '../platform/workflow/index.ts';
import { openRuntime } from './runtime.ts';

/**
 * Starts the server: migrate, load the demo district on first start, listen, shut down gracefully.
 *
 * With `WORKERS` > 1 (PostgreSQL only) the primary process prepares the database and runs the background work
 * (log sequencer, timers) while that many worker processes serve HTTP on the shared port: the app nodes are
 * stateless, so a node's cores are used the way several nodes would use theirs.
 */
export async function serve(opts: { port?: number | undefined }) {
  const overrides = opts.port !== undefined ? { PORT: String(opts.port) } : {};
  if (cluster.isWorker) return serveHttp(await openRuntime(overrides), Date.now(), false);
  const started = Date.now();
  const deps = await openRuntime(overrides);
  if (deps.config.CLOCK_AT)
    console.warn(
      `演练环境：系统时间自 ${deps.config.CLOCK_AT} 起算（CLOCK_AT），现为 ${deps.clock.now().toISOString()}；不得用于实际办案`,
    );
  await deps.database.migrate();
  await ensureCalendarSeeded(deps.db);
  await syncBuiltinRoles(deps.db, deps.clock.now());
  // First start: the demo district's units, people and registries now; its year of cases once the server
  // listens (about a minute at scale 1: the server answers meanwhile and the year fills in as it goes).
  let demoCases: (() => Promise<DemoCasesResult>) | undefined;
  if (deps.config.DEMO === 'auto' && (await listTenants(deps.db)).length === 0) {
    const r = await loadDemo(deps, {
      scale: deps.config.DEMO_SCALE,
      tenantId: deps.config.DEFAULT_TENANT,
      cases: 'later',
    });
    console.log(
      `已载入示范区：${r.units} 个单位，${r.users} 名用户，用时 ${r.ms} ms；全年执法案件正在后台载入`,
    );
    demoCases = r.loadCases;
  }
  if (deps.config.WORKERS === 1) return serveHttp(deps, started, true, demoCases);
  if (deps.database.engine !== 'postgres') {
    console.error(
      '配置有误：WORKERS 大于 1 时须使用 PostgreSQL（DATABASE_URL）；嵌入式 PGlite 只能由一个进程打开',
    );
    process.exit(2);
  }
  return servePrimary(deps, started, demoCases);
}

/** The background work every deployment runs once per process group: log sequencer and statutory timers. */
function startBackground(
  deps: AppDeps,
  logger: { info(obj: object, msg: string): void; error(obj: object, msg: string): void },
  demoCases?: () => Promise<DemoCasesResult>,
) {
  const stopLogSequencer = startLogSequencer(deps, { logger });
  let stopTimers = () => {};
  let stopped = false;
  const timers = () => {
    if (stopped) return;
    const stopTimerWorker = startTimerWorker(deps, deps.clock, 5_000, (e) =>
      logger.error({ err: e }, 'timer worker'),
    );
    // Daily jobs (publicity periods ending, publication deadlines passing), checked every minute.
    const stopJobs = startDailyJobWorker(deps, deps.clock, 60_000, (e) =>
      logger.error({ err: e }, 'daily job'),
    );
    stopTimers = () => {
      stopTimerWorker();
      stopJobs();
    };
  };
  // The demo year's timers start once the year is in (its cases' periods are then final).
  const loading = demoCases
    ? demoCases().then(
        (r) => {
          logger.info({ ...r }, `示范区全年执法案件已载入：${r.cases} 件，公开处罚决定 ${r.published} 件`);
          timers();
        },
        (e) => {
          if (!stopped) logger.error({ err: e }, '示范区执法案件载入失败');
          timers();
        },
      )
    : Promise.resolve(timers());
  return async () => {
    // A demo year still loading is abandoned: its step in flight rolls back when the database closes.
    stopped = true;
    stopTimers();
    void loading;
    await stopLogSequencer();
  };
}

function onSignals(shutdown: (signal: string) => Promise<void>) {
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

async function serveHttp(
  deps: AppDeps,
  started: number,
  background: boolean,
  demoCases?: () => Promise<DemoCasesResult>,
) {
  const app = await buildApp(deps, { serveWeb: true });
  let stopBackground = async () => {};
  let closing = false;
  onSignals(async (signal) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close();
    await stopBackground();
    await deps.database.close();
    process.exit(0);
  });
  const address = await app.listen({ host: deps.config.HOST, port: deps.config.PORT });
  if (background) stopBackground = startBackground(deps, app.log, demoCases);
  app.log.info(
    {
      address,
      engine: deps.database.engine,
      startupMs: Date.now() - started,
      ...(cluster.isWorker ? { worker: cluster.worker?.id } : {}),
    },
    `Fazhi 已启动：${address}（管理端 /admin，门户 /，接口文档 /docs）`,
  );
}

async function servePrimary(deps: AppDeps, started: number, demoCases?: () => Promise<DemoCasesResult>) {
  const log = pino({ level: deps.config.LOG_LEVEL });
  const stopBackground = startBackground(deps, log, demoCases);
  let closing = false;
  const fork = () => cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (closing) return;
    log.error({ worker: worker.id, code, signal }, 'HTTP worker exited; starting another');
    setTimeout(fork, 1_000).unref();
  });
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === deps.config.WORKERS)
      log.info(
        { workers: deps.config.WORKERS, startupMs: Date.now() - started },
        `Fazhi 已启动 ${deps.config.WORKERS} 个服务进程`,
      );
  });
  for (let i = 0; i < deps.config.WORKERS; i++) fork();
  onSignals(async (signal) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: stopping the HTTP workers');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
    await stopBackground();
    await deps.database.close();
    process.exit(0);
  });
}
