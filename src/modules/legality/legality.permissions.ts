import { definePermissions } from '../../platform/access/index.ts';

export const LegalityPermissions = definePermissions(
  'legality',
  {
    'legality.review.read': '查看合法性审查及统计',
    'legality.review.request': '提请合法性审查（规范性文件、重大决策、合同协议等）',
    'legality.review.unit': '单位法制机构合法性审查（第一道审查）',
    'legality.review.justice': '司法局合法性审查（第二道审查）',
    'legality.settings.manage': '设置哪些类型的事项实行双重合法性审查',
  },
  '合法性审查',
);
