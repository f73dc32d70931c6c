import { CloudUploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Flex, Row, Select, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { describeError } from '../../api/forms.ts';
import { formatTime } from '../../shared/format.ts';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { DeadlineCalculator } from './DeadlineCalculator.tsx';
import { LoadYearModal } from './LoadYearModal.tsx';
import { HolidayList, YearGrid } from './YearGrid.tsx';

/**
 * 工作日历: the loaded years' holidays (休) and make-up working days (班) that the statutory clocks count by,
 * a deadline calculator, and (with calendar.manage) loading next year's arrangement.
 */
export function CalendarPage() {
  const { can } = useMe();
  const { message } = App.useApp();
  const years = useRequest(api.calendar.years, []);
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const list = years.data ?? [];
  const thisYear = dayjs().year();
  const year =
    chosen ?? (list.some((y) => y.year === thisYear) ? thisYear : (list[list.length - 1]?.year ?? undefined));
  const detail = useRequest(() => api.calendar.year(year!), [year], year !== undefined);
  const d = detail.data?.year === year ? detail.data : undefined;

  if (years.error) return <LoadFailed detail={describeError(years.error)} onRetry={years.reload} />;

  return (
    <>
      <PageHeader
        title="工作日历"
        subTitle="国务院办公厅公布的放假调休安排；以工作日计算的法定期限按此日历计算"
        extra={
          <>
            <Select<number>
              value={year}
              onChange={setChosen}
              loading={years.loading}
              style={{ width: 120 }}
              options={list.map((y) => ({ value: y.year, label: `${y.year}年` }))}
              aria-label="年份"
              data-testid="calendar-year"
            />
            {can('calendar.manage') ? (
              <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setLoading(true)}>
                载入新年度安排
              </Button>
            ) : null}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            variant="borderless"
            title={year ? `${year}年` : '日历'}
            extra={
              <Flex gap={16} className="fz-legend" aria-label="图例">
                <span>
                  <i className="fz-day fz-day-holiday fz-legend-swatch">休</i>放假
                </span>
                <span>
                  <i className="fz-day fz-day-makeup fz-legend-swatch">班</i>调休上班
                </span>
                <span>
                  <i className="fz-day fz-day-weekend fz-legend-swatch">六</i>周末
                </span>
              </Flex>
            }
          >
            {detail.error ? (
              <LoadFailed detail={describeError(detail.error)} onRetry={detail.reload} />
            ) : !d ? (
              <Skeleton active paragraph={{ rows: 10 }} />
            ) : (
              <>
                <Descriptions
                  size="small"
                  column={{ xs: 1, md: 2, xl: 4 }}
                  style={{ marginBottom: 16 }}
                  items={[
                    { key: 'source', label: '来源', children: d.source, span: { xs: 1, md: 2, xl: 4 } },
                    { key: 'h', label: '放假日', children: `${d.holidays} 天` },
                    { key: 'm', label: '调休上班日', children: `${d.makeupWorkdays} 天` },
                    { key: 'w', label: '全年工作日', children: `${d.workdays} 天` },
                    { key: 'at', label: '载入', children: `${formatTime(d.loadedAt)}（${d.loadedBy}）` },
                  ]}
                />
                <YearGrid year={d.year} holidays={d.holidayDays} makeupWorkdays={d.makeupWorkdayDays} />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <DeadlineCalculator />
            <Card variant="borderless" title="放假安排">
              {d ? (
                <HolidayList holidays={d.holidayDays} makeupWorkdays={d.makeupWorkdayDays} />
              ) : (
                <Skeleton active />
              )}
            </Card>
          </Flex>
        </Col>
      </Row>
      {loading ? (
        <LoadYearModal
          onClose={() => setLoading(false)}
          onLoaded={(y) => {
            message.success(`${y}年放假安排已载入`);
            setLoading(false);
            setChosen(y);
            years.reload();
            detail.reload();
          }}
        />
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
        系统不猜测放假安排：落在未载入年份的期限无法计算。国务院办公厅每年11月前后公布次年安排，请及时载入。
      </Typography.Paragraph>
    </>
  );
}
