import { ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Empty,
  Flex,
  Row,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { yuan } from '../../api/enforcement.ts';
import { type DrillResult, enforcementViewsApi, type StatsQuery } from '../../api/enforcement-views.ts';
import { describeError } from '../../api/forms.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { caseLink, fromHere } from '../../shared/workflow/CaseList.tsx';
import { RECORD_OUTCOME_LABELS } from '../../shared/workflow/labels.ts';
import { SECTIONS } from '../nav.tsx';
import { type Figure, FigureBars, FigurePie } from './StatsCharts.tsx';
import { BodySelect } from './selects.tsx';

const OUTCOME_LABELS: Record<string, string> = {
  penalty: '给予行政处罚',
  'no-penalty-minor': '轻微不罚',
  'not-established': '违法事实不成立',
  transferred: '移送司法机关',
};

/** A figure that opens its drill-down when clicked. */
function FigureCard({
  figure,
  title,
  suffix,
  onPick,
  extra,
}: {
  figure: Figure;
  title: string;
  suffix: string;
  onPick: (f: Figure) => void;
  extra?: string | undefined;
}) {
  return (
    <Card
      hoverable
      size="small"
      onClick={() => onPick(figure)}
      data-testid={`figure-${figure.indicator}`}
      role="button"
      aria-label={`${title}：${figure.value}${suffix}，点击查看案件`}
    >
      <Statistic title={title} value={figure.value} suffix={suffix} />
      {extra ? <Typography.Text type="secondary">{extra}</Typography.Text> : null}
    </Card>
  );
}

/** 执法统计: the enforcement indicators in scope as charts; every figure drills down to its cases. */
export function StatsPage() {
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [bodyId, setBodyId] = useState<string | undefined>();
  const query: StatsQuery = {
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
    bodyId,
  };
  const stats = useRequest(() => enforcementViewsApi.stats(query), [query.from, query.to, bodyId]);
  const [picked, setPicked] = useState<Figure | null>(null);
  const drill = useRequest<DrillResult | null>(
    () =>
      picked
        ? enforcementViewsApi.drill({ ...query, indicator: picked.indicator, key: picked.key })
        : Promise.resolve(null),
    [picked, query.from, query.to, bodyId],
    !!picked,
  );

  if (stats.error) return <LoadFailed detail={describeError(stats.error)} onRetry={stats.reload} />;
  const s = stats.data;
  const from = SECTIONS.enforcementStats.path;

  return (
    <>
      <PageHeader
        title="执法统计"
        subTitle="数据范围内普通程序行政处罚案件的统计指标；点击任一数字或图形查看构成该数字的案件"
        extra={
          <>
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              value={range}
              onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
              placeholder={['起始日期', '截止日期']}
              aria-label="统计期间"
            />
            <BodySelect
              allowClear
              value={bodyId}
              onChange={setBodyId}
              style={{ width: 240 }}
              placeholder="全部执法主体"
            />
            <Button icon={<ReloadOutlined />} onClick={stats.reload} loading={stats.loading}>
              刷新
            </Button>
          </>
        }
      />
      {!s ? (
        <Card loading variant="borderless" />
      ) : (
        <Flex vertical gap={16} data-testid="enforcement-stats">
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <FigureCard
                title="受理线索"
                suffix="件"
                figure={{ label: '受理线索', value: s.opened, indicator: 'opened' }}
                onPick={setPicked}
              />
            </Col>
            <Col xs={12} md={6}>
              <FigureCard
                title="立案"
                suffix="件"
                figure={{ label: '立案', value: s.filed, indicator: 'filed' }}
                onPick={setPicked}
              />
            </Col>
            <Col xs={12} md={6}>
              <FigureCard
                title="罚款案件"
                suffix="件"
                extra={`罚款合计 ${yuan(s.fines.total)}`}
                figure={{ label: '罚款案件', value: s.fines.count, indicator: 'fines' }}
                onPick={setPicked}
              />
            </Col>
            <Col xs={12} md={6}>
              <FigureCard
                title="当前逾期案件"
                suffix="件"
                extra="计时中的期限已过届满日"
                figure={{ label: '当前逾期案件', value: s.overdueNow, indicator: 'overdue-now' }}
                onPick={setPicked}
              />
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card title="按执法主体（受理线索）" variant="borderless">
                {s.byBody.length === 0 ? (
                  <Empty description="暂无数据" />
                ) : (
                  <FigureBars
                    name="受理线索"
                    label="按执法主体统计的受理线索柱状图"
                    figures={s.byBody.map((g) => ({
                      label: g.name ?? '（未知主体）',
                      value: g.n,
                      indicator: g.indicator,
                      key: g.key,
                    }))}
                    onPick={setPicked}
                  />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title="按执法事项（立案）" variant="borderless">
                {s.byMatter.length === 0 ? (
                  <Empty description="暂无数据" />
                ) : (
                  <FigureBars
                    name="立案"
                    label="按执法事项统计的立案柱状图"
                    color="#13a8a8"
                    figures={s.byMatter.map((g) => ({
                      label: g.name ?? '（未知事项）',
                      value: g.n,
                      indicator: g.indicator,
                      key: g.key,
                    }))}
                    onPick={setPicked}
                  />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title="处理结果" variant="borderless">
                <FigurePie
                  name="处理结果"
                  label="处理结果环形图"
                  figures={Object.entries(s.decided).map(([o, n]) => ({
                    label: OUTCOME_LABELS[o] ?? o,
                    value: n,
                    indicator: `decided.${o}`,
                  }))}
                  onPick={setPicked}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title="法制审核" variant="borderless">
                <FigurePie
                  name="法制审核"
                  label="法制审核结论环形图"
                  figures={Object.entries(s.legalReviews).map(([o, n]) => ({
                    label: RECORD_OUTCOME_LABELS[o] ?? o,
                    value: n,
                    indicator: `legal-review.${o}`,
                  }))}
                  onPick={setPicked}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title="处罚决定公开（7个工作日内）" variant="borderless">
                <FigureBars
                  name="公开"
                  label="处罚决定公开柱状图"
                  color="#722ed1"
                  figures={[
                    { label: '已公开', value: s.published.total, indicator: 'published' },
                    { label: '按时公开', value: s.published.onTime, indicator: 'published.on-time' },
                    { label: '逾期公开', value: s.published.late, indicator: 'published.late' },
                  ]}
                  onPick={setPicked}
                />
              </Card>
            </Col>
          </Row>
        </Flex>
      )}
      <Drawer
        open={!!picked}
        onClose={() => setPicked(null)}
        size="large"
        title={picked ? `${picked.label}：${picked.value} 件` : ''}
        destroyOnHidden
      >
        {drill.error ? (
          <LoadFailed detail={describeError(drill.error)} onRetry={drill.reload} />
        ) : (
          <section aria-label="构成该数字的案件" data-testid="drill-table">
            <Table
              size="small"
              rowKey="id"
              loading={drill.loading}
              dataSource={drill.data?.items ?? []}
              pagination={
                (drill.data?.total ?? 0) > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 件` } : false
              }
              columns={[
                {
                  title: '案件编号',
                  dataIndex: 'number',
                  render: (v: string, i: { id: string }) => (
                    <Link to={caseLink(i.id)} state={fromHere(from)}>
                      {v}
                    </Link>
                  ),
                },
                { title: '案件名称', dataIndex: 'title' },
                { title: '当前环节', dataIndex: 'stateLabel', render: (v: string) => <Tag>{v}</Tag> },
              ]}
              locale={{ emptyText: '没有案件' }}
            />
          </section>
        )}
      </Drawer>
    </>
  );
}
