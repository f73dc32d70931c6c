import { definePermissions } from '../../platform/access/index.ts';

export const EnforcementPermissions = definePermissions(
  'enforcement',
  {
    'enforcement.registry.read': '查看执法主体、执法人员和执法事项清单',
    'enforcement.registry.manage': '管理执法主体、执法人员和执法事项清单（含导入导出）',
    'enforcement.case.read': '查看行政处罚案件',
    'enforcement.case.create': '登记行政处罚案件线索、当场处罚',
    'enforcement.case.handle': '办理行政处罚案件（核查、立案、调查取证、告知、听证、送达、执行、结案）',
    'enforcement.case.review': '对行政处罚案件进行法制审核',
    'enforcement.case.approve': '审批行政处罚案件（负责人审批、集体讨论、作出决定）',
    'enforcement.decision.publish': '公开和撤回行政处罚决定（经保密审查的公开版本）',
  },
  '行政执法',
);
