import type { DataScope } from './actor.ts';

/** The roles every new tenant starts with. Administrators may add their own. */
export const BUILTIN_ROLES: {
  code: string;
  name: string;
  scope: DataScope;
  description: string;
  permissions: string[];
}[] = [
  {
    code: 'sysadmin',
    name: '系统管理员',
    scope: 'tenant',
    description: '管理本行政区的组织机构、用户、角色和接口令牌',
    permissions: [
      'org.unit.read',
      'org.unit.manage',
      'access.user.read',
      'access.user.manage',
      'access.role.read',
      'access.role.manage',
      'access.token.manage',
      'dashboard.view',
      'log.read',
      'calendar.manage',
      'clock.rule.manage',
      'enforcement.registry.read',
      'enforcement.registry.manage',
    ],
  },
  {
    code: 'unit_admin',
    name: '单位管理员',
    scope: 'unit_tree',
    description: '管理本单位及下级单位的机构和用户',
    permissions: [
      'org.unit.read',
      'org.unit.manage',
      'access.user.read',
      'access.user.manage',
      'dashboard.view',
      'enforcement.registry.read',
      'enforcement.registry.manage',
    ],
  },
  {
    code: 'leader',
    name: '区政府领导',
    scope: 'tenant',
    description: '查看全区法治政府建设情况',
    permissions: [
      'org.unit.read',
      'access.user.read',
      'dashboard.view',
      'log.read',
      'disclosure.request.read',
      'disclosure.request.approve',
      'enforcement.registry.read',
    ],
  },
  {
    code: 'justice_supervisor',
    name: '司法局法治督查',
    scope: 'tenant',
    description: '司法局统筹、督查、审核全区法治政府建设工作',
    permissions: [
      'org.unit.read',
      'access.user.read',
      'access.role.read',
      'dashboard.view',
      'log.read',
      'disclosure.request.read',
      'enforcement.registry.read',
    ],
  },
  {
    code: 'enforcement_admin',
    name: '执法监督管理员',
    scope: 'tenant',
    description: '维护全区执法主体、执法人员和执法事项清单（含裁量基准），开展行政执法监督',
    permissions: [
      'org.unit.read',
      'access.user.read',
      'dashboard.view',
      'log.read',
      'enforcement.registry.read',
      'enforcement.registry.manage',
    ],
  },
  {
    code: 'legal_reviewer',
    name: '法制审核人员',
    scope: 'unit_tree',
    description: '对本单位的执法决定、规范性文件、合同等进行合法性审查',
    permissions: [
      'org.unit.read',
      'access.user.read',
      'dashboard.view',
      'disclosure.request.read',
      'disclosure.request.review',
      'enforcement.registry.read',
    ],
  },
  {
    code: 'disclosure_officer',
    name: '政务公开工作人员',
    scope: 'unit_tree',
    description: '登记和办理本单位的政府信息公开申请',
    permissions: [
      'org.unit.read',
      'dashboard.view',
      'disclosure.request.read',
      'disclosure.request.create',
      'disclosure.request.handle',
    ],
  },
  {
    code: 'officer',
    name: '执法人员',
    scope: 'unit',
    description: '办理本单位的行政执法案件',
    permissions: ['org.unit.read', 'dashboard.view', 'enforcement.registry.read'],
  },
  {
    code: 'staff',
    name: '工作人员',
    scope: 'self',
    description: '办理本人经手的事项',
    permissions: ['dashboard.view'],
  },
];
