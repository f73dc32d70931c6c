import { definePermissions } from '../../platform/access/index.ts';

export const CreditPermissions = definePermissions(
  'credit',
  {
    'credit.record.read': '查看信用记录、信用主体、信用等级及其历史',
    'credit.record.manage': '录入和撤销本部门产生的信用记录',
    'credit.model.manage': '配置信用评分模型（起草、发布、重新评级）和公示期限规则',
    'credit.measure.manage': '维护联合奖惩措施目录',
    'credit.feedback.record': '查询联合奖惩提示并反馈本部门的执行情况',
    'credit.repair.handle': '受理和审核信用修复申请',
  },
  '公共信用',
);
