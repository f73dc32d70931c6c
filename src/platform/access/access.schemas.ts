import { z } from 'zod';
import { zDateTime, zId, zPageQuery, zText } from '../../kernel/schemas.ts';
import { zMobile } from '../validators/index.ts';

/** A new password: its shape here; the password policy is checked with the other business rules, so a form shows them all together. */
const zNewPassword = z.string().max(128, { error: '密码不能超过128位' });

export const zLoginBody = z.object({
  tenant: z
    .string()
    .regex(/^\d{6}$/, { error: '请选择行政区' })
    .optional(),
  username: zText(64),
  password: z.string().min(1, { error: '请输入密码' }).max(128, { error: '密码过长' }),
});

export const zMe = z
  .object({
    id: zId,
    tenantId: z.string(),
    tenantName: z.string(),
    username: z.string(),
    displayName: z.string(),
    unitId: zId.nullable(),
    unitName: z.string().nullable(),
    roles: z.array(z.object({ code: z.string(), name: z.string(), scope: z.string() })),
    permissions: z.array(z.string()),
    csrfToken: z.string().nullable(),
    mustChangePassword: z.boolean(),
  })
  .meta({ id: 'Me' });

const zRoleRef = z.object({ id: zId, code: z.string(), name: z.string() });

export const zUser = z
  .object({
    id: zId,
    username: z.string(),
    displayName: z.string(),
    kind: z.string(),
    unitId: zId.nullable(),
    unitName: z.string().nullable(),
    positionId: zId.nullable(),
    positionName: z.string().nullable(),
    mobileMasked: z.string().nullable(),
    status: z.string(),
    locked: z.boolean(),
    lastLoginAt: zDateTime.nullable(),
    roles: z.array(zRoleRef),
    canManage: z.boolean(),
  })
  .meta({ id: 'User' });

export const zUserList = z.object({ items: z.array(zUser), total: z.number().int() });

export const zUserQuery = z.object({
  q: z.string().trim().max(64).optional(),
  unitId: zId.optional(),
  includeBelow: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  status: z.enum(['active', 'disabled']).optional(),
  ...zPageQuery,
});

const zUsername = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, {
    error: '用户名须为3到32位字母、数字、下划线、点或连字符，并以字母开头',
  });

export const zCreateUserBody = z.object({
  username: zUsername,
  displayName: zText(50),
  unitId: zId,
  positionId: zId.nullable().optional(),
  mobile: zMobile.nullable().optional(),
  password: zNewPassword,
  roleIds: z.array(zId).max(20).default([]),
  mustChangePassword: z.boolean().optional(),
});

export const zUpdateUserBody = z
  .object({
    displayName: zText(50).optional(),
    unitId: zId.optional(),
    positionId: zId.nullable().optional(),
    mobile: zMobile.nullable().optional(),
    status: z.enum(['active', 'disabled']).optional(),
    unlock: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { error: '没有要修改的内容' });

export const zSetRolesBody = z.object({ roleIds: z.array(zId).max(20) });
export const zResetPasswordBody = z.object({ password: zNewPassword });
export const zChangePasswordBody = z.object({
  currentPassword: z.string().min(1, { error: '请输入当前密码' }),
  newPassword: zNewPassword,
});

export const zRole = z
  .object({
    id: zId,
    code: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    scope: z.string(),
    scopeUnitIds: z.array(zId),
    permissions: z.array(z.string()),
    builtin: z.boolean(),
    userCount: z.number().int(),
  })
  .meta({ id: 'Role' });

export const zRoleBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,63}$/, { error: '角色代码须为小写字母开头的字母、数字、下划线' }),
  name: zText(50),
  description: z.string().trim().max(200).nullable().optional(),
  scope: z.enum(['self', 'unit', 'unit_tree', 'custom', 'tenant', 'all'], { error: '数据范围无效' }),
  scopeUnitIds: z.array(zId).max(200).optional(),
  permissions: z.array(z.string()).max(500),
});

export const zPermission = z.object({
  code: z.string(),
  name: z.string(),
  module: z.string(),
  moduleName: z.string(),
});

export const zToken = z.object({
  id: zId,
  name: z.string(),
  prefix: z.string(),
  userId: zId,
  username: z.string(),
  createdAt: zDateTime,
  expiresAt: zDateTime.nullable(),
  revokedAt: zDateTime.nullable(),
  lastUsedAt: zDateTime.nullable(),
});

export const zTokenBody = z.object({
  userId: zId,
  name: zText(100),
  expiresAt: zDateTime.nullable().optional(),
});
