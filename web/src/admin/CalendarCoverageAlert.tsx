import { Alert } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/endpoints.ts';
import { useMe } from '../shared/me.tsx';
import { useRequest } from '../shared/useRequest.ts';

const DISMISSED = 'fz-calendar-coverage-dismissed';

/**
 * Warns every official, on every admin page, when the working-day calendar is about to run out: a period that
 * reaches a year whose holiday notice is not loaded is refused (CALENDAR.YEAR_UNKNOWN), so the year must be loaded
 * before steps with 90-day or 20-working-day periods start failing. Administrators get the link to load it.
 * Dismissed for the browser session (per missing year).
 */
export function CalendarCoverageAlert() {
  const { can } = useMe();
  const coverage = useRequest(api.calendar.coverage, []);
  const [dismissed, setDismissed] = useState(() => sessionStorage.getItem(DISMISSED));
  const c = coverage.data;
  if (!c?.warn || dismissed === String(c.missingYear)) return null;
  const when =
    c.daysLeft === 0 ? `今天已是${c.missingYear}年，` : `距${c.missingYear}年还有 ${c.daysLeft} 天，`;
  return (
    <Alert
      type="warning"
      showIcon
      closable={{
        onClose: () => {
          sessionStorage.setItem(DISMISSED, String(c.missingYear));
          setDismissed(String(c.missingYear));
        },
      }}
      data-testid="calendar-coverage-alert"
      style={{ marginBottom: 16 }}
      title={`尚未载入${c.missingYear}年的节假日安排`}
      description={
        <>
          {when}
          法定期限跨入{c.missingYear}
          年的办理步骤（如立案后九十日内作出决定、二十个工作日内答复）将无法计算期限而被拒绝。
          {can('calendar.manage') ? (
            <>
              请在 <Link to="/admin/calendar">工作日历</Link> 中载入国务院办公厅发布的{c.missingYear}
              年部分节假日安排通知。
            </>
          ) : (
            '请联系系统管理员载入国务院办公厅发布的放假调休通知。'
          )}
        </>
      }
    />
  );
}
