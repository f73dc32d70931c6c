import { Button, Card, Col, Row, Select, Statistic, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type AdviserStats, advisersApi, WORK_KINDS } from '../../api/advisers.ts';
import { describeError } from '../../api/forms.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useUnitKinds } from '../../shared/units.ts';
import { useRequest } from '../../shared/useRequest.ts';
import { Bars } from './AdvisersCharts.tsx';

const thisYear = dayjs().year();
const WORK_PATH = '/admin/advisers/work';

/** A link to the work ledger filtered to exactly the items behind a figure. */
export function drillTo(year: number, f: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams({ year: String(year) });
  for (const [k, v] of Object.entries(f)) if (v !== undefined) p.set(k, String(v));
  return `${WORK_PATH}?${p.toString()}`;
}

type AdviserRow = AdviserStats['byAdviser'][number];
type UnitRow = AdviserStats['byUnit'][number];

/** 履职统计: a year's work items by kind, month, adviser and unit, and meeting attendance; every figure opens its items. */
export function StatsPage() {
  const [year, setYear] = useState(thisYear);
  const navigate = useNavigate();
  const kinds = useUnitKinds();
  const stats = useRequest(() => advisersApi.stats(year), [year]);
  if (stats.error) return <LoadFailed detail={describeError(stats.error)} onRetry={stats.reload} />;
  const s = stats.data;
  const link = (n: number, f: Record<string, string | number | undefined>) =>
    n > 0 ? <Link to={drillTo(year, f)}>{n}</Link> : <span style={{ color: '#bfbfbf' }}>0</span>;

  const adviserColumns: TableColumnsType<AdviserRow> = [
    { title: '法律顾问', dataIndex: 'name', fixed: 'left', width: 100 },
    { title: '类别', dataIndex: 'kindLabel', width: 110 },
    { title: '律师事务所或单位', dataIndex: 'organisation', width: 180, ellipsis: true },
    {
      title: '合计',
      dataIndex: 'n',
      width: 80,
      align: 'right',
      sorter: (a, b) => a.n - b.n,
      render: (n: number, a) => link(n, { adviserId: a.adviserId }),
    },
    ...Object.entries(WORK_KINDS).map(([kind, label]) => ({
      title: label,
      key: kind,
      width: 90,
      align: 'right' as const,
      render: (_: unknown, a: AdviserRow) => link(a.byKind[kind] ?? 0, { adviserId: a.adviserId, kind }),
    })),
    { title: '工时', dataIndex: 'hours', width: 80, align: 'right' },
    {
      title: '列席会议',
      dataIndex: 'meetings',
      width: 90,
      align: 'right',
      render: (n: number, a) =>
        n > 0 ? <Link to={`${drillTo(year, { adviserId: a.adviserId })}&tab=meetings`}>{n}</Link> : 0,
    },
  ];
  const unitColumns: TableColumnsType<UnitRow> = [
    { title: '服务单位', dataIndex: 'unitName' },
    { title: '类别', dataIndex: 'unitKind', width: 100, render: (k: string) => kinds.label(k) },
    {
      title: '工作事项',
      dataIndex: 'n',
      width: 100,
      align: 'right',
      render: (n: number, u) => link(n, { unitId: u.unitId }),
    },
    { title: '工时', dataIndex: 'hours', width: 90, align: 'right' },
  ];

  return (
    <>
      <PageHeader
        title="履职统计"
        subTitle="法律顾问工作事项按顾问、类别、单位、月份统计，列席会议次数；点击数字查看明细"
        extra={
          <>
            <Select
              aria-label="年度"
              style={{ width: 110 }}
              value={year}
              onChange={setYear}
              options={Array.from({ length: 6 }, (_, i) => ({
                value: thisYear - i,
                label: `${thisYear - i}年`,
              }))}
            />
            <Button onClick={stats.reload}>刷新</Button>
          </>
        }
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} lg={6}>
          <Card variant="borderless" loading={stats.loading}>
            <Statistic title="工作事项" value={s?.total ?? 0} suffix="项" />
            <Link to={drillTo(year, {})}>查看明细</Link>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card variant="borderless" loading={stats.loading}>
            <Statistic title="工时" value={s?.hours ?? 0} suffix="小时" />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card variant="borderless" loading={stats.loading}>
            <Statistic title="列席常务会议" value={s?.meetings ?? 0} suffix="人次" />
            <Link to={`${drillTo(year, {})}&tab=meetings`}>查看明细</Link>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card variant="borderless" loading={stats.loading}>
            <Statistic title="履职的法律顾问" value={s?.activeAdvisers ?? 0} suffix="人" />
          </Card>
        </Col>
      </Row>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={14}>
          <Card title="按月份" variant="borderless">
            <Bars
              label="按月份统计图"
              categories={(s?.byMonth ?? []).map((m) => `${m.month}月`)}
              series={[
                { name: '工作事项', values: (s?.byMonth ?? []).map((m) => m.n), color: '#1b5fb4' },
                { name: '列席会议', values: (s?.byMonth ?? []).map((m) => m.meetings), color: '#faad14' },
              ]}
              onPick={(i, series) =>
                navigate(`${drillTo(year, { month: i + 1 })}${series === '列席会议' ? '&tab=meetings' : ''}`)
              }
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="按工作类别" variant="borderless">
            <Bars
              label="按工作类别统计图"
              categories={(s?.byKind ?? []).map((k) => k.label)}
              series={[{ name: '工作事项', values: (s?.byKind ?? []).map((k) => k.n), color: '#52c41a' }]}
              onPick={(i) => navigate(drillTo(year, { kind: s?.byKind[i]?.kind }))}
            />
          </Card>
        </Col>
      </Row>
      <Card title="按法律顾问" variant="borderless" style={{ marginBottom: 16 }}>
        <Table<AdviserRow>
          rowKey="adviserId"
          size="small"
          loading={stats.loading}
          dataSource={s?.byAdviser ?? []}
          columns={adviserColumns}
          scroll={{ x: 1200 }}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          data-testid="advisers-stats-by-adviser"
          aria-label="按法律顾问统计"
        />
      </Card>
      <Card title="按服务单位" variant="borderless">
        <Table<UnitRow>
          rowKey="unitId"
          size="small"
          loading={stats.loading}
          dataSource={s?.byUnit ?? []}
          columns={unitColumns}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          data-testid="advisers-stats-by-unit"
          aria-label="按服务单位统计"
        />
      </Card>
    </>
  );
}
