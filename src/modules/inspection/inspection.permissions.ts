import { definePermissions } from '../../platform/access/index.ts';

export const InspectionPermissions = definePermissions(
  'inspection',
  {
    'inspection.directory.read': '查看市场主体名录库',
    'inspection.directory.manage': '管理市场主体名录库（含导入导出）',
    'inspection.task.read': '查看抽查任务及其抽取',
    'inspection.task.manage': '发布抽查任务（冻结抽取池、公布随机源）并录入随机源值进行抽取',
  },
  '双随机、一公开',
);
