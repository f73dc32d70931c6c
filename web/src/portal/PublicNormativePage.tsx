import { Alert, Input, List, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../api/forms.ts';
import { CLEANUP_OUTCOMES, publicNormativeApi, type SearchHit } from '../api/normative.ts';
import { useRequest } from '../shared/useRequest.ts';
import { PortalFrame, usePortalTenant } from './PortalFrame.tsx';

const failed = (error: unknown, onRetry: () => void) => (
  <Alert
    type="error"
    showIcon
    title="加载失败"
    description={describeError(error)}
    action={<Typography.Link onClick={onRetry}>重试</Typography.Link>}
  />
);

function InForce({ tenant }: { tenant: string }) {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [page, setPage] = useState(1);
  const r = useRequest(
    () => publicNormativeApi.documents({ ...(q ? { q } : {}), page, pageSize: 20 }, tenant),
    [tenant, q, page],
  );
  return (
    <>
      <Input.Search
        defaultValue={q}
        placeholder="输入词语或短语，检索现行有效文件的标题和正文"
        allowClear
        enterButton="检索"
        style={{ maxWidth: 560, marginBottom: 16 }}
        data-testid="public-normative-search"
        onSearch={(v) => {
          setPage(1);
          setParams(v.trim() ? { tab: 'documents', q: v.trim() } : { tab: 'documents' }, { replace: true });
        }}
      />
      {r.error ? failed(r.error, r.reload) : null}
      <Table<SearchHit>
        rowKey="id"
        size="middle"
        loading={r.loading}
        dataSource={r.data?.items ?? []}
        data-testid="public-normative-documents"
        locale={{ emptyText: q ? '没有找到相关的现行有效文件' : '暂无现行有效文件' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: r.data?.total ?? 0,
          onChange: setPage,
          showTotal: (t) => `共 ${t} 件`,
        }}
        columns={[
          { title: '文号', dataIndex: 'number', width: 200 },
          {
            title: '文件名称',
            dataIndex: 'title',
            render: (t: string, h) => (
              <>
                <Link to={`/public/normative/documents/${encodeURIComponent(h.id)}`}>{t}</Link>
                {h.snippet ? <div style={{ color: '#888', fontSize: 12 }}>{h.snippet}</div> : null}
              </>
            ),
          },
          { title: '制定机关', dataIndex: 'issuerName', width: 180 },
          { title: '施行日期', dataIndex: 'effectiveOn', width: 110 },
          { title: '有效期至', dataIndex: 'expiresOn', width: 110 },
        ]}
      />
    </>
  );
}

function Drafts({ tenant }: { tenant: string }) {
  const r = useRequest(() => publicNormativeApi.drafts(tenant), [tenant]);
  if (r.error) return failed(r.error, r.reload);
  return (
    <List
      loading={r.loading}
      dataSource={r.data ?? []}
      data-testid="public-normative-drafts"
      locale={{ emptyText: '目前没有正在公开征求意见的文件草案' }}
      renderItem={(d) => (
        <List.Item>
          <List.Item.Meta
            title={<Link to={`/public/normative/drafts/${encodeURIComponent(d.id)}`}>{d.title}</Link>}
            description={`${d.issuerName} · 征求意见期限 ${d.startOn} 至 ${d.endOn} · 共${d.clauses.length}条`}
          />
        </List.Item>
      )}
    />
  );
}

function Cleanups({ tenant }: { tenant: string }) {
  const r = useRequest(() => publicNormativeApi.cleanups(tenant), [tenant]);
  if (r.error) return failed(r.error, r.reload);
  return (
    <List
      loading={r.loading}
      dataSource={r.data ?? []}
      data-testid="public-normative-cleanups"
      locale={{ emptyText: '暂无公布的清理结果' }}
      renderItem={(c) => (
        <List.Item>
          <div style={{ width: '100%' }}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {c.title}（{c.publishedOn ?? c.openedOn}公布）
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              {c.reason}。共清理 {c.counts.total} 件：继续有效 {c.counts.keep} 件，需要修改 {c.counts.amend}{' '}
              件，废止 {c.counts.repeal} 件，宣布失效 {c.counts.invalid} 件。
            </Typography.Paragraph>
            {c.changed.length > 0 ? (
              <Table
                rowKey="number"
                size="small"
                pagination={false}
                dataSource={c.changed}
                columns={[
                  { title: '文号', dataIndex: 'number', width: 200 },
                  { title: '文件名称', dataIndex: 'title' },
                  {
                    title: '清理结论',
                    dataIndex: 'outcome',
                    width: 100,
                    render: (o: keyof typeof CLEANUP_OUTCOMES) => CLEANUP_OUTCOMES[o] ?? o,
                  },
                  { title: '理由', dataIndex: 'reason' },
                ]}
              />
            ) : null}
          </div>
        </List.Item>
      )}
    />
  );
}

/** 规范性文件 on the portal: documents in force (Chinese full-text search) and drafts open for comment. */
export function PublicNormativePage() {
  const [params, setParams] = useSearchParams();
  const t = params.get('tab');
  const tab = t === 'drafts' || t === 'cleanups' ? t : 'documents';
  const { tenant } = usePortalTenant();
  return (
    <PortalFrame title="行政规范性文件">
      <div className="pt-panel">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            {
              key: 'documents',
              label: '现行有效文件',
              children: tenant ? <InForce tenant={tenant.id} /> : null,
            },
            { key: 'drafts', label: '公开征求意见', children: tenant ? <Drafts tenant={tenant.id} /> : null },
            { key: 'cleanups', label: '清理结果', children: tenant ? <Cleanups tenant={tenant.id} /> : null },
          ]}
        />
      </div>
    </PortalFrame>
  );
}
