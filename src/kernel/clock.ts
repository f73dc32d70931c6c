/** The source of "now" for domain code; tests pin it, production uses the system clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts at `start` and runs on in real time from there (演练环境: a training or test server whose
 * statutory periods are walked through; see CLOCK_AT).
 */
export function shiftedClock(start: Date | string): Clock & { offsetMs: number } {
  const offsetMs = new Date(start).getTime() - Date.now();
  return { offsetMs, now: () => new Date(Date.now() + offsetMs) };
}

export function fixedClock(
  start: Date | string,
): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
