/** Outcome of a validator: `ok`, or the reason in Chinese, ready to show to the user. */
export type CheckResult = { ok: true } | { ok: false; reason: string };
