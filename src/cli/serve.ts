import { loadDemo } from '../demo/index.ts';
import { buildApp } from '../http/app.ts';
import { ensureCalendarSeeded } from '../platform/calendar/index.ts';
import { startLogSequencer } from '../platform/log/index.ts';
import { listTenants, syncBuiltinRoles } from '../platform/tenancy/index.ts';
import { startTimerWorker } from '../platform/workflow/index.ts';
import { openRuntime } from './runtime.ts';

/** Starts the server: migrate, load the demo district on first start, listen, shut down gracefully. */
export async function serve(opts: { port?: number | undefined }) {
  const started = Date.now();
  const deps = await openRuntime(opts.port !== undefined ? { PORT: String(opts.port) } : {});
  await deps.database.migrate();
  await ensureCalendarSeeded(deps.db);
  await syncBuiltinRoles(deps.db, deps.clock.now());
  if (deps.config.DEMO === 'auto' && (await listTenants(deps.db)).length === 0) {
    const r = await loadDemo(deps, { scale: deps.config.DEMO_SCALE, tenantId: deps.config.DEFAULT_TENANT });
    console.log(
      `已载入示范区：${r.units} 个单位，${r.users} 名用户，${r.cases} 件执法案件（公开处罚决定 ${r.published} 件），用时 ${r.ms} ms`,
    );
  }
  const app = await buildApp(deps, { serveWeb: true });
  const stopLogSequencer = startLogSequencer(deps, { logger: app.log });
  const stopTimers = startTimerWorker(deps, deps.clock, 5_000, (e) =>
    app.log.error({ err: e }, 'timer worker'),
  );
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    stopTimers();
    await app.close();
    await stopLogSequencer();
    await deps.database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  const address = await app.listen({ host: deps.config.HOST, port: deps.config.PORT });
  app.log.info(
    { address, engine: deps.database.engine, startupMs: Date.now() - started },
    `Fazhi 已启动：${address}（管理端 /admin，门户 /，接口文档 /docs）`,
  );
}
