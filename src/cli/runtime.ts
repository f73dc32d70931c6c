import type { AppDeps } from '../http/deps.ts';
import { shiftedClock, systemClock } from '../kernel/clock.ts';
import { type Config, ConfigError, loadConfig } from '../kernel/config.ts';
import { createFieldCrypto, resolveFieldKey } from '../kernel/crypto.ts';
import { openDatabase } from '../kernel/db/index.ts';

/** Loads configuration (exiting with every problem listed when invalid) and opens the database. */
export async function openRuntime(overrides: Partial<Record<string, string>> = {}): Promise<AppDeps> {
  let config: Config;
  try {
    config = loadConfig({ ...process.env, ...overrides });
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.dataDir,
    poolMax: config.PG_POOL_MAX,
  });
  return {
    config,
    database,
    db: database.db,
    crypto: createFieldCrypto(resolveFieldKey(config.FIELD_KEY, config.dataDir)),
    clock: config.CLOCK_AT ? shiftedClock(config.CLOCK_AT) : systemClock,
  };
}
