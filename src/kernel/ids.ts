import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

/**
 * Random bytes for ids, drawn from the kernel 4 KiB at a time: one system call per 256 ids instead of one per id
 * (system calls are the dearest thing on a write's path here; Node's own `randomUUID` caches entropy the same
 * way). Ids are not secrets: tokens and keys take their randomness directly from `crypto`.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let at = 0;
function random16(): Uint8Array {
  if (at + 16 > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    at = 0;
  }
  const r = pool.subarray(at, at + 16);
  at += 16;
  return r;
}

/** RFC 9562 §6.2 method 1 (as the uuid package does): a random 32-bit counter start per millisecond, then +1. */
const state = { msecs: Number.NEGATIVE_INFINITY, seq: 0 };

/** Time-ordered UUIDs (v7): index-friendly primary keys that need no central sequence; increasing in a process. */
export const newId = (): string => {
  const random = random16();
  const now = Date.now();
  if (now > state.msecs) {
    state.seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    state.msecs = now;
  } else {
    state.seq = (state.seq + 1) | 0;
    if (state.seq === 0) state.msecs++;
  }
  return v7({ random, msecs: state.msecs, seq: state.seq });
};
