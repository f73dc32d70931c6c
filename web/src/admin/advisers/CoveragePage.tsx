import { Button, Card, Col, DatePicker, Progress, Row, Segmented, Statistic, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { advisersApi, type CoverageUnit } from '../../api/advisers.ts';
import { describeError } from '../../api/forms.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useUnitKinds } from '../../shared/units.ts';
import { useRequest } from '../../shared/useRequest.ts';
import { Bars } from './AdvisersCharts.tsx';

/**
 * 覆盖情况: on a chosen day, whether every department, town and street, state-owned company and village and
 * community has a legal adviser; the share by group (chart) and the gaps with their reasons.
 */
export function CoveragePage() {
  const [on, setOn] = useState<Dayjs>(dayjs());
  const [show, setShow] = useState<'gaps' | 'all'>('gaps');
  const [group, setGroup] = useState<string | undefined>(undefined);
  const kinds = useUnitKinds();
  const day = on.format('YYYY-MM-DD');
  const cov = useRequest(() => advisersApi.coverage(day), [day]);
  if (cov.error) return <LoadFailed detail={describeError(cov.error)} onRetry={cov.reload} />;
  const c = cov.data;
  const groups = c?.groups ?? [];
  const units = (c?.units ?? []).filter(
    (u) => (show === 'gaps' ? !u.covered : true) && (!group || u.group === group),
  );
  return (
    <>
      <PageHeader
        title="覆盖情况"
        subTitle="各部门、各镇街、各国有企业（平台公司）、各村（社区）法律顾问配备情况；配备的顾问须在册且执业证在有效期内"
        extra={
          <>
            <DatePicker aria-label="统计日期" value={on} allowClear={false} onChange={(d) => d && setOn(d)} />
            <Button onClick={cov.reload}>刷新</Button>
          </>
        }
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8} lg={4}>
          <Card variant="borderless" loading={cov.loading}>
            <Statistic title="总覆盖率" value={c?.rate ?? 0} suffix="%" precision={1} />
            <div style={{ color: '#8c8c8c' }}>
              {c?.covered ?? 0} / {c?.total ?? 0} 个单位
            </div>
          </Card>
        </Col>
        {groups.map((g) => (
          <Col xs={24} md={8} lg={5} key={g.key}>
            <Card
              variant="borderless"
              loading={cov.loading}
              hoverable
              onClick={() => {
                setGroup(group === g.key ? undefined : g.key);
                setShow('gaps');
              }}
              style={group === g.key ? { outline: '2px solid #1b5fb4' } : undefined}
              data-testid={`coverage-group-${g.key}`}
            >
              <Statistic title={g.label} value={g.rate} suffix="%" precision={1} />
              <Progress percent={g.rate} showInfo={false} status={g.gaps > 0 ? 'exception' : 'success'} />
              <div style={{ color: '#8c8c8c' }}>
                已覆盖 {g.covered} / {g.total}，未覆盖{' '}
                <span style={{ color: g.gaps ? '#cf1322' : undefined }}>{g.gaps}</span>
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      <Card title="按单位类别" variant="borderless" style={{ marginBottom: 16 }}>
        <Bars
          label="法律顾问覆盖情况图"
          categories={groups.map((g) => g.label)}
          series={[
            { name: '已覆盖', values: groups.map((g) => g.covered), color: '#52c41a', stack: 'n' },
            { name: '未覆盖', values: groups.map((g) => g.gaps), color: '#ff4d4f', stack: 'n' },
          ]}
          height={260}
          onPick={(i) => {
            setGroup(groups[i]?.key);
            setShow('gaps');
          }}
        />
      </Card>
      <Card
        title={show === 'gaps' ? `未覆盖单位（${units.length}）` : `全部单位（${units.length}）`}
        variant="borderless"
        extra={
          <Segmented
            value={show}
            onChange={(v) => setShow(v as 'gaps' | 'all')}
            options={[
              { value: 'gaps', label: '只看未覆盖' },
              { value: 'all', label: '全部' },
            ]}
          />
        }
      >
        <Table<CoverageUnit>
          rowKey="unitId"
          size="small"
          loading={cov.loading}
          dataSource={units}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          data-testid="coverage-units"
          aria-label="覆盖情况明细"
          locale={{ emptyText: show === 'gaps' ? '全部覆盖' : '没有需要配备法律顾问的单位' }}
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            { title: '类别', dataIndex: 'unitKind', width: 100, render: (k: string) => kinds.label(k) },
            {
              title: '上级单位',
              dataIndex: 'parentName',
              width: 200,
              render: (p: string | null) => p ?? '—',
            },
            {
              title: '法律顾问',
              dataIndex: 'advisers',
              render: (names: string[], u) =>
                u.covered ? names.join('、') : <Tag color="error">{u.gapReason}</Tag>,
            },
          ]}
        />
      </Card>
    </>
  );
}
