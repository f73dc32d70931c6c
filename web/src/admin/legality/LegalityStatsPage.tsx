import { Button, Card, Col, DatePicker, Row, Space, Statistic, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { describeError } from '../../api/forms.ts';
import { type LegalityStats, legalityApi } from '../../api/normative.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { LegalityKindsCard } from './LegalityKindsCard.tsx';
import { OPINION_OUTCOMES, STAGES } from './legality.ui.ts';

type Opinion = LegalityStats['opinions'][number];
type Review = LegalityStats['reviews'][number];

/** 合法性审查统计: reviews by type and state, opinions by type, stage and outcome (with late ones). */
export function LegalityStatsPage() {
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const q = {
    ...(range?.[0] ? { from: range[0].format('YYYY-MM-DD') } : {}),
    ...(range?.[1] ? { to: range[1].format('YYYY-MM-DD') } : {}),
  };
  const stats = useRequest(() => legalityApi.stats(q), [q.from, q.to]);
  if (stats.error) return <LoadFailed detail={describeError(stats.error)} onRetry={stats.reload} />;
  const opinions = stats.data?.opinions ?? [];
  const reviews = stats.data?.reviews ?? [];
  const sum = (rows: { n: number }[]) => rows.reduce((s, r) => s + r.n, 0);
  return (
    <>
      <PageHeader
        title="合法性审查统计"
        subTitle="按审查类型和结论统计审查事项与审查意见"
        extra={
          <Space>
            <DatePicker.RangePicker
              aria-label="统计期间"
              value={range}
              onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
            />
            <Button onClick={stats.reload}>刷新</Button>
          </Space>
        }
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Card variant="borderless">
            <Statistic title="审查事项" value={sum(reviews)} />
          </Card>
        </Col>
        <Col span={6}>
          <Card variant="borderless">
            <Statistic title="审查意见" value={sum(opinions)} />
          </Card>
        </Col>
        <Col span={6}>
          <Card variant="borderless">
            <Statistic title="不通过" value={sum(opinions.filter((o) => o.outcome === 'fail'))} />
          </Card>
        </Col>
        <Col span={6}>
          <Card variant="borderless">
            <Statistic title="超期出具意见" value={opinions.reduce((s, o) => s + o.late, 0)} />
          </Card>
        </Col>
      </Row>
      <Card title="审查事项（按类型和状态）" variant="borderless" style={{ marginBottom: 16 }}>
        <Table<Review>
          rowKey={(r) => `${r.kind}/${r.state}`}
          size="small"
          loading={stats.loading}
          dataSource={reviews}
          pagination={false}
          data-testid="legality-stats-reviews"
          columns={[
            { title: '审查类型', dataIndex: 'kindLabel' },
            { title: '状态', dataIndex: 'stateLabel' },
            { title: '件数', dataIndex: 'n', align: 'right' },
          ]}
        />
      </Card>
      <Card title="审查意见（按类型、阶段和结论）" variant="borderless">
        <Table<Opinion>
          rowKey={(r) => `${r.kind}/${r.stage}/${r.outcome}`}
          size="small"
          loading={stats.loading}
          dataSource={opinions}
          pagination={false}
          data-testid="legality-stats-opinions"
          columns={[
            { title: '审查类型', dataIndex: 'kindLabel' },
            { title: '阶段', dataIndex: 'stage', render: (s: string) => STAGES[s] ?? s },
            {
              title: '结论',
              dataIndex: 'outcome',
              render: (s: string) => OPINION_OUTCOMES[s] ?? (s === 'returned' ? '退回补充材料' : s),
            },
            { title: '件数', dataIndex: 'n', align: 'right' },
            { title: '其中超期', dataIndex: 'late', align: 'right' },
          ]}
        />
      </Card>
      <LegalityKindsCard />
    </>
  );
}
