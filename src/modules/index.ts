/** Every domain module, loaded once so its permissions and machines are declared before serving. */
export * as advisers from './advisers/index.ts';
export * as credit from './credit/index.ts';
export * as decisions from './decisions/index.ts';
export * as disclosure from './disclosure/index.ts';
export * as enforcement from './enforcement/index.ts';
export * as inspection from './inspection/index.ts';
export * as legality from './legality/index.ts';
export * as normative from './normative/index.ts';

import { registerDailyJob } from '../platform/workflow/index.ts';
import { endPublicity, gradesByCode, PUBLICITY_END_JOB } from './credit/index.ts';
import { flagOverdueResults, OVERDUE_JOB, setGradeSource } from './inspection/index.ts';

// 双随机 draws split their pool by credit grade: the credit module is the inspection module's grade source.
setGradeSource(gradesByCode);

// Daily jobs: credit records whose publicity period ended stop counting (re-graded); inspection results past
// their publication deadline (20 working days) are flagged.
registerDailyJob({ name: PUBLICITY_END_JOB, run: endPublicity });
registerDailyJob({
  name: OVERDUE_JOB,
  run: async (ctx, today) => ({ flagged: await flagOverdueResults(ctx, today) }),
});
