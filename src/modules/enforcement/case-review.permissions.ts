import { definePermissions } from '../../platform/access/index.ts';

/** 案卷评查 (case-file quality review) by the 法制/监督 roles. */
export const CaseReviewPermissions = definePermissions(
  'enforcement',
  {
    'enforcement.casefile.review': '对已作出决定的行政执法案卷进行评查（评分、评定等次、提出整改要求）',
    'enforcement.casefile.standard': '维护案卷评查标准（评查项目、分值和等次分数线）',
  },
  '行政执法',
);
