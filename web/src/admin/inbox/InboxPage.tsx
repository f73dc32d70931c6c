import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/endpoints.ts';
import { describeError } from '../../api/forms.ts';
import type { DeadlineColour, InboxItem } from '../../api/types.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { caseLink, fromHere } from '../../shared/workflow/CaseList.tsx';
import { DeadlineDot, DeadlineTag } from '../../shared/workflow/DeadlineTag.tsx';
import { InboxCounts } from '../../shared/workflow/InboxCounts.tsx';
import { SECTIONS } from '../nav.tsx';

/** 待办: the cases where the user can take the next step, most urgent first (the server's order). */
export function InboxPage() {
  const navigate = useNavigate();
  const inbox = useRequest(api.workflow.inbox, []);
  const [params] = useSearchParams();
  const [colour, setColour] = useState<DeadlineColour | undefined>(
    () => (params.get('colour') as DeadlineColour | null) ?? undefined,
  );
  const all = inbox.data ?? [];
  const items = colour ? all.filter((i) => i.colour === colour) : all;

  if (inbox.error) return <LoadFailed detail={describeError(inbox.error)} onRetry={inbox.reload} />;

  const columns: TableColumnsType<InboxItem> = [
    {
      title: '期限',
      dataIndex: 'colour',
      width: 150,
      render: (_: unknown, i) => <DeadlineDot colour={i.colour} dueDate={i.nextDue} />,
    },
    {
      title: '编号',
      dataIndex: 'number',
      render: (v: string, i) => (
        <Link to={caseLink(i.id)} state={fromHere(SECTIONS.inbox.path)}>
          {v}
        </Link>
      ),
    },
    {
      title: '标题',
      dataIndex: 'title',
      render: (v: string) => (
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 300 }}>
          {v}
        </Typography.Text>
      ),
    },
    { title: '类型', dataIndex: 'typeName' },
    { title: '状态', dataIndex: 'stateLabel', render: (v: string) => <Tag color="processing">{v}</Tag> },
    {
      title: '正在计算的期限',
      dataIndex: 'deadlines',
      render: (ds: InboxItem['deadlines']) =>
        ds.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          ds.map((d) => (
            <div key={d.key} style={{ marginBlock: 2 }}>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {d.name}
              </Typography.Text>
              <DeadlineTag deadline={d} />
            </div>
          ))
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="待办"
        subTitle="需要您办理下一步的案件，已逾期和即将到期的排在前面"
        extra={
          <Button icon={<ReloadOutlined />} onClick={inbox.reload} loading={inbox.loading}>
            刷新
          </Button>
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <InboxCounts items={all} active={colour} onPick={setColour} />
      </Card>
      <Card variant="borderless">
        <section aria-label="待办列表" data-testid="inbox-table">
          <Table<InboxItem>
            size="middle"
            rowKey="id"
            scroll={{ x: 'max-content' }}
            loading={inbox.loading}
            columns={columns}
            dataSource={items}
            rowClassName={(i) => `fz-inbox-${i.colour}`}
            onRow={(i) => ({
              onClick: (e) => {
                if (!(e.target as HTMLElement).closest('a'))
                  navigate(caseLink(i.id), { state: fromHere(SECTIONS.inbox.path) });
              },
              style: { cursor: 'pointer' },
            })}
            pagination={items.length > 50 ? { pageSize: 50, showTotal: (t) => `共 ${t} 件` } : false}
            locale={{ emptyText: colour ? '没有这一类待办' : '暂无待办' }}
          />
        </section>
      </Card>
    </>
  );
}
