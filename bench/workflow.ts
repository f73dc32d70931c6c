import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { loadDemo } from '../src/demo/index.ts';
import { loadConfig } from '../src/kernel/config.ts';
import { createFieldCrypto } from '../src/kernel/crypto.ts';
import { queryRows } from '../src/kernel/db/index.ts';
import { newId } from '../src/kernel/ids.ts';
import type { Actor, Ctx } from '../src/platform/access/index.ts';
import { createCase, defineMachine, transition } from '../src/platform/workflow/index.ts';
import { fmt, rate, scratchDatabase } from './lib.ts';

const KEY = 'b'.repeat(64);

/** A two-state machine: each step is a state change, a timeline event and a log entry, like any real step. */
const Ping = defineMachine({
  type: 'bench.ping',
  name: '基准测试案件',
  numberPrefix: '基准',
  readPermission: 'org.unit.read',
  createPermission: 'org.unit.manage',
  states: { a: { label: '甲' }, b: { label: '乙' } },
  initial: 'a',
  createInput: z.object({ note: z.string() }),
  title: (d) => String(d.note),
  transitions: {
    flip: {
      label: '甲到乙',
      from: ['a'],
      to: 'b',
      permission: 'org.unit.manage',
      input: z.object({ n: z.number() }),
    },
    flop: {
      label: '乙到甲',
      from: ['b'],
      to: 'a',
      permission: 'org.unit.manage',
      input: z.object({ n: z.number() }),
    },
  },
});

/**
 * Transitions per second through the engine (visibility, lock, permission and scope, input validation,
 * guards, state change, timeline event, log entry) against the raw writes a transition makes (update the
 * case, insert the event, insert the log entry, in one transaction), same cases, same concurrency.
 */
export async function benchWorkflow(engine: 'pglite' | 'postgres', pgUrl: string | null, ms: number) {
  const concurrency = engine === 'postgres' ? 16 : 4;
  const { database, close } = await scratchDatabase(engine === 'postgres' ? pgUrl : null, 'benchwf', 20);
  const dataDir = mkdtempSync(join(tmpdir(), 'fazhi-benchwf-'));
  try {
    await database.migrate();
    const crypto = createFieldCrypto(KEY);
    await loadDemo({ db: database.db, crypto }, { scale: 0.2, tenantId: '500113' });
    const [root] = await queryRows<{ id: string; path: string }>(
      database.db,
      sql`select id, path from units where parent_id is null`,
    );
    const actor: Actor = {
      tenantId: '500113',
      userId: newId(),
      username: 'bench',
      displayName: '基准',
      unitId: root!.id,
      unitPath: root!.path,
      roles: [
        {
          id: newId(),
          code: 'sysadmin',
          name: '系统管理员',
          scope: 'tenant',
          scopeUnitIds: [],
          permissions: ['org.unit.read', 'org.unit.manage'],
        },
      ],
      via: 'token',
    };
    const config = loadConfig({ DATA_DIR: dataDir, FIELD_KEY: KEY });
    const ctx = (): Ctx => ({ db: database.db, actor, requestId: null, now: new Date(), crypto, config });
    // One case per worker, so workers do not wait on each other's row locks.
    const ids: string[] = [];
    for (let i = 0; i < concurrency * 2; i++)
      ids.push((await createCase(ctx(), Ping.type, { data: { note: `案件${i}` } })).id);
    const states = new Map(ids.map((id) => [id, 'a']));
    let next = 0;
    const free = [...ids];
    const engineStep = async (i: number) => {
      const id = free.shift() ?? ids[next++ % ids.length]!;
      const name = states.get(id) === 'a' ? 'flip' : 'flop';
      const row = await transition(ctx(), id, name, { n: i });
      states.set(id, row.state);
      free.push(id);
    };
    await rate(engineStep, { concurrency, ms: 1000 });
    const engineRate = await rate(engineStep, { concurrency, ms });

    const rawStep = async (i: number) => {
      const id = free.shift()!;
      const to = states.get(id) === 'a' ? 'b' : 'a';
      const now = new Date();
      await database.db.transaction(async (tx) => {
        await tx.execute(
          sql`update cases set state = ${to}, version = version + 1, updated_at = ${now.toISOString()} where tenant_id = '500113' and id = ${id}`,
        );
        const entryId = newId();
        const body = canonicalize({
          v: 1,
          id: entryId,
          kind: 'bench.ping.flip',
          at: now.toISOString(),
          subject: { type: 'case', id },
          data: { n: i },
        })!;
        await tx.execute(
          sql`insert into log_entries (tenant_id, id, kind, subject_type, subject_id, actor_id, created_at, body) values ('500113', ${entryId}, 'bench.ping.flip', 'case', ${id}, null, ${now.toISOString()}, ${body})`,
        );
        await tx.execute(
          sql`insert into case_events (tenant_id, case_id, seq, kind, name, label, from_state, to_state, actor_id, actor_name, at, data, log_entry_id)
              values ('500113', ${id}, (select coalesce(max(seq), 0) + 1 from case_events where tenant_id = '500113' and case_id = ${id}), 'transition', 'flip', '甲到乙', 'a', ${to}, null, '基准', ${now.toISOString()}, ${JSON.stringify({ n: i })}::jsonb, ${entryId})`,
        );
      });
      states.set(id, to);
      free.push(id);
    };
    await rate(rawStep, { concurrency, ms: 1000 });
    const rawRate = await rate(rawStep, { concurrency, ms });
    return { engine, concurrency, engineRate, rawRate, ratio: engineRate / rawRate };
  } finally {
    await close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printWorkflow(r: Awaited<ReturnType<typeof benchWorkflow>>) {
  console.log(
    `  ${r.engine.padEnd(8)} engine ${fmt(r.engineRate)} transitions/s vs raw writes ${fmt(r.rawRate)}/s → ${(r.ratio * 100).toFixed(0)}% (concurrency ${r.concurrency})`,
  );
}
