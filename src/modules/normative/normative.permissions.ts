import { definePermissions } from '../../platform/access/index.ts';

export const NormativePermissions = definePermissions(
  'normative',
  {
    'normative.document.read': '查看行政规范性文件（含起草中的草案）',
    'normative.document.draft': '起草行政规范性文件（版本、征求意见、意见处理、报送审查、公布、报送备案）',
    'normative.document.deliberate': '记录规范性文件集体审议',
    'normative.document.register': '规范性文件统一登记、统一编号（含认定不属于规范性文件）',
    'normative.document.filing': '规范性文件备案审查（暂缓、补正、准予备案）与清理',
    'normative.settings.manage': '设置规范性文件编号格式与有效期',
  },
  '行政规范性文件',
);
