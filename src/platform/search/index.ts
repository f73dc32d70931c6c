/**
 * Chinese full-text search without extensions (PGlite and PostgreSQL alike; `zhparser`/`pg_jieba` are not available
 * in PGlite): text is normalised (NFKC, lower case) and cut into runs of letters and digits; every run contributes its
 * character bigrams (a one-character run contributes itself). A table stores the distinct tokens in a `text[]` column
 * under a GIN index; a query is cut the same way and matched with `tokens @> <query tokens>`, so a word or a phrase
 * matches wherever its characters appear in sequence pairs, whatever the segmentation. Callers rank the candidates
 * (e.g. a phrase in the title first). Shared by enforcement (行政处罚决定公开) and normative (规范性文件).
 */

const RUN = /[\p{L}\p{N}]+/gu;

/** The distinct search tokens of some fields: character bigrams of each letter/digit run (NFKC, lower case). */
export function searchTokens(fields: readonly (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const f of fields) {
    for (const run of (f ?? '').normalize('NFKC').toLowerCase().match(RUN) ?? []) {
      const chars = [...run];
      if (chars.length === 1) out.add(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
    }
  }
  return [...out];
}

/** How a query is matched: the bigrams it needs, or (single characters only) the characters for ILIKE. */
export function queryPlan(q: string): { tokens: string[]; chars: string[] } {
  const runs = queryRuns(q);
  const tokens = searchTokens(runs.filter((r) => [...r].length > 1));
  const chars = runs.filter((r) => [...r].length === 1);
  return { tokens, chars };
}

/** The words and phrases of a query (its letter/digit runs, NFKC, lower case), for ranking by phrase. */
export const queryRuns = (q: string): string[] => q.normalize('NFKC').toLowerCase().match(RUN) ?? [];
