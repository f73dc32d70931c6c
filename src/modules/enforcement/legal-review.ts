/**
 * 法制审核 of a penalty case (行政处罚法第五十八条) through the legality service (合法性审查, one queue for every
 * review): 送法制审核 opens a review of kind `enforcement-decision` on the case in the step's transaction, the legal
 * reviewer gives the opinion on the `legality.review` case (通过 / 修改后通过 / 不通过, or 退回补充材料), the opinion
 * is filed on the penalty case's timeline, and the decision's guard is the service's gate (`reviewPassed`).
 */
import type { Ctx } from '../../platform/access/index.ts';
import type { CaseRow, Guard } from '../../platform/workflow/index.ts';
import { requestReview, reviewPassed, withdrawOpenReview } from '../legality/index.ts';
import { EnforcementPermissions as P } from './enforcement.permissions.ts';

export const PENALTY_CASE_TYPE = 'enforcement.penalty-case';
export const subjectOf = (caseId: string) => ({ type: PENALTY_CASE_TYPE, id: caseId });

/** The effect of 送法制审核 (and of 重新送法制审核): the review request, in the step's transaction. */
export async function sendToLegalReview(ctx: Ctx, row: CaseRow, i: { materials?: string | undefined }) {
  await requestReview(
    ctx,
    {
      kind: 'enforcement-decision',
      subject: subjectOf(row.id),
      // The case number, not its title: the title names the party, the review needs only the case.
      title: `行政处罚案件${row.number}`,
      materials: [{ name: '行政处罚案件案卷材料', ...(i.materials ? { note: i.materials } : {}) }],
      unitId: row.unitId,
    },
    { authorisedBy: P['enforcement.case.handle'] },
  );
}

/** The effect of leaving 法制审核 for a hearing: the review under way is withdrawn (it is asked again after). */
export async function withdrawLegalReview(ctx: Ctx, row: CaseRow) {
  await withdrawOpenReview(ctx, subjectOf(row.id), '当事人要求听证，听证后重新送法制审核', row.unitId, {
    authorisedBy: P['enforcement.case.handle'],
  });
}

/** The decision's gate: the case's latest legality review passed (通过 or 修改后通过). */
export function passedLegalityReview(opts: { name: string; message: string; when?: Guard['when'] }): Guard {
  return {
    name: opts.name,
    message: opts.message,
    ...(opts.when ? { when: opts.when } : {}),
    check: async (g) => {
      const gate = await reviewPassed(g.ctx, subjectOf(g.caseId));
      return gate.problems.map((p) => ({ pointer: '', detail: `${opts.message}（${p}）` }));
    },
  };
}

/** 重新送法制审核 only after the latest review ended without passing (不通过, 退回补充材料, 已撤回). */
export const reviewEndedWithoutPassing: Guard = {
  name: 'LegalReviewEndedWithoutPassing',
  message: '法制审核尚在进行或已经通过，不需要重新送审',
  check: async (g) => {
    const gate = await reviewPassed(g.ctx, subjectOf(g.caseId));
    return !!gate.review && ['failed', 'returned', 'withdrawn'].includes(gate.review.state);
  },
};
