import { definePermissions } from '../access/index.ts';

/** Permissions of the statutory clock. */
export const ClockPermissions = definePermissions(
  'clock',
  {
    'clock.rule.manage': '维护法定期限规则',
  },
  '法定期限',
);
