/**
 * The catalogue of permissions (action codes). Each module declares its own codes with Chinese labels
 * through `definePermissions`; roles grant codes from this catalogue only.
 */
export interface PermissionInfo {
  code: string;
  name: string;
  module: string;
  /** The module's Chinese name, for grouping in the role editor. */
  moduleName: string;
}

const catalogue = new Map<string, PermissionInfo>();

/** Declares a module's permissions (with the module's Chinese name) and returns the codes as a typed object. */
export function definePermissions<const T extends Record<string, string>>(
  module: string,
  codes: T,
  moduleName: string = module,
): { [K in keyof T]: K & string } {
  const out: Record<string, string> = {};
  for (const [code, name] of Object.entries(codes)) {
    if (!code.startsWith(`${module}.`)) throw new Error(`permission ${code} must start with ${module}.`);
    catalogue.set(code, { code, name, module, moduleName });
    out[code] = code;
  }
  return out as { [K in keyof T]: K & string };
}

export const listPermissions = (): PermissionInfo[] => [...catalogue.values()];
export const isPermission = (code: string): boolean => catalogue.has(code);

export const PlatformPermissions = {
  ...definePermissions(
    'org',
    {
      'org.unit.read': '查看组织机构',
      'org.unit.manage': '管理组织机构',
    },
    '组织机构',
  ),
  ...definePermissions(
    'access',
    {
      'access.user.read': '查看用户',
      'access.user.manage': '管理用户（新建、编辑、停用、分配角色、重置密码）',
      'access.role.read': '查看角色',
      'access.role.manage': '管理角色与权限',
      'access.token.manage': '管理接口令牌',
    },
    '用户与权限',
  ),
  ...definePermissions(
    'dashboard',
    {
      'dashboard.view': '查看工作台统计',
    },
    '工作台',
  ),
  ...definePermissions(
    'log',
    {
      'log.read': '查看全过程记录',
    },
    '全过程记录',
  ),
};
