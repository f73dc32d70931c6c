import type { DataScope } from '../api/types.ts';

/** Chinese labels for codes the API returns. */
export const SCOPE_LABELS: Record<DataScope, string> = {
  self: '仅本人',
  unit: '本单位',
  unit_tree: '本单位及下级',
  custom: '指定单位',
  tenant: '本行政区全部',
  all: '全部行政区',
};

export const scopeLabel = (scope: string) => SCOPE_LABELS[scope as DataScope] ?? scope;

/** Permission modules (the API gives only the code). Unknown modules show their code. */
export const MODULE_LABELS: Record<string, string> = {
  org: '组织机构',
  access: '用户与权限',
  dashboard: '工作台',
  log: '全过程记录',
  calendar: '工作日历',
  clock: '法定期限',
  disclosure: '政府信息公开',
};

export const moduleLabel = (module: string) => MODULE_LABELS[module] ?? module;

export const STATUS_LABELS: Record<string, string> = { active: '启用', disabled: '停用' };
export const statusLabel = (status: string) => STATUS_LABELS[status] ?? status;
