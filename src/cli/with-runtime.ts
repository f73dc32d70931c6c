import type { AppDeps } from '../http/deps.ts';
import { ensureCalendarSeeded } from '../platform/calendar/index.ts';
import { syncBuiltinRoles } from '../platform/tenancy/index.ts';
import { openRuntime } from './runtime.ts';

/** Runs a command with an open, migrated runtime (calendar seeded, built-in roles current), closing the database afterwards. */
export async function withRuntime<T>(fn: (deps: AppDeps) => Promise<T>): Promise<T> {
  const deps = await openRuntime({ LOG_LEVEL: 'warn' });
  try {
    await deps.database.migrate();
    await ensureCalendarSeeded(deps.db);
    await syncBuiltinRoles(deps.db, deps.clock.now());
    return await fn(deps);
  } finally {
    await deps.database.close();
  }
}
