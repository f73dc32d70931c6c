import { Alert, Input, Result, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { BandsTable, basisText } from '../admin/enforcement/MattersPage.tsx';
import { isApiError } from '../api/client.ts';
import {
  enforcementApi,
  fineRange,
  type PublicBody,
  type PublicDecision,
  type PublicMatter,
  type PublicOfficer,
} from '../api/enforcement.ts';
import { describeError } from '../api/forms.ts';
import { useRequest } from '../shared/useRequest.ts';
import { PortalFrame, usePortalTenant } from './PortalFrame.tsx';

const TABS = ['bodies', 'officers', 'matters', 'decisions'] as const;
type Tab = (typeof TABS)[number];

const failed = (error: unknown, onRetry: () => void) =>
  isApiError(error) && error.status === 404 ? (
    <Result status="info" title="暂未开放" subTitle={error.detail} data-testid="public-unavailable" />
  ) : (
    <Alert
      type="error"
      showIcon
      title="加载失败"
      description={describeError(error)}
      action={<Typography.Link onClick={onRetry}>重试</Typography.Link>}
    />
  );
const domains = (d: string[]) => d.map((x) => <Tag key={x}>{x}</Tag>);

/** 行政执法公示 (事前公开 and 事后公开): bodies, officers, matters and penalty decisions of the district. */
export function PublicEnforcementPage() {
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'bodies';
  const { tenant } = usePortalTenant();
  const code = tenant?.id;
  return (
    <PortalFrame title="行政执法公示">
      <div className="pt-panel">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: 'bodies', label: '执法主体', children: code ? <Bodies tenant={code} /> : null },
            { key: 'officers', label: '执法人员', children: code ? <Officers tenant={code} /> : null },
            { key: 'matters', label: '执法事项', children: code ? <Matters tenant={code} /> : null },
            { key: 'decisions', label: '行政处罚决定', children: code ? <Decisions tenant={code} /> : null },
          ]}
        />
      </div>
    </PortalFrame>
  );
}

function Bodies({ tenant }: { tenant: string }) {
  const r = useRequest(() => enforcementApi.public.bodies(tenant), [tenant]);
  if (r.error) return failed(r.error, r.reload);
  const columns: TableColumnsType<PublicBody> = [
    { title: '执法主体', dataIndex: 'name', width: 240 },
    { title: '主体类别', dataIndex: 'kind', width: 150 },
    { title: '执法领域', dataIndex: 'domains', render: domains },
    { title: '设立及执法依据', dataIndex: 'legalBasis' },
  ];
  return (
    <Table<PublicBody>
      rowKey="id"
      size="middle"
      loading={r.loading}
      dataSource={r.data}
      columns={columns}
      pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个` }}
      data-testid="public-bodies"
    />
  );
}

function Officers({ tenant }: { tenant: string }) {
  const [q, setQ] = useState('');
  const r = useRequest(() => enforcementApi.public.officers(tenant, q || undefined), [tenant, q]);
  const today = dayjs().format('YYYY-MM-DD');
  const columns: TableColumnsType<PublicOfficer> = [
    { title: '姓名', dataIndex: 'name', width: 100 },
    { title: '执法证号', dataIndex: 'credentialNo', width: 180 },
    { title: '证件类别', dataIndex: 'category', width: 110 },
    { title: '执法主体', dataIndex: 'bodyName' },
    { title: '执法领域', dataIndex: 'domains', render: domains },
    {
      title: '有效期',
      key: 'validity',
      width: 240,
      render: (_: unknown, o) =>
        o.validTo < today ? (
          <Typography.Text type="danger">
            {o.validFrom} 至 {o.validTo} <Tag color="error">已过期</Tag>
          </Typography.Text>
        ) : (
          `${o.validFrom} 至 ${o.validTo}`
        ),
    },
  ];
  return (
    <>
      <Input.Search
        placeholder="按姓名或执法证号查询（完整匹配）"
        allowClear
        style={{ width: 320, marginBottom: 16 }}
        aria-label="姓名或执法证号"
        onSearch={(v) => setQ(v.trim())}
      />
      {r.error ? (
        failed(r.error, r.reload)
      ) : (
        <Table<PublicOfficer>
          rowKey="credentialNo"
          size="middle"
          loading={r.loading}
          dataSource={r.data}
          columns={columns}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (t) => `共 ${t} 人` }}
          data-testid="public-officers"
        />
      )}
    </>
  );
}

function Matters({ tenant }: { tenant: string }) {
  const r = useRequest(() => enforcementApi.public.matters(tenant), [tenant]);
  if (r.error) return failed(r.error, r.reload);
  const columns: TableColumnsType<PublicMatter> = [
    { title: '事项编码', dataIndex: 'code', width: 130 },
    { title: '事项名称', dataIndex: 'name' },
    { title: '类型', dataIndex: 'type', width: 90 },
    { title: '执法主体', dataIndex: 'bodyName', width: 220 },
    { title: '法律依据', key: 'basis', render: (_: unknown, m) => basisText(m) },
    {
      title: '法定罚款',
      key: 'fine',
      width: 180,
      render: (_: unknown, m) => (m.type === '行政处罚' ? fineRange(m.fineMin, m.fineMax) : '—'),
    },
  ];
  return (
    <Table<PublicMatter>
      rowKey="code"
      size="middle"
      loading={r.loading}
      dataSource={r.data}
      columns={columns}
      pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 项` }}
      expandable={{
        rowExpandable: (m) => m.discretion.length > 0,
        expandedRowRender: (m) => <BandsTable bands={m.discretion} />,
      }}
      data-testid="public-matters"
    />
  );
}

const DECISION_STATUS: Record<string, { label: string; color: string }> = {
  published: { label: '已公开', color: 'success' },
  withdrawn: { label: '已撤回', color: 'default' },
};

function Decisions({ tenant }: { tenant: string }) {
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const r = useRequest(
    () => enforcementApi.public.decisions({ tenant, q: q || undefined, ...paging }),
    [tenant, q, paging.page, paging.pageSize],
  );
  const columns: TableColumnsType<PublicDecision> = [
    {
      title: '决定书文号',
      dataIndex: 'number',
      render: (v: string, d) => (
        <Link to={`/public/enforcement/decisions/${encodeURIComponent(d.id)}`}>{v}</Link>
      ),
    },
    { title: '当事人', dataIndex: 'partyName' },
    { title: '执法事项', dataIndex: 'matterName' },
    { title: '处罚内容', dataIndex: 'penaltySummary' },
    { title: '执法主体', dataIndex: 'bodyName' },
    { title: '决定日期', dataIndex: 'decidedOn', width: 110 },
    { title: '公开日期', dataIndex: 'publishedOn', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (v: string) => (
        <Tag color={DECISION_STATUS[v]?.color ?? 'default'}>{DECISION_STATUS[v]?.label ?? v}</Tag>
      ),
    },
  ];
  return (
    <>
      <Input.Search
        placeholder="文号、当事人或事项"
        allowClear
        style={{ width: 320, marginBottom: 16 }}
        aria-label="查询行政处罚决定"
        onSearch={(v) => {
          setQ(v.trim());
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      />
      {r.error ? (
        failed(r.error, r.reload)
      ) : (
        <Table<PublicDecision>
          rowKey="id"
          size="middle"
          loading={r.loading}
          dataSource={r.data?.items}
          columns={columns}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无公开的行政处罚决定' }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: r.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 件`,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          data-testid="public-decisions"
        />
      )}
    </>
  );
}
