/**
 * A small diff for Chinese text (no library is installed): lines are matched by their longest common
 * subsequence; each run of changed lines is then compared character by character, so a changed word inside a
 * clause shows as such. Quadratic, bounded: beyond `MAX_CELLS` a changed run is shown as deleted then inserted.
 */
export type DiffOp = { op: 'equal' | 'insert' | 'delete'; text: string };

const MAX_CELLS = 4_000_000;

/** Longest-common-subsequence alignment of two sequences, as equal/insert/delete runs of items. */
function lcs<T>(a: readonly T[], b: readonly T[]): { op: DiffOp['op']; items: T[] }[] {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const dp = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      dp[i * w + j] =
        a[i] === b[j] ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
  const out: { op: DiffOp['op']; items: T[] }[] = [];
  const push = (op: DiffOp['op'], item: T) => {
    const last = out[out.length - 1];
    if (last && last.op === op) last.items.push(item);
    else out.push({ op, items: [item] });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push('equal', a[i]!);
      i++;
      j++;
    } else if (dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!) push('delete', a[i++]!);
    else push('insert', b[j++]!);
  }
  while (i < n) push('delete', a[i++]!);
  while (j < m) push('insert', b[j++]!);
  return out;
}

function merge(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  for (const o of ops) {
    if (o.text === '') continue;
    const last = out[out.length - 1];
    if (last && last.op === o.op) last.text += o.text;
    else out.push({ ...o });
  }
  return out;
}

function charDiff(a: string, b: string): DiffOp[] {
  const ca = [...a];
  const cb = [...b];
  if (ca.length * cb.length > MAX_CELLS)
    return [
      { op: 'delete', text: a },
      { op: 'insert', text: b },
    ];
  return lcs(ca, cb).map((r) => ({ op: r.op, text: r.items.join('') }));
}

/** The changes from `a` to `b`: equal, deleted and inserted text, in order (concatenating equal+delete gives `a`). */
export function diffText(a: string, b: string): DiffOp[] {
  const la = a.split(/(?<=\n)/);
  const lb = b.split(/(?<=\n)/);
  if (la.length * lb.length > MAX_CELLS)
    return merge([
      { op: 'delete', text: a },
      { op: 'insert', text: b },
    ]);
  const runs = lcs(la, lb);
  const out: DiffOp[] = [];
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k]!;
    const next = runs[k + 1];
    if (r.op === 'delete' && next?.op === 'insert') {
      out.push(...charDiff(r.items.join(''), next.items.join('')));
      k++;
    } else out.push({ op: r.op, text: r.items.join('') });
  }
  return merge(out);
}

/** The clauses of a draft, one per non-empty line (条款), numbered from 1. */
export const splitClauses = (body: string): string[] =>
  body
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
