import { Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { WorkColour, WorkItem } from '../../api/enforcement-views.ts';
import { caseLink, fromHere } from '../../shared/workflow/CaseList.tsx';

/** Deadline colours of the work views: red overdue, orange due within 3 working days, blue otherwise. */
export const WORK_COLOUR_META: Record<WorkColour, { tag: string; label: string }> = {
  red: { tag: 'red', label: '已逾期' },
  orange: { tag: 'orange', label: '3个工作日内到期' },
  blue: { tag: 'blue', label: '期限内' },
};
const RANK: Record<string, number> = { red: 0, orange: 1, blue: 2 };
const ROLE_LABELS: Record<WorkItem['role'], string> = {
  handler: '承办人',
  investigator: '调查/执法人员',
  scope: '本单位案件',
};

/** A case's next deadline as a coloured tag: `2026-11-13 届满 · 3个工作日内到期`. */
export function WorkDeadline({ deadline }: { deadline: WorkItem['deadline'] }) {
  if (!deadline) return <Typography.Text type="secondary">无计时中的期限</Typography.Text>;
  const meta = WORK_COLOUR_META[deadline.colour];
  return (
    <Tooltip title={deadline.name}>
      <Tag color={meta.tag} data-testid="work-deadline" data-colour={deadline.colour}>
        {deadline.dueDate} 届满 · {meta.label}
      </Tag>
    </Tooltip>
  );
}

/** The cases of a work view, sortable by deadline, number, state and date, each opening the case page. */
export function WorkTable({
  items,
  loading,
  from,
  testId,
  showRole = false,
  showSubmitted = false,
  emptyText,
}: {
  items: WorkItem[];
  loading: boolean;
  /** The section path the case page returns to. */
  from: string;
  testId: string;
  showRole?: boolean;
  showSubmitted?: boolean;
  emptyText: string;
}) {
  const navigate = useNavigate();
  const columns: TableColumnsType<WorkItem> = [
    {
      title: '下一期限',
      key: 'deadline',
      width: 260,
      render: (_: unknown, i) => (
        <>
          <WorkDeadline deadline={i.deadline} />
          {i.deadline ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {i.deadline.name}
            </Typography.Text>
          ) : null}
        </>
      ),
      sorter: (a, b) =>
        (a.deadline?.dueDate ?? '9999').localeCompare(b.deadline?.dueDate ?? '9999') ||
        (RANK[a.deadline?.colour ?? ''] ?? 9) - (RANK[b.deadline?.colour ?? ''] ?? 9),
      defaultSortOrder: 'ascend',
    },
    {
      title: '案件编号',
      dataIndex: 'number',
      sorter: (a, b) => a.number.localeCompare(b.number, 'zh-CN'),
      render: (v: string, i) => (
        <Link to={caseLink(i.id)} state={fromHere(from)}>
          {v}
        </Link>
      ),
    },
    {
      title: '案件名称',
      dataIndex: 'title',
      render: (v: string) => (
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 280 }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: '程序',
      dataIndex: 'typeName',
      render: (v: string) => v.replace(/^行政处罚案件/, ''),
      filters: [...new Set(items.map((i) => i.typeName))].map((v) => ({ text: v, value: v })),
      onFilter: (v, i) => i.typeName === v,
    },
    {
      title: '当前环节',
      dataIndex: 'stateLabel',
      sorter: (a, b) => a.stateLabel.localeCompare(b.stateLabel, 'zh-CN'),
      render: (v: string) => <Tag color="processing">{v}</Tag>,
    },
    { title: '执法主体', key: 'body', render: (_: unknown, i) => i.body?.name ?? '—' },
    { title: '承办人', key: 'handler', render: (_: unknown, i) => i.handler?.name ?? '—' },
    ...(showSubmitted
      ? [
          {
            title: '送审日期',
            dataIndex: 'submittedOn',
            sorter: (a: WorkItem, b: WorkItem) => (a.submittedOn ?? '').localeCompare(b.submittedOn ?? ''),
            render: (v: string | null) => v ?? '—',
          },
          {
            title: '合法性审查',
            key: 'review',
            render: (_: unknown, i: WorkItem) =>
              i.review ? (
                <Link to={caseLink(i.review.id)} state={fromHere(from)} data-testid="review-link">
                  出具审核意见（{i.review.number}）
                </Link>
              ) : (
                '—'
              ),
          },
        ]
      : []),
    ...(showRole
      ? [{ title: '我的角色', dataIndex: 'role', render: (v: WorkItem['role']) => ROLE_LABELS[v] }]
      : []),
    {
      title: '登记时间',
      dataIndex: 'createdAt',
      sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
      render: (v: string) => v.slice(0, 10),
    },
  ];
  return (
    <section aria-label="案件列表" data-testid={testId}>
      <Table<WorkItem>
        size="middle"
        rowKey="id"
        scroll={{ x: 'max-content' }}
        loading={loading}
        columns={columns}
        dataSource={items}
        onRow={(i) => ({
          onClick: (e) => {
            if (!(e.target as HTMLElement).closest('a')) navigate(caseLink(i.id), { state: fromHere(from) });
          },
          style: { cursor: 'pointer' },
        })}
        pagination={items.length > 50 ? { pageSize: 50, showTotal: (t) => `共 ${t} 件` } : false}
        locale={{ emptyText }}
      />
    </section>
  );
}

/** Counts by colour, for the summary above a work view. */
export function colourCounts(items: WorkItem[]) {
  const out: Record<WorkColour, number> = { red: 0, orange: 0, blue: 0 };
  for (const i of items) if (i.deadline) out[i.deadline.colour]++;
  return out;
}
