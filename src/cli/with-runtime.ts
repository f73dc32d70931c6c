import type { AppDeps } from '../http/deps.ts';
import { openRuntime } from './runtime.ts';

/** Runs a command with an open, migrated runtime, closing the database afterwards. */
export async function withRuntime<T>(fn: (deps: AppDeps) => Promise<T>): Promise<T> {
  const deps = await openRuntime({ LOG_LEVEL: 'warn' });
  try {
    await deps.database.migrate();
    return await fn(deps);
  } finally {
    await deps.database.close();
  }
}
