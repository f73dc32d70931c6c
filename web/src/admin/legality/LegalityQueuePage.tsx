import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Table, Tabs } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/endpoints.ts';
import { describeError } from '../../api/forms.ts';
import type { InboxItem } from '../../api/types.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { CaseList, caseLink, fromHere } from '../../shared/workflow/CaseList.tsx';
import { DeadlineTag } from '../../shared/workflow/DeadlineTag.tsx';
import { SECTIONS } from '../nav.tsx';
import { LEGALITY_TYPE } from './legality.ui.ts';

/** The reviews waiting for the user's stage, the oldest deadline first (no deadline last). */
export const byDeadline = (items: InboxItem[]) =>
  items
    .filter((i) => i.type === LEGALITY_TYPE)
    .sort(
      (a, b) => (a.nextDue ?? '9999').localeCompare(b.nextDue ?? '9999') || a.number.localeCompare(b.number),
    );

/** 合法性审查: the reviews awaiting the user's stage (unit legal staff or the justice bureau), and every review. */
export function LegalityQueuePage() {
  const from = SECTIONS.legalityQueue.path;
  const inbox = useRequest(api.workflow.inbox, []);
  if (inbox.error) return <LoadFailed detail={describeError(inbox.error)} onRetry={inbox.reload} />;
  const items = byDeadline(inbox.data ?? []);
  return (
    <>
      <PageHeader
        title="合法性审查"
        subTitle="规范性文件、重大行政决策、合同协议、重大执法决定等的合法性审查：单位法制机构审查，再由司法局审查"
        extra={
          <Button icon={<ReloadOutlined />} onClick={inbox.reload} loading={inbox.loading}>
            刷新
          </Button>
        }
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="打开审查事项后选择审查步骤，填写审查结论（通过 / 修改后通过 / 不通过）、审查意见和法律依据。审查未通过的，送审事项不得进入下一环节。"
      />
      <Card variant="borderless">
        <Tabs
          items={[
            {
              key: 'queue',
              label: `待我审查（${items.length}）`,
              children: (
                <Table<InboxItem>
                  rowKey="id"
                  size="middle"
                  loading={inbox.loading}
                  dataSource={items}
                  data-testid="legality-queue"
                  locale={{ emptyText: '暂无待审查的事项' }}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  columns={[
                    {
                      title: '编号',
                      dataIndex: 'number',
                      width: 200,
                      render: (n: string, i) => (
                        <Link to={caseLink(i.id)} state={fromHere(from)} data-testid="case-link">
                          {n}
                        </Link>
                      ),
                    },
                    { title: '审查事项', dataIndex: 'title' },
                    { title: '阶段', dataIndex: 'stateLabel', width: 180 },
                    {
                      title: '审查期限',
                      width: 220,
                      render: (_: unknown, i) =>
                        i.nextDue ? <DeadlineTag colour={i.colour} dueDate={i.nextDue} /> : '—',
                    },
                  ]}
                />
              ),
            },
            { key: 'all', label: '全部审查', children: <CaseList type={LEGALITY_TYPE} /> },
          ]}
        />
      </Card>
    </>
  );
}
