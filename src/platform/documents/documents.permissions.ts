import { definePermissions } from '../access/index.ts';

/** Permissions of the document templates (文书模板). */
export const DocumentsPermissions = definePermissions(
  'documents',
  {
    'documents.template.read': '查看文书模板',
    'documents.template.manage': '修改文书模板（保存新版本、恢复标准模板）',
  },
  '文书模板',
);
