import { definePermissions } from '../../platform/access/index.ts';

export const EnforcementPermissions = definePermissions(
  'enforcement',
  {
    'enforcement.registry.read': '查看执法主体、执法人员和执法事项清单',
    'enforcement.registry.manage': '管理执法主体、执法人员和执法事项清单（含导入导出）',
  },
  '行政执法',
);
