import { Alert, Descriptions, Empty, Input, List, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  GRADE_COLOURS,
  GRADE_NAMES,
  type PublicCreditRecord,
  publicCreditApi,
  RECORD_KINDS,
  SEVERITIES,
} from '../api/credit.ts';
import { describeError } from '../api/forms.ts';
import { useRequest } from '../shared/useRequest.ts';
import { PortalFrame, usePortalTenant } from './PortalFrame.tsx';

/**
 * 信用查询: a market entity by its unified social credit code or name — its licences and penalties (双公示),
 * inspection results, lists, honours and commitments in publicity today, and its grade where the district
 * publishes it. Personal data in the texts is masked by the server.
 */
export function PublicCreditPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const code = params.get('code');
  const { tenant } = usePortalTenant();
  const t = tenant?.id;
  const found = useRequest(() => publicCreditApi.search(t!, q), [t, q], !!t && q.length >= 2);
  const subject = useRequest(() => publicCreditApi.subject(t!, code!), [t, code], !!t && !!code);
  const [draft, setDraft] = useState(q);
  return (
    <PortalFrame title="信用查询">
      <div className="pt-panel">
        <Input.Search
          size="large"
          enterButton="查询"
          placeholder="统一社会信用代码或名称（至少2个字）"
          aria-label="统一社会信用代码或名称"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {}, { replace: true })}
          style={{ maxWidth: 560, marginBottom: 16 }}
        />
        {q && q.length < 2 ? <Alert type="warning" showIcon title="请输入至少2个字" /> : null}
        {found.error ? <Alert type="error" showIcon title={describeError(found.error)} /> : null}
        {q.length >= 2 && !code ? (
          <List
            loading={found.loading}
            dataSource={found.data ?? []}
            locale={{ emptyText: '未查询到相关主体' }}
            data-testid="credit-search-results"
            renderItem={(s) => (
              <List.Item>
                <Typography.Link onClick={() => setParams({ q, code: s.creditCode })}>
                  {s.name}
                </Typography.Link>
                <span style={{ color: '#8c8c8c' }}>{s.creditCode}</span>
              </List.Item>
            )}
          />
        ) : null}
        {code ? (
          subject.error ? (
            <Alert type="error" showIcon title={describeError(subject.error)} />
          ) : subject.data ? (
            <div data-testid="credit-subject">
              <Descriptions
                bordered
                size="small"
                column={1}
                style={{ marginBottom: 16 }}
                items={[
                  { key: 'name', label: '主体名称', children: subject.data.name },
                  { key: 'code', label: '统一社会信用代码', children: subject.data.creditCode },
                  ...(subject.data.grade
                    ? [
                        {
                          key: 'grade',
                          label: '信用等级',
                          children: (
                            <Tag color={GRADE_COLOURS[subject.data.grade]}>
                              {GRADE_NAMES[subject.data.grade] ?? subject.data.grade}
                            </Tag>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
              <Section title="行政许可" rows={subject.data.licences} testId="credit-licences" />
              <Section title="行政处罚" rows={subject.data.penalties} testId="credit-penalties" />
              <Section title="抽查检查结果" rows={subject.data.inspections} testId="credit-inspections" />
              <Section
                title="经营异常名录、严重失信主体名单"
                rows={subject.data.lists}
                testId="credit-lists"
              />
              <Section title="表彰奖励" rows={subject.data.honours} testId="credit-honours" />
              <Section title="信用承诺" rows={subject.data.commitments} testId="credit-commitments" />
            </div>
          ) : null
        ) : null}
      </div>
    </PortalFrame>
  );
}

function Section({ title, rows, testId }: { title: string; rows: PublicCreditRecord[]; testId: string }) {
  const columns: TableColumnsType<PublicCreditRecord> = [
    { title: '内容', dataIndex: 'title' },
    { title: '类别', dataIndex: 'kind', width: 130, render: (k: string) => RECORD_KINDS[k] ?? k },
    {
      title: '严重程度',
      dataIndex: 'severity',
      width: 90,
      render: (s: string) => (s === 'none' ? '—' : (SEVERITIES[s] ?? s)),
    },
    { title: '文书编号', dataIndex: 'documentNo', width: 200 },
    { title: '决定日期', dataIndex: 'decidedOn', width: 110 },
    { title: '公示截止', dataIndex: 'publicityEnd', width: 110, render: (d: string | null) => d ?? '—' },
    { title: '来源部门', dataIndex: 'sourceUnitName', width: 160, render: (d: string | null) => d ?? '—' },
  ];
  return (
    <section style={{ marginBottom: 16 }}>
      <h2 style={{ fontSize: 16 }}>{title}</h2>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无公示信息" />
      ) : (
        <Table<PublicCreditRecord>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={rows}
          columns={columns}
          data-testid={testId}
        />
      )}
    </section>
  );
}
