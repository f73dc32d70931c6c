import type { AppDeps } from '../http/deps.ts';
import { loadConfig } from '../kernel/config.ts';
import type { Actor, Ctx } from '../platform/access/index.ts';

/**
 * One step of a demo year, built by a module's demo plan (normative, decisions) or by src/demo (legality): who
 * does it, on which day, and the call through the module's service or the workflow engine.
 */
export interface DemoStep {
  date: string;
  as: Actor;
  what: string;
  run: (ctx: Ctx) => Promise<unknown>;
}

/**
 * Runs demo steps in date order (steps of one day in the order they were planned), each as its actor with
 * `ctx.now` at 09:00 China time on its day plus a second per step, so timelines, clocks and the log read as if the
 * year had been lived. `atomic`: all of them in one transaction (each step a savepoint), as `fazhi demo` and the
 * test template load the enforcement year; otherwise each step commits on its own and the event loop turns between
 * steps, so a server answers requests while the year fills in. A step that fails stops the run with its day and
 * what it was (nothing is skipped silently).
 */
export async function runDemoSteps(
  steps: readonly DemoStep[],
  deps: Pick<AppDeps, 'db' | 'crypto'> & Partial<Pick<AppDeps, 'config'>>,
  opts: { atomic: boolean },
): Promise<number> {
  const config = deps.config ?? loadConfig({});
  const sorted = steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.date < b.s.date ? -1 : a.s.date > b.s.date ? 1 : a.i - b.i))
    .map((x) => x.s);
  const run = async (db: AppDeps['db']) => {
    let day = '';
    let second = 0;
    for (const s of sorted) {
      if (!opts.atomic) await new Promise((r) => setImmediate(r));
      if (s.date !== day) {
        day = s.date;
        second = 0;
      }
      const ctx: Ctx = {
        db,
        actor: s.as,
        requestId: 'demo',
        now: new Date(Date.parse(`${s.date}T09:00:00+08:00`) + 1000 * second++),
        crypto: deps.crypto,
        config,
      };
      try {
        await s.run(ctx);
      } catch (e) {
        throw new Error(
          `示范数据载入失败：${s.date} ${s.what}（${s.as.username}）：${(e as Error).message}`,
          {
            cause: e,
          },
        );
      }
    }
    return sorted.length;
  };
  return opts.atomic ? deps.db.transaction((tx) => run(tx)) : run(deps.db);
}
