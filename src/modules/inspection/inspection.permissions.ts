import { definePermissions } from '../../platform/access/index.ts';

export const InspectionPermissions = definePermissions(
  'inspection',
  {
    'inspection.directory.read': '查看市场主体名录库',
    'inspection.directory.manage': '管理市场主体名录库（含导入导出）',
    'inspection.task.read': '查看抽查任务及其抽取',
    'inspection.task.manage':
      '编制抽查事项清单和年度抽查计划，发布抽查任务（冻结抽取池、公布随机源），抽取检查对象、匹配检查人员、登记回避，公示抽查结果',
    'inspection.result.record': '录入本人参加检查的抽查结果（谁检查、谁录入）',
  },
  '双随机、一公开',
);
