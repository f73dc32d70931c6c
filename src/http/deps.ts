import type { Clock } from '../kernel/clock.ts';
import type { Config } from '../kernel/config.ts';
import type { FieldCrypto } from '../kernel/crypto.ts';
import type { Database, Db } from '../kernel/db/index.ts';

/** What the HTTP app is built from; tests pass their own database and clock. */
export interface AppDeps {
  config: Config;
  database: Database;
  db: Db;
  crypto: FieldCrypto;
  clock: Clock;
}
