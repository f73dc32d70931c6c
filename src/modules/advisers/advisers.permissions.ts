import { definePermissions } from '../../platform/access/index.ts';

export const AdvisersPermissions = definePermissions(
  'advisers',
  {
    'advisers.roster.read': '查看法律顾问名册、配备单位和覆盖情况',
    'advisers.roster.manage': '管理法律顾问名册和配备单位（司法局）',
    'advisers.work.read': '查看法律顾问工作台账、列席会议记录和履职统计',
    'advisers.work.record': '登记本单位法律顾问的工作事项和列席会议情况',
  },
  '法律顾问',
);
