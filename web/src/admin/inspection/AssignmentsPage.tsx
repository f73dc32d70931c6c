import { Button, Table, Tag } from 'antd';
import { useState } from 'react';
import { type Assignment, inspectionApi, OUTCOME_LABELS } from '../../api/inspection.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { ResultModal } from './TasksPage.tsx';

/** 我的检查: the drawn entities the signed-in officer inspects, and recording their results (谁检查、谁录入). */
export function AssignmentsPage() {
  const [reload, setReload] = useState(0);
  const list = useRequest(() => inspectionApi.assignments(), [reload]);
  const [recording, setRecording] = useState<Assignment | null>(null);
  return (
    <>
      <PageHeader title="我的检查" subTitle="随机匹配给本人的检查对象；检查后由检查组成员录入结果" />
      <Table<Assignment>
        rowKey={(a) => `${a.taskId}/${a.entityId}`}
        loading={list.loading}
        dataSource={list.data ?? []}
        data-testid="assignments-table"
        columns={[
          { title: '抽查任务', dataIndex: 'taskTitle' },
          { title: '检查日期', dataIndex: 'inspectionDate' },
          { title: '统一社会信用代码', dataIndex: 'uscc' },
          { title: '名称', dataIndex: 'entityName' },
          { title: '住所', dataIndex: 'address' },
          {
            title: '结果',
            key: 'result',
            render: (_: unknown, a) =>
              a.result ? (
                <Tag color="green">{OUTCOME_LABELS[a.result]}</Tag>
              ) : (
                <Button size="small" onClick={() => setRecording(a)}>
                  录入结果
                </Button>
              ),
          },
        ]}
      />
      {recording ? (
        <ResultModal
          taskId={recording.taskId}
          entityId={recording.entityId}
          onClose={() => {
            setRecording(null);
            setReload((r) => r + 1);
          }}
        />
      ) : null}
    </>
  );
}
