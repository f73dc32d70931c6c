import { definePermissions } from '../../platform/access/index.ts';

export const InspectionPermissions = definePermissions(
  'inspection',
  {
    'inspection.directory.read': '查看市场主体名录库',
    'inspection.directory.manage': '管理市场主体名录库（含导入导出）',
  },
  '双随机、一公开',
);
