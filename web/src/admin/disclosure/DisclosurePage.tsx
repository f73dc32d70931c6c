import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { CaseList, caseLink, fromHere } from '../../shared/workflow/CaseList.tsx';
import { useMachine } from '../../shared/workflow/machines.ts';
import { SECTIONS } from '../nav.tsx';
import { DisclosureRequestModal } from './DisclosureRequestModal.tsx';

export const DISCLOSURE_TYPE = 'disclosure.request';

/** 政府信息公开: the disclosure requests the user may see, and registering a new one. */
export function DisclosurePage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { machine } = useMachine(DISCLOSURE_TYPE);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title="政府信息公开"
        subTitle="依申请公开的登记、补正、征求意见、延期、答复和办结（《政府信息公开条例》第二十七条至第四十五条）"
        extra={
          machine?.canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              登记申请
            </Button>
          ) : null
        }
      />
      <Card variant="borderless">
        <CaseList type={DISCLOSURE_TYPE} />
      </Card>
      {creating ? (
        <DisclosureRequestModal
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            const due = c.deadlines.find((d) => d.key === 'reply')?.dueDate;
            message.success(`已登记 ${c.number}${due ? `，应于 ${due} 前答复` : ''}`);
            setCreating(false);
            navigate(caseLink(c.id), { state: fromHere(SECTIONS.disclosure.path) });
          }}
        />
      ) : null}
    </>
  );
}
