import { definePermissions } from '../access/index.ts';

/** Permissions of the working-day calendar. Reading it only needs a signed-in user. */
export const CalendarPermissions = definePermissions(
  'calendar',
  {
    'calendar.manage': '维护工作日历',
  },
  '工作日历',
);
