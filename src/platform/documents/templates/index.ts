/** The seed templates, each documenting the placeholders a case fills in its `placeholders`. */
import type { DocumentTemplate } from '../template.ts';
import { deliveryReceipt } from './delivery-receipt.ts';
import { disclosureReply } from './disclosure-reply.ts';
import { hearingNotice } from './hearing-notice.ts';
import { penaltyDecision } from './penalty-decision.ts';
import { penaltyPriorNotice } from './penalty-prior-notice.ts';

export { deliveryReceipt, disclosureReply, hearingNotice, penaltyDecision, penaltyPriorNotice };

/** All seed templates by code. */
export const seedTemplates: Readonly<Record<string, DocumentTemplate>> = Object.freeze(
  Object.fromEntries(
    [penaltyPriorNotice, hearingNotice, penaltyDecision, deliveryReceipt, disclosureReply].map((t) => [
      t.code,
      t,
    ]),
  ),
);
