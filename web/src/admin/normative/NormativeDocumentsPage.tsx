import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Table, Tabs } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { describeError } from '../../api/forms.ts';
import { normativeApi, type SearchHit } from '../../api/normative.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { CaseList, caseLink, fromHere } from '../../shared/workflow/CaseList.tsx';
import { useMachine } from '../../shared/workflow/machines.ts';
import { SECTIONS } from '../nav.tsx';
import { NewDraftModal } from './NewDraftModal.tsx';
import { NORMATIVE_TYPE } from './normative.ui.ts';

function InForceSearch() {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const res = useRequest(() => normativeApi.search({ ...(q ? { q } : {}), page, pageSize: 20 }), [q, page]);
  return (
    <>
      <Input.Search
        placeholder="输入词语或短语检索现行有效文件的标题和正文"
        allowClear
        enterButton="检索"
        style={{ maxWidth: 520, marginBottom: 16 }}
        data-testid="normative-search"
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
      />
      {res.error ? <LoadFailed detail={describeError(res.error)} onRetry={res.reload} /> : null}
      <Table<SearchHit>
        rowKey="id"
        loading={res.loading}
        dataSource={res.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: res.data?.total ?? 0, onChange: setPage }}
        data-testid="normative-search-results"
        columns={[
          {
            title: '文号',
            dataIndex: 'number',
            width: 200,
            render: (n: string, h) => (
              <Link to={caseLink(h.id)} state={fromHere(SECTIONS.normativeDocuments.path)}>
                {n}
              </Link>
            ),
          },
          {
            title: '文件名称',
            dataIndex: 'title',
            render: (t: string, h) => (
              <>
                <div>{t}</div>
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

/** 规范性文件: drafts and documents the user may see, drafting a new one, and the search of documents in force. */
export function NormativeDocumentsPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { machine } = useMachine(NORMATIVE_TYPE);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="行政规范性文件"
        subTitle="起草、公开征求意见、合法性审查、集体审议、统一登记编号、公布、备案和清理"
        extra={
          machine?.canCreate ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="normative-create"
            >
              起草文件
            </Button>
          ) : null
        }
      />
      <Card variant="borderless">
        <Tabs
          items={[
            { key: 'all', label: '全部文件', children: <CaseList type={NORMATIVE_TYPE} /> },
            { key: 'search', label: '现行有效文件检索', children: <InForceSearch /> },
          ]}
        />
      </Card>
      {creating ? (
        <NewDraftModal
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            message.success(`已保存草案 ${c.number}`);
            setCreating(false);
            navigate(caseLink(c.id), { state: fromHere(SECTIONS.normativeDocuments.path) });
          }}
        />
      ) : null}
    </>
  );
}
