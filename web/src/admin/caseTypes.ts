import type { CaseTypeUi } from '../shared/workflow/labels.ts';
import { DECISIONS_UI } from './decisions/decisions.ui.ts';
import { DISCLOSURE_UI } from './disclosure/disclosure.ui.ts';
import { CaseDocumentsCard } from './enforcement/CaseDocumentsCard.tsx';
import { ENFORCEMENT_UI } from './enforcement/enforcement.ui.ts';
import { LEGALITY_UI } from './legality/legality.ui.ts';
import { NormativeDraftPanel } from './normative/NormativeDraftPanel.tsx';
import { NORMATIVE_UI } from './normative/normative.ui.ts';

/** Each case type's Chinese field names and hints for the shared workflow screens, and its list page. */
export const CASE_TYPES: Record<string, { ui: CaseTypeUi; listPath: string }> = {
  'decisions.decision': { ui: DECISIONS_UI, listPath: '/admin/decisions' },
  'disclosure.request': { ui: DISCLOSURE_UI, listPath: '/admin/disclosure' },
  'enforcement.penalty-case': {
    ui: { ...ENFORCEMENT_UI, panels: [CaseDocumentsCard] },
    listPath: '/admin/enforcement/cases',
  },
  'enforcement.summary-case': { ui: ENFORCEMENT_UI, listPath: '/admin/enforcement/cases' },
  'legality.review': { ui: LEGALITY_UI, listPath: '/admin/legality/queue' },
  'normative.document': {
    ui: { ...NORMATIVE_UI, panels: [NormativeDraftPanel] },
    listPath: '/admin/normative/documents',
  },
};
