import { and, eq, sql } from 'drizzle-orm';
import type { Config } from '../../kernel/config.ts';
import type { FieldCrypto } from '../../kernel/crypto.ts';
import type { Db } from '../../kernel/db/index.ts';
import { queryRows } from '../../kernel/db/index.ts';
import type { Actor, Ctx } from '../access/index.ts';
import { addEvent, type CaseRow } from './engine.ts';
import { getMachine } from './machine.ts';
import { caseDeadlines, cases, timers } from './workflow.tables.ts';

export interface TimerDeps {
  db: Db;
  crypto: FieldCrypto;
  config: Config;
}

type TimerRow = typeof timers.$inferSelect;

/** The actor background work (timers, daily jobs) acts as: the system, with no roles. */
export const systemActor = (tenantId: string): Actor => ({
  tenantId,
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  displayName: '系统',
  unitId: null,
  unitPath: null,
  roles: [],
  via: 'token',
});

/** What each kind of timer does. Each handler checks that its reason still holds (idempotent by design). */
async function handle(ctx: Ctx, t: TimerRow): Promise<void> {
  if (t.kind !== 'deadline.warn' && t.kind !== 'deadline.overdue')
    throw new Error(`unknown timer kind ${t.kind}`);
  const p = t.payload as { deadlineId: string; dueDate: string };
  const deadline = () =>
    ctx.db
      .select()
      .from(caseDeadlines)
      .where(and(eq(caseDeadlines.tenantId, t.tenantId), eq(caseDeadlines.id, p.deadlineId)));
  const [found] = await deadline();
  if (!found) return;
  // The case row lock every transition takes: events are numbered per case, and the period may be met or moved
  // by a step running right now, so both are decided under the lock.
  const [c] = await ctx.db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, t.tenantId), eq(cases.id, found.caseId)))
    .for('update');
  const m = c ? getMachine(c.type) : undefined;
  if (!c || !m) return;
  const [d] = await deadline();
  if (!d || d.status !== 'running' || d.dueDate !== p.dueDate) return; // the period moved or ended: nothing to say
  const warn = t.kind === 'deadline.warn';
  await addEvent(ctx, c as CaseRow, m, {
    kind: warn ? 'deadline.warned' : 'deadline.overdue',
    name: d.key,
    label: warn ? `${d.rule.name}将于${d.dueDate}届满` : `${d.rule.name}已逾期（${d.dueDate}届满）`,
    data: { key: d.key, dueDate: d.dueDate },
    logKind: warn ? 'workflow.deadline.warned' : 'workflow.deadline.overdue',
    system: true,
  });
}

/**
 * Runs the timers that are due, each in its own transaction that also marks it done: a crash repeats both
 * or neither. Rows are claimed with FOR UPDATE SKIP LOCKED, so several app nodes can run this at once and
 * each timer runs exactly once. A failing timer is retried with back-off, then marked failed.
 */
export async function runDueTimers(deps: TimerDeps, now: Date, limitPerTenant = 200): Promise<number> {
  const tenants = await queryRows<{ id: string }>(deps.db, sql`select id from tenants order by id`);
  let done = 0;
  for (const { id: tenantId } of tenants) {
    for (let i = 0; i < limitPerTenant; i++) {
      let claimed: TimerRow | undefined;
      try {
        const ran = await deps.db.transaction(async (tx) => {
          const due = and(
            eq(timers.tenantId, tenantId),
            eq(timers.status, 'pending'),
            sql`${timers.fireAt} <= ${now.toISOString()}`,
            sql`(${timers.lockedUntil} is null or ${timers.lockedUntil} <= ${now.toISOString()})`,
          );
          // Locks are taken in the order a transition takes them (the case, then its timers), so a step and a
          // timer on the same case wait for each other instead of deadlocking: find the next due timer without
          // locking it, lock its case, then claim the timer if it is still due (a step may have cancelled it).
          const [next] = await tx
            .select({ id: timers.id, caseId: timers.caseId })
            .from(timers)
            .where(due)
            .orderBy(timers.fireAt)
            .limit(1);
          if (!next) return false;
          if (next.caseId)
            await tx
              .select({ id: cases.id })
              .from(cases)
              .where(and(eq(cases.tenantId, tenantId), eq(cases.id, next.caseId)))
              .for('update');
          const [t] = await tx
            .select()
            .from(timers)
            .where(and(due, eq(timers.id, next.id)))
            .for('update', { skipLocked: true });
          if (!t) return 'gone';
          claimed = t;
          const ctx: Ctx = {
            db: tx,
            actor: systemActor(tenantId),
            requestId: `timer:${t.id}`,
            now,
            crypto: deps.crypto,
            config: deps.config,
          };
          await handle(ctx, t);
          await tx
            .update(timers)
            .set({ status: 'done', doneAt: now, attempts: t.attempts + 1 })
            .where(and(eq(timers.tenantId, tenantId), eq(timers.id, t.id)));
          return true;
        });
        if (!ran) break;
        if (ran === true) done++;
      } catch (e) {
        if (!claimed) throw e;
        const attempts = claimed.attempts + 1;
        await deps.db
          .update(timers)
          .set({
            attempts,
            lastError: String((e as Error).message).slice(0, 500),
            status: attempts >= 5 ? 'failed' : 'pending',
            lockedUntil: new Date(now.getTime() + 60_000 * 2 ** attempts),
          })
          .where(and(eq(timers.tenantId, tenantId), eq(timers.id, claimed.id)));
      }
    }
  }
  return done;
}

/** The in-process timer worker: polls every `intervalMs`, never overlapping itself. */
export function startTimerWorker(
  deps: TimerDeps,
  clock: { now(): Date },
  intervalMs = 5_000,
  onError?: (e: unknown) => void,
) {
  let stopped = false;
  let handle: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await runDueTimers(deps, clock.now());
    } catch (e) {
      onError?.(e);
    }
    if (!stopped) handle = setTimeout(tick, intervalMs);
  };
  handle = setTimeout(tick, 500);
  return () => {
    stopped = true;
    if (handle) clearTimeout(handle);
  };
}
