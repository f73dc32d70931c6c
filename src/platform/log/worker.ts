import type { Clock } from '../../kernel/clock.ts';
import type { Config } from '../../kernel/config.ts';
import type { Db } from '../../kernel/db/index.ts';
import { SEQUENCER_BATCH, sequenceAll } from './sequencer.ts';
import { logSignerFor } from './signer.ts';

export interface SequencerWorkerOptions {
  /** Pause between rounds when nothing is left to do (default 200 ms). */
  intervalMs?: number;
  batchSize?: number;
  /** Where failures are reported (the app's pino logger); throttled to one report per message a minute. */
  logger?: { error(obj: object, msg: string): void };
}

/**
 * Starts the in-process sequencer: every ~200 ms it sequences the pending entries of every tenant (see
 * sequencer.ts; with several app nodes each runs one, and the per-tenant advisory lock lets one of them
 * work on a tenant at a time). A round gives each tenant at most 10 batches so that one busy district
 * does not starve the others; a backlog starts the next round at once. Returns `stop()`, which resolves
 * once the round in progress has finished.
 */
export function startLogSequencer(
  deps: { db: Db; config: Config; clock?: Clock },
  opts: SequencerWorkerOptions = {},
): () => Promise<void> {
  const signer = logSignerFor(deps.config);
  const interval = opts.intervalMs ?? 200;
  const now = () => deps.clock?.now() ?? new Date();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const lastReport = new Map<string, number>();

  /** One round; true when a backlog is left (then the next round starts at once). */
  const round = async (): Promise<boolean> => {
    try {
      const s = await sequenceAll(deps.db, signer, {
        batchSize: opts.batchSize ?? SEQUENCER_BATCH,
        maxBatchesPerTenant: 10,
        now,
      });
      return s.more;
    } catch (e) {
      if (stopped) return false; // the database is closing
      const msg = (e as Error).message;
      const t = Date.now();
      if ((lastReport.get(msg) ?? 0) < t - 60_000) {
        lastReport.set(msg, t);
        (opts.logger ?? { error: (o: object, m: string) => console.error(m, o) }).error(
          { err: e },
          'log sequencer round failed',
        );
      }
      return false;
    }
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().then((more) => schedule(more ? 0 : interval));
    }, delay);
    timer.unref();
  };
  schedule(interval);

  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
