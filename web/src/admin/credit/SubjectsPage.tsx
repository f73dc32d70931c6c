import {
  Alert,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Input,
  List,
  Select,
  Skeleton,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  CAUSES,
  creditApi,
  GRADE_COLOURS,
  GRADE_NAMES,
  type GradeHistoryItem,
  MEASURE_KINDS,
  RECORD_KINDS,
  SEVERITIES,
  type Subject,
} from '../../api/credit.ts';
import { describeError } from '../../api/forms.ts';
import { DataTable, usePagedQuery } from '../../shared/DataTable.tsx';
import { formatTime } from '../../shared/format.ts';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { ScoreChart } from './ScoreChart.tsx';

export const gradeTag = (g: string | null) =>
  g ? <Tag color={GRADE_COLOURS[g]}>{GRADE_NAMES[g] ?? g}</Tag> : <Tag>未评级</Tag>;

/** 信用主体: subjects with their current grade; a subject's grade history explains which records moved it. */
export function SubjectsPage() {
  const [filters, setFilters] = useState<{ q?: string; grade?: string }>({});
  const query = usePagedQuery(
    (f: typeof filters, page, pageSize) => creditApi.subjects({ q: f.q, grade: f.grade, page, pageSize }),
    filters,
  );
  const [open, setOpen] = useState<Subject | null>(null);
  const columns: TableColumnsType<Subject> = [
    {
      title: '主体名称',
      dataIndex: 'name',
      render: (v: string, s) => <Typography.Link onClick={() => setOpen(s)}>{v}</Typography.Link>,
    },
    { title: '统一社会信用代码', dataIndex: 'creditCode', width: 200 },
    {
      title: '信用得分',
      dataIndex: 'score',
      width: 100,
      align: 'right',
      render: (v: number | null) => v ?? '—',
    },
    { title: '信用等级', dataIndex: 'grade', width: 140, render: gradeTag },
    { title: '信用记录', dataIndex: 'recordCount', width: 100, align: 'right' },
    { title: '评级时间', dataIndex: 'gradedAt', width: 170, render: (v: string | null) => formatTime(v) },
  ];
  return (
    <>
      <PageHeader title="信用主体" subTitle="市场主体的信用得分与 A/B/C/D 信用风险等级（内部监管使用）" />
      <Card variant="borderless">
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search">
          <Input.Search
            placeholder="名称或统一社会信用代码"
            allowClear
            style={{ width: 280 }}
            aria-label="关键字"
            onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim() || undefined }))}
          />
          <Select<string | undefined>
            allowClear
            placeholder="全部等级"
            style={{ width: 160 }}
            aria-label="信用等级"
            options={Object.entries(GRADE_NAMES).map(([value, label]) => ({ value, label }))}
            onChange={(grade) => setFilters((f) => ({ ...f, grade }))}
          />
        </Flex>
        <DataTable<Subject>
          query={query}
          rowKey="creditCode"
          columns={columns}
          aria-label="信用主体列表"
          data-testid="credit-subjects-table"
          locale={{ emptyText: '暂无信用主体' }}
        />
      </Card>
      <Drawer open={!!open} size="large" title={open?.name} onClose={() => setOpen(null)} destroyOnHidden>
        {open ? <SubjectDetail code={open.creditCode} /> : null}
      </Drawer>
    </>
  );
}

function SubjectDetail({ code }: { code: string }) {
  const { can } = useMe();
  const subject = useRequest(() => creditApi.subject(code), [code]);
  const history = useRequest(() => creditApi.history(code), [code]);
  const flags = useRequest(() => creditApi.flags(code), [code], can('credit.feedback.record'));
  if (subject.error) return <Alert type="error" showIcon title={describeError(subject.error)} />;
  if (!subject.data) return <Skeleton active />;
  const s = subject.data;
  return (
    <div data-testid="credit-subject-detail">
      <Descriptions
        bordered
        size="small"
        column={2}
        items={[
          { key: 'code', label: '统一社会信用代码', children: s.creditCode, span: 2 },
          { key: 'score', label: '信用得分', children: s.score ?? '—' },
          {
            key: 'grade',
            label: '信用等级',
            children: <span data-testid="subject-grade">{gradeTag(s.grade)}</span>,
          },
          { key: 'records', label: '信用记录', children: `${s.recordCount} 条` },
          { key: 'at', label: '评级时间', children: formatTime(s.gradedAt) },
        ]}
      />
      {flags.data && flags.data.flags.length > 0 ? (
        <Alert
          style={{ marginTop: 16 }}
          type="warning"
          showIcon
          title="联合奖惩提示"
          description={flags.data.flags.map((f) => (
            <div key={f.measureId}>
              <Tag color={f.kind === 'punish' ? 'red' : 'green'}>{MEASURE_KINDS[f.kind]}</Tag>
              {f.unitName}：{f.measure}（{f.legalBasis}）
            </div>
          ))}
        />
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        信用得分变化
      </Typography.Title>
      {history.data && history.data.length > 0 ? <ScoreChart history={history.data} /> : null}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        等级历史
      </Typography.Title>
      {history.error ? <Alert type="error" showIcon title={describeError(history.error)} /> : null}
      <List<GradeHistoryItem>
        loading={history.loading}
        dataSource={history.data ?? []}
        locale={{ emptyText: <Empty description="暂无等级变化" /> }}
        data-testid="credit-grade-history"
        renderItem={(h) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <Flex gap={8} align="center" wrap>
                <strong>{formatTime(h.at)}</strong>
                <Tag>{CAUSES[h.cause] ?? h.cause}</Tag>
                <span>
                  {h.previousGrade ?? '未评级'}（{h.previousScore ?? '—'}）→ {h.grade}（{h.score}）
                </span>
                <Typography.Text type="secondary">第{h.modelVersion}版模型</Typography.Text>
              </Flex>
              {h.explanation.length === 0 ? (
                <Typography.Text type="secondary">无计分记录，按基础分计算</Typography.Text>
              ) : (
                <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                  {h.explanation.map((e) => (
                    <li key={e.recordId}>
                      {RECORD_KINDS[e.kind] ?? e.kind}
                      {e.severity !== 'none' ? `（${SEVERITIES[e.severity]}）` : ''} {e.documentNo}：
                      {e.points > 0 ? `+${e.points}` : e.points} 分（指标 {e.indicator}）
                      {e.forceGrade ? `，等级不高于 ${e.forceGrade}` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </List.Item>
        )}
      />
    </div>
  );
}
