import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { enforcementViewsApi, type SupervisionItem } from '../../api/enforcement-views.ts';
import { describeError } from '../../api/forms.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { caseLink, fromHere } from '../../shared/workflow/CaseList.tsx';
import { SECTIONS } from '../nav.tsx';

/** 执法监督: every open penalty case in scope, overdue first (most overdue first), then by the nearest due date. */
export function SupervisionPage() {
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useRequest(() => enforcementViewsApi.supervision(page, pageSize), [page, pageSize]);
  if (list.error) return <LoadFailed detail={describeError(list.error)} onRetry={list.reload} />;
  const from = SECTIONS.enforcementSupervision.path;
  const columns: TableColumnsType<SupervisionItem> = [
    {
      title: '期限',
      key: 'due',
      width: 220,
      render: (_: unknown, i) =>
        !i.step ? (
          <Typography.Text type="secondary">无计时中的期限</Typography.Text>
        ) : i.overdue ? (
          <Tag color="red" data-testid="supervision-overdue">
            已逾期 {i.daysOverdue} 天（{i.step.dueDate} 届满）
          </Tag>
        ) : (
          <Tag color="blue">{i.step.dueDate} 届满</Tag>
        ),
    },
    { title: '当前期限', key: 'step', render: (_: unknown, i) => i.step?.name ?? '—' },
    {
      title: '案件编号',
      dataIndex: 'number',
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
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 260 }}>
          {v}
        </Typography.Text>
      ),
    },
    { title: '当前环节', dataIndex: 'stateLabel', render: (v: string) => <Tag color="processing">{v}</Tag> },
    { title: '执法主体', key: 'body', render: (_: unknown, i) => i.body?.name ?? '—' },
    { title: '承办人', key: 'handler', render: (_: unknown, i) => i.handler?.name ?? '—' },
  ];
  return (
    <>
      <PageHeader
        title="执法监督"
        subTitle="数据范围内的全部在办行政处罚案件：已逾期的在前（逾期越久越靠前），其次按最近届满日期"
        extra={
          <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading}>
            刷新
          </Button>
        }
      />
      <Card variant="borderless">
        <section aria-label="在办案件" data-testid="supervision-table">
          <Table<SupervisionItem>
            size="middle"
            rowKey="id"
            scroll={{ x: 'max-content' }}
            loading={list.loading}
            columns={columns}
            dataSource={list.data?.items ?? []}
            rowClassName={(i) => (i.overdue ? 'fz-inbox-red' : '')}
            onRow={(i) => ({
              onClick: (e) => {
                if (!(e.target as HTMLElement).closest('a'))
                  navigate(caseLink(i.id), { state: fromHere(from) });
              },
              style: { cursor: 'pointer' },
            })}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (t) => `共 ${t} 件在办案件`,
              onChange: (p, s) => {
                setPage(s === pageSize ? p : 1);
                setPageSize(s);
              },
            }}
            locale={{ emptyText: '暂无在办案件' }}
          />
        </section>
      </Card>
    </>
  );
}
