/**
 * Daily jobs: work a module must do once a day per district (a publicity period that ends, a publication
 * deadline that passes). A module declares the job with `registerDailyJob`; the serve command's background worker
 * (`startDailyJobWorker`) runs each registered job once per tenant and China date, in one transaction with its
 * `daily_job_runs` row (claimed with INSERT … ON CONFLICT DO NOTHING: one node runs it, a crash repeats both or
 * neither, a failure is retried on the next tick). Jobs must be idempotent over a day (they may run late).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Config } from '../../kernel/config.ts';
import type { FieldCrypto } from '../../kernel/crypto.ts';
import type { Db } from '../../kernel/db/index.ts';
import { queryRows } from '../../kernel/db/index.ts';
import type { Ctx } from '../access/index.ts';
import { chinaDate } from './clock-source.ts';
import { systemActor } from './timers.ts';
import { dailyJobRuns } from './workflow.tables.ts';

export interface DailyJob {
  /** Stable name, e.g. `credit.publicity-end`. */
  name: string;
  /** Does the day's work in `ctx.db` (the run's transaction) as the system actor; returns a summary. */
  run(ctx: Ctx, today: string): Promise<Record<string, unknown>>;
}

const jobs = new Map<string, DailyJob>();

/** Declares a daily job (once, at module load); the same name again replaces it. */
export function registerDailyJob(job: DailyJob): void {
  jobs.set(job.name, job);
}

export const dailyJobNames = (): string[] => [...jobs.keys()].sort();

export interface DailyJobDeps {
  db: Db;
  crypto: FieldCrypto;
  config: Config;
}

export interface DailyJobRun {
  tenantId: string;
  job: string;
  day: string;
  result: Record<string, unknown>;
}

/**
 * Runs every registered job not yet run today (China date of `now`) for every tenant. Returns the runs done now;
 * a failing job is reported through `onError` and left for the next call.
 */
export async function runDailyJobs(
  deps: DailyJobDeps,
  now: Date,
  onError?: (e: unknown, job: string, tenantId: string) => void,
): Promise<DailyJobRun[]> {
  const day = chinaDate(now);
  const tenants = await queryRows<{ id: string }>(deps.db, sql`select id from tenants order by id`);
  const out: DailyJobRun[] = [];
  for (const { id: tenantId } of tenants) {
    const done = new Set(
      (
        await deps.db
          .select({ job: dailyJobRuns.job })
          .from(dailyJobRuns)
          .where(and(eq(dailyJobRuns.tenantId, tenantId), eq(dailyJobRuns.day, day)))
      ).map((r) => r.job),
    );
    for (const name of dailyJobNames()) {
      if (done.has(name)) continue;
      const job = jobs.get(name)!;
      try {
        const result = await deps.db.transaction(async (tx) => {
          const claimed = await tx
            .insert(dailyJobRuns)
            .values({ tenantId, job: name, day, ranAt: now, result: {} })
            .onConflictDoNothing()
            .returning({ job: dailyJobRuns.job });
          if (claimed.length === 0) return null;
          const ctx: Ctx = {
            db: tx,
            actor: systemActor(tenantId),
            requestId: `job:${name}:${day}`,
            now,
            crypto: deps.crypto,
            config: deps.config,
          };
          const r = await job.run(ctx, day);
          await tx
            .update(dailyJobRuns)
            .set({ result: r })
            .where(
              and(eq(dailyJobRuns.tenantId, tenantId), eq(dailyJobRuns.job, name), eq(dailyJobRuns.day, day)),
            );
          return r;
        });
        if (result) out.push({ tenantId, job: name, day, result });
      } catch (e) {
        onError?.(e, name, tenantId);
      }
    }
  }
  return out;
}

/** The in-process daily job worker: checks every `intervalMs` (a minute by default), never overlapping itself. */
export function startDailyJobWorker(
  deps: DailyJobDeps,
  clock: { now(): Date },
  intervalMs = 60_000,
  onError?: (e: unknown) => void,
) {
  let stopped = false;
  let handle: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await runDailyJobs(deps, clock.now(), (e) => onError?.(e));
    } catch (e) {
      onError?.(e);
    }
    if (!stopped) handle = setTimeout(tick, intervalMs);
  };
  handle = setTimeout(tick, 1_000);
  return () => {
    stopped = true;
    if (handle) clearTimeout(handle);
  };
}
