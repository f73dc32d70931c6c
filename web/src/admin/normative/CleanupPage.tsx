import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { describeError, useErrorHandler, useFormErrors } from '../../api/forms.ts';
import {
  CLEANUP_OUTCOMES,
  type Cleanup,
  type CleanupItem,
  type CleanupOutcome,
  normativeApi,
} from '../../api/normative.ts';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { caseLink, fromHere } from '../../shared/workflow/CaseList.tsx';
import { SECTIONS } from '../nav.tsx';

const OUTCOME_COLOURS: Record<CleanupOutcome, string> = {
  keep: 'green',
  amend: 'gold',
  repeal: 'red',
  invalid: 'volcano',
};

const countsText = (c: Cleanup['counts']) =>
  `继续有效 ${c.keep} · 需要修改 ${c.amend} · 废止 ${c.repeal} · 宣布失效 ${c.invalid}${c.undecided ? ` · 未定 ${c.undecided}` : ''}`;

function OpenModal({ onClose, onOpened }: { onClose: () => void; onOpened: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; reason: string }>();
  const onError = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const submit = async (v: { title: string; reason: string }) => {
    setSaving(true);
    try {
      const r = await normativeApi.openCleanup(v);
      message.success(`已开启清理，共 ${r.documentCount} 件现行有效文件`);
      onOpened();
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title="开启规范性文件清理"
      okText="开启清理"
      okButtonProps={{ 'data-testid': 'cleanup-open-submit' } as Record<string, string>}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="cleanup-open-form">
        <Form.Item
          name="title"
          label="清理名称"
          rules={[{ required: true, whitespace: true, message: '请填写清理名称' }]}
        >
          <Input maxLength={200} placeholder="如：2026年度行政规范性文件清理" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="清理原因"
          extra="定期清理（一般每两年一次），或上位法制定、修改、废止后的专项清理"
          rules={[{ required: true, whitespace: true, message: '请填写清理原因' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Items({ cleanup, onChanged }: { cleanup: Cleanup; onChanged: () => void }) {
  const { message } = App.useApp();
  const { can } = useMe();
  const canDecide = can('normative.document.filing') && cleanup.status === 'open';
  const [outcome, setOutcome] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const list = useRequest(
    () => normativeApi.cleanupItems(cleanup.id, { ...(outcome ? { outcome } : {}), page, pageSize: 50 }),
    [cleanup.id, outcome, page, cleanup.counts.undecided],
  );
  const [deciding, setDeciding] = useState<CleanupItem | null>(null);
  const [form] = Form.useForm<{ outcome: CleanupOutcome; reason: string }>();
  const onError = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const decide = async (v: { outcome: CleanupOutcome; reason: string }) => {
    if (!deciding) return;
    setSaving(true);
    try {
      await normativeApi.decide(cleanup.id, deciding.caseId, v);
      message.success(`${deciding.number}：${CLEANUP_OUTCOMES[v.outcome]}`);
      setDeciding(null);
      onChanged();
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };
  const chosen = Form.useWatch('outcome', form);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select
          aria-label="按清理结论筛选"
          allowClear
          placeholder="全部结论"
          style={{ width: 160 }}
          value={outcome}
          onChange={(v) => {
            setOutcome(v);
            setPage(1);
          }}
          options={[
            { value: 'undecided', label: '未作结论' },
            ...Object.entries(CLEANUP_OUTCOMES).map(([value, label]) => ({ value, label })),
          ]}
        />
      </Space>
      {list.error ? <LoadFailed detail={describeError(list.error)} onRetry={list.reload} /> : null}
      <Table<CleanupItem>
        rowKey="caseId"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="cleanup-items"
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          {
            title: '文号',
            dataIndex: 'number',
            width: 200,
            render: (n: string, r) => (
              <Link to={caseLink(r.caseId)} state={fromHere(SECTIONS.normativeCleanups.path)}>
                {n}
              </Link>
            ),
          },
          { title: '文件名称', dataIndex: 'title' },
          { title: '制定机关', dataIndex: 'issuerName', width: 170 },
          {
            title: '清理结论',
            width: 300,
            render: (_: unknown, r) =>
              r.outcome ? (
                <span>
                  <Tag color={OUTCOME_COLOURS[r.outcome]}>{CLEANUP_OUTCOMES[r.outcome]}</Tag>
                  {r.reason}
                </span>
              ) : canDecide ? (
                <Button
                  size="small"
                  data-testid="cleanup-decide"
                  onClick={() => {
                    form.resetFields();
                    setDeciding(r);
                  }}
                >
                  作出结论
                </Button>
              ) : (
                <Tag>未作结论</Tag>
              ),
          },
        ]}
      />
      <Modal
        open={!!deciding}
        title={deciding ? `清理结论：${deciding.number} ${deciding.title}` : ''}
        okText="确定"
        okButtonProps={{ 'data-testid': 'cleanup-decision-submit' } as Record<string, string>}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={decide} data-testid="cleanup-decision-form">
          <Form.Item name="outcome" label="清理结论" rules={[{ required: true, message: '请选择清理结论' }]}>
            <Radio.Group
              optionType="button"
              options={Object.entries(CLEANUP_OUTCOMES).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          {chosen === 'repeal' || chosen === 'invalid' ? (
            <p style={{ color: '#cf222e' }}>
              确定后文件即{CLEANUP_OUTCOMES[chosen]}，不再作为行政管理的依据，且不可撤销。
            </p>
          ) : null}
          <Form.Item
            name="reason"
            label="理由"
            rules={[{ required: true, whitespace: true, message: '请说明理由' }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1900} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 清理: campaigns over the documents in force, a conclusion for each document, and publishing the results. */
export function CleanupPage() {
  const { can } = useMe();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const list = useRequest(normativeApi.cleanups, []);
  const [opening, setOpening] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const cleanups = list.data ?? [];
  const current = cleanups.find((c) => c.id === selected) ?? cleanups[0];
  const canManage = can('normative.document.filing');
  const publish = async (c: Cleanup) => {
    try {
      await normativeApi.publishCleanup(c.id);
      message.success('清理结果已公布');
      list.reload();
    } catch (e) {
      onError(e);
    }
  };
  if (list.error) return <LoadFailed detail={describeError(list.error)} onRetry={list.reload} />;
  return (
    <>
      <PageHeader
        title="规范性文件清理"
        subTitle="对现行有效的规范性文件逐件作出继续有效、修改、废止或宣布失效的结论，并向社会公布清理结果"
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setOpening(true)}
              data-testid="cleanup-open"
            >
              开启清理
            </Button>
          ) : null
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Table<Cleanup>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={cleanups}
          pagination={false}
          data-testid="cleanups"
          locale={{ emptyText: <Empty description="尚未开展清理" /> }}
          rowClassName={(c) => (c.id === current?.id ? 'ant-table-row-selected' : '')}
          onRow={(c) => ({ onClick: () => setSelected(c.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: '清理名称', dataIndex: 'title' },
            { title: '开启日期', dataIndex: 'openedOn', width: 110 },
            { title: '文件数', dataIndex: 'documentCount', width: 80, align: 'right' },
            { title: '结论', render: (_: unknown, c) => countsText(c.counts) },
            {
              title: '状态',
              width: 170,
              render: (_: unknown, c) =>
                c.status === 'published' ? (
                  <Tag color="green">已公布（{c.publishedOn}）</Tag>
                ) : canManage ? (
                  <Popconfirm
                    title="公布清理结果？"
                    description="全部文件均作出结论后方可公布，公布后不能再修改。"
                    okText="公布"
                    onConfirm={() => publish(c)}
                  >
                    <Button
                      size="small"
                      type="primary"
                      data-testid="cleanup-publish"
                      onClick={(e) => e.stopPropagation()}
                    >
                      公布结果
                    </Button>
                  </Popconfirm>
                ) : (
                  <Tag color="processing">清理中</Tag>
                ),
            },
          ]}
        />
      </Card>
      {current ? (
        <Card variant="borderless" title={`${current.title}：${current.reason}`}>
          <Items cleanup={current} onChanged={list.reload} />
        </Card>
      ) : null}
      {opening ? (
        <OpenModal
          onClose={() => setOpening(false)}
          onOpened={() => {
            setOpening(false);
            setSelected(null);
            list.reload();
          }}
        />
      ) : null}
    </>
  );
}
