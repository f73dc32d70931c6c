import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Tabs } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { CaseList, caseLink, fromHere } from '../../shared/workflow/CaseList.tsx';
import { useMachine } from '../../shared/workflow/machines.ts';
import { SECTIONS } from '../nav.tsx';
import { ClueModal } from './ClueModal.tsx';
import { PENALTY_CASE_TYPE, SUMMARY_CASE_TYPE } from './enforcement.ui.ts';

/** 执法案件: penalty cases (ordinary procedure) and on-the-spot penalties; registering a case clue. */
export function CasesPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { machine } = useMachine(PENALTY_CASE_TYPE);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="执法案件"
        subTitle="行政处罚案件：线索登记、立案、调查取证、告知、听证、法制审核、决定、送达、执行和结案"
        extra={
          machine?.canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              登记案件线索
            </Button>
          ) : null
        }
      />
      <Card variant="borderless">
        <Tabs
          items={[
            { key: 'penalty', label: '普通程序', children: <CaseList type={PENALTY_CASE_TYPE} /> },
            {
              key: 'summary',
              label: '简易程序（当场处罚）',
              children: <CaseList type={SUMMARY_CASE_TYPE} />,
            },
          ]}
        />
      </Card>
      {creating ? (
        <ClueModal
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            const due = c.deadlines.find((d) => d.key === 'filing')?.dueDate;
            message.success(`已登记 ${c.number}${due ? `，应于 ${due} 前决定是否立案` : ''}`);
            setCreating(false);
            navigate(caseLink(c.id), { state: fromHere(SECTIONS.enforcementCases.path) });
          }}
        />
      ) : null}
    </>
  );
}
