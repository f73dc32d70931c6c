/**
 * 抽查结果 → 公共信用: a published inspection result becomes a credit record of kind `inspection` for the entity
 * (source department = the task's lead department, document date = the inspection date), in the publish step's
 * transaction, through the credit module's intake (`recordCredit`, which re-grades the entity); withdrawing the
 * publication or correcting a published result revokes it (a corrected result is recorded again). The record's
 * title carries the findings masked as on the portal (the legal representative as surname + 某).
 *
 * The credit module does not know inspection (it reads no other module's tables); inspection calls its index.ts,
 * as enforcement does for penalty decisions (enforcement → credit, inspection → enforcement, credit → nothing).
 */

import type { Ctx } from '../../platform/access/index.ts';
import { checkUscc } from '../../platform/validators/index.ts';
import { recordCredit, revokeCreditByOrigin, type Severity } from '../credit/index.ts';

export type OutcomeCode = 'normal' | 'corrected' | 'rectify' | 'case';

/**
 * The credit severity of an outcome: nothing found → `none` (a positive fact under the default model), a
 * problem corrected on the spot → `minor`, an order to rectify within a period or a violation taken up as a case
 * → `general` (the penalty that may follow is its own record). The model decides the points ([M]).
 */
export const OUTCOME_SEVERITY: Record<OutcomeCode, Severity> = {
  normal: 'none',
  corrected: 'minor',
  rectify: 'general',
  case: 'general',
};

/** The credit record's reference to a result: task and entity. */
export const resultRef = (taskId: string, entityId: string) => `${taskId}/${entityId}`;

export interface PublishedResult {
  taskId: string;
  taskTitle: string;
  unitId: string;
  entityId: string;
  uscc: string;
  entityName: string;
  outcome: OutcomeCode;
  outcomeLabel: string;
  /** The findings as published (masked). */
  publicFindings: string;
  inspectedOn: string;
}

/** The record's title: task, outcome and the published findings (at most 500 characters). */
export function creditTitle(r: Pick<PublishedResult, 'taskTitle' | 'outcomeLabel' | 'publicFindings'>) {
  return `双随机抽查（${r.taskTitle}）：${r.outcomeLabel}。${r.publicFindings}`.slice(0, 500);
}

/** Records the credit side of one published result; an entity without a valid code gets none (and no failure). */
export async function recordResultCredit(ctx: Ctx, r: PublishedResult): Promise<string | null> {
  if (!checkUscc(r.uscc).ok) return null;
  const { id } = await recordCredit(ctx, {
    creditCode: r.uscc,
    subjectName: r.entityName,
    kind: 'inspection',
    severity: OUTCOME_SEVERITY[r.outcome],
    sourceUnitId: r.unitId,
    title: creditTitle(r),
    documentNo: `双随机抽查${r.taskId.slice(0, 8).toUpperCase()}`,
    decidedOn: r.inspectedOn,
    origin: 'inspection',
    originRef: resultRef(r.taskId, r.entityId),
  });
  return id;
}

/** Revokes the active credit record of a result (withdrawn or corrected). Returns how many were revoked. */
export function revokeResultCredit(ctx: Ctx, taskId: string, entityId: string, reason: string) {
  return revokeCreditByOrigin(ctx, 'inspection', resultRef(taskId, entityId), reason);
}
