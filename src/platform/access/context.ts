import type { Config } from '../../kernel/config.ts';
import type { FieldCrypto } from '../../kernel/crypto.ts';
import type { Db } from '../../kernel/db/index.ts';
import type { Actor } from './actor.ts';

/** Everything a command or query needs: the database (usually a transaction), who acts, and when. */
export interface Ctx {
  db: Db;
  actor: Actor;
  requestId: string | null;
  now: Date;
  crypto: FieldCrypto;
  config: Config;
}

/** Runs `fn` in one transaction: the state change and its log entries commit together or not at all. */
export function inTx<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn({ ...ctx, db: tx }));
}
