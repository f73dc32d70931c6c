/**
 * 行政处罚 → 公共信用: a published penalty decision against an organisation with a unified social credit code
 * becomes a credit record of kind `penalty` (source department = the body's unit, document = the decision), in
 * the publish step's transaction, through the credit module's intake (`recordCredit`, which re-grades the
 * subject); withdrawing the publication revokes it. A natural person gets no credit record (rules.md §12 grades
 * market entities), and a party without a valid code is skipped: the legal duty to publish must not fail on it.
 */
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/access/index.ts';
import { checkUscc } from '../../platform/validators/index.ts';
import { recordCredit, revokeCreditByOrigin, type Severity } from '../credit/index.ts';
import { type DecisionOutcome, hearingQualifies, type PartyKind, SUMMARY_FINE_LIMIT } from './case.rules.ts';
import { enforcementBodies } from './enforcement.tables.ts';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' ? (v as Rec) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Penalties that are no more than a warning or a circulated criticism (行政处罚法第九条第一项). */
const MINOR_PENALTY_WORDS = ['警告', '通报批评'] as const;

/**
 * The credit severity of a penalty decision: **serious** when it would entitle the party to a hearing (a fine of
 * a 较大数额, revocation, suspension, closure, restriction: 行政处罚法第六十三条), **minor** for a warning or
 * circulated criticism with at most a fine within the on-the-spot limit (the "low fines" of 国市监信规〔2021〕3号),
 * **general** otherwise.
 */
export function penaltyCreditSeverity(p: {
  partyKind: PartyKind;
  fine?: number | undefined;
  otherPenalties?: readonly string[] | undefined;
  hearingThreshold?: number | undefined;
}): Exclude<Severity, 'none'> {
  const others = p.otherPenalties ?? [];
  if (
    hearingQualifies({
      partyKind: p.partyKind,
      fine: p.fine,
      otherPenalties: others,
      threshold: p.hearingThreshold,
    })
  )
    return 'serious';
  const lowFine = (p.fine ?? 0) <= SUMMARY_FINE_LIMIT[p.partyKind];
  if (lowFine && others.every((x) => MINOR_PENALTY_WORDS.some((w) => x.includes(w)))) return 'minor';
  return 'general';
}

interface CaseRowLike {
  id: string;
  tenantId: string;
  data: unknown;
}

/** The publish step's credit side: records the penalty when the party is an organisation with a valid code. */
export async function recordPenaltyCredit(
  ctx: Ctx,
  row: CaseRowLike,
  published: { partyName: string; penaltySummary: string; matterName: string },
): Promise<string | null> {
  const data = rec(row.data);
  const party = rec(data.party);
  const d = rec(data.decision);
  if (party.kind !== 'organisation') return null;
  if ((d.outcome as DecisionOutcome | undefined) !== 'penalty') return null;
  const code = str(party.creditCode).trim().toUpperCase();
  if (!checkUscc(code).ok) return null;
  const [body] = await ctx.db
    .select({ unitId: enforcementBodies.unitId })
    .from(enforcementBodies)
    .where(and(eq(enforcementBodies.tenantId, row.tenantId), eq(enforcementBodies.id, str(data.bodyId))));
  if (!body) return null;
  const { id } = await recordCredit(ctx, {
    creditCode: code,
    subjectName: str(party.name) || published.partyName,
    kind: 'penalty',
    severity: penaltyCreditSeverity({
      partyKind: 'organisation',
      fine: typeof d.fine === 'number' ? d.fine : undefined,
      otherPenalties: Array.isArray(d.otherPenalties) ? (d.otherPenalties as string[]) : [],
      hearingThreshold: typeof data.hearingThreshold === 'number' ? data.hearingThreshold : undefined,
    }),
    sourceUnitId: body.unitId,
    title: `${published.matterName}：${published.penaltySummary}`,
    documentNo: str(d.decisionNo),
    decidedOn: str(d.decidedOn),
    origin: 'enforcement',
    originRef: row.id,
  });
  return id;
}

/** The withdraw step's credit side: revokes the case's active penalty record, if it made one. */
export function revokePenaltyCredit(ctx: Ctx, row: CaseRowLike, reason: string): Promise<number> {
  return revokeCreditByOrigin(ctx, 'enforcement', row.id, `撤回行政处罚决定公开：${reason}`);
}
