import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/endpoints.ts';
import { describeError } from '../../api/forms.ts';
import { formatNumber } from '../../shared/format.ts';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useUnitKinds } from '../../shared/units.ts';
import { useRequest } from '../../shared/useRequest.ts';
import { InboxCounts } from '../../shared/workflow/InboxCounts.tsx';
import { useMachines } from '../../shared/workflow/machines.ts';
import { SECTIONS } from '../nav.tsx';
import { UnitKindChart } from './UnitKindChart.tsx';

/** 工作台: counts within what the signed-in official may see. */
export function DashboardPage() {
  const { me } = useMe();
  const overview = useRequest(api.dashboard.overview, []);
  const kinds = useUnitKinds();
  const o = overview.data;

  const greeting = me ? `${me.displayName}，您好` : '工作台';
  if (overview.error) return <LoadFailed detail={describeError(overview.error)} onRetry={overview.reload} />;

  // Kinds in the order the API lists them; kinds without units are left out.
  const order = (kinds.data ?? []).map((k) => k.value);
  const byKind = [...(o?.unitsByKind ?? [])].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const unitTotal = byKind.reduce((n, k) => n + k.count, 0);

  return (
    <>
      <PageHeader title="工作台" subTitle={`${greeting}。以下数据为您有权查看范围内的统计。`} />
      <InboxCard />
      <div className="fz-stat-grid" data-testid="dashboard-summary">
        {[
          { title: '单位总数', value: unitTotal, hint: '启用中的单位' },
          { title: '用户总数', value: o?.users.total ?? 0, hint: '工作人员账号' },
          { title: '启用用户', value: o?.users.active ?? 0, hint: '未停用的账号' },
          { title: '近30天登录', value: o?.users.signedInLast30Days ?? 0, hint: '最近30天登录过的用户' },
          { title: '全过程记录', value: o?.logEntries ?? 0, hint: '已记录的操作条目' },
        ].map((s) => (
          <Card key={s.title} variant="borderless" loading={overview.loading}>
            <Statistic title={s.title} value={s.value} formatter={(v) => formatNumber(Number(v))} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.hint}
            </Typography.Text>
          </Card>
        ))}
      </div>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card title="各类单位数量" variant="borderless">
            {overview.loading ? (
              <Skeleton active paragraph={{ rows: 6 }} />
            ) : (
              <UnitKindChart data={byKind.map((k) => ({ label: kinds.label(k.kind), count: k.count }))} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="单位分类" variant="borderless">
            <Row gutter={[12, 12]} data-testid="units-by-kind">
              {byKind.map((k) => (
                <Col key={k.kind} span={12}>
                  <div className="fz-kind-stat">
                    <Statistic title={kinds.label(k.kind)} value={k.count} />
                  </div>
                </Col>
              ))}
              {!overview.loading && byKind.length === 0 ? (
                <Col span={24}>
                  <Typography.Text type="secondary">暂无单位</Typography.Text>
                </Col>
              ) : null}
            </Row>
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** The user's to-do items by deadline colour, for those who handle cases; each count opens 待办 filtered. */
function InboxCard() {
  const machines = useMachines();
  const handles = (machines.data?.length ?? 0) > 0;
  const inbox = useRequest(api.workflow.inbox, [], handles);
  if (!handles) return null;
  return (
    <Card
      title="待办事项"
      variant="borderless"
      style={{ marginBottom: 16 }}
      extra={<Link to={SECTIONS.inbox.path}>查看全部待办</Link>}
      loading={inbox.loading && !inbox.data}
      data-testid="dashboard-inbox"
    >
      {inbox.error ? (
        <Typography.Text type="danger">{describeError(inbox.error)}</Typography.Text>
      ) : (
        <InboxCounts
          items={inbox.data ?? []}
          colours={['red', 'yellow', 'green']}
          linkTo={(c) => `${SECTIONS.inbox.path}?colour=${c}`}
        />
      )}
    </Card>
  );
}
