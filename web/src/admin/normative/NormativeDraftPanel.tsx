import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useState } from 'react';
import { describeError, useFormErrors } from '../../api/forms.ts';
import {
  type Comment,
  DISPOSITIONS,
  type DiffOp,
  type Disposition,
  normativeApi,
  REGISTER_STATUS,
  type Version,
} from '../../api/normative.ts';
import type { CaseDetail } from '../../api/types.ts';
import { formatTime } from '../../shared/format.ts';
import { useMe } from '../../shared/me.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';

/** Shows a diff: deleted text struck through in red, inserted text underlined in green. */
export function DiffView({ ops, testId }: { ops: DiffOp[]; testId?: string }) {
  return (
    <div data-testid={testId} style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9 }}>
      {ops.map((o, i) =>
        o.op === 'equal' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: a diff's ops have no identity but their order
          <span key={i}>{o.text}</span>
        ) : o.op === 'insert' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <ins key={i} style={{ background: '#e6ffec', color: '#1a7f37' }}>
            {o.text}
          </ins>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <del key={i} style={{ background: '#ffebe9', color: '#cf222e' }}>
            {o.text}
          </del>
        ),
      )}
    </div>
  );
}

function Versions({ detail, canEdit }: { detail: CaseDetail; canEdit: boolean }) {
  const { message } = App.useApp();
  const list = useRequest(() => normativeApi.versions(detail.id), [detail.id, detail.version]);
  const versions = list.data ?? [];
  const latest = versions[versions.length - 1];
  const [editing, setEditing] = useState(false);
  const [pair, setPair] = useState<{ from?: number; to?: number }>({});
  const from = pair.from ?? (versions.length > 1 ? versions[versions.length - 2]?.versionNo : undefined);
  const to = pair.to ?? latest?.versionNo;
  const diff = useRequest(
    () => normativeApi.diff(detail.id, from ?? 1, to ?? 1),
    [detail.id, from, to],
    !!from && !!to && from !== to,
  );
  const [form] = Form.useForm<{ title: string; body: string; note?: string }>();
  const onError = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const save = async (v: { title: string; body: string; note?: string }) => {
    setSaving(true);
    try {
      const r = await normativeApi.addVersion(detail.id, {
        ...v,
        ...(v.note?.trim() ? {} : { note: undefined }),
      });
      message.success(`已保存第${r.versionNo}版`);
      setEditing(false);
      list.reload();
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };
  if (list.error) return <LoadFailed detail={describeError(list.error)} onRetry={list.reload} />;
  const options = versions.map((v) => ({ value: v.versionNo, label: `第${v.versionNo}版` }));
  return (
    <>
      <Table<Version>
        rowKey="versionNo"
        size="small"
        loading={list.loading}
        dataSource={[...versions].reverse()}
        pagination={false}
        data-testid="normative-versions"
        expandable={{
          expandedRowRender: (v) => <div style={{ whiteSpace: 'pre-wrap' }}>{v.body}</div>,
        }}
        columns={[
          { title: '版本', dataIndex: 'versionNo', width: 80, render: (n: number) => `第${n}版` },
          { title: '标题', dataIndex: 'title' },
          { title: '修改说明', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
          { title: '修改人', dataIndex: 'authorName', width: 100 },
          { title: '时间', dataIndex: 'createdAt', width: 170, render: (t: string) => formatTime(t) },
        ]}
      />
      {canEdit && detail.state === 'drafting' && latest ? (
        <Button
          style={{ marginTop: 12 }}
          data-testid="normative-new-version"
          onClick={() => {
            form.setFieldsValue({ title: latest.title, body: latest.body, note: '' });
            setEditing(true);
          }}
        >
          修改草案（保存为新版本）
        </Button>
      ) : null}
      {versions.length > 1 ? (
        <Card size="small" title="版本比较" style={{ marginTop: 16 }}>
          <Space style={{ marginBottom: 12 }}>
            <Select
              aria-label="比较的旧版本"
              style={{ width: 120 }}
              value={from}
              options={options}
              onChange={(v) => setPair({ from: v, to })}
            />
            →
            <Select
              aria-label="比较的新版本"
              style={{ width: 120 }}
              value={to}
              options={options}
              onChange={(v) => setPair({ from, to: v })}
            />
          </Space>
          {diff.error ? <LoadFailed detail={describeError(diff.error)} onRetry={diff.reload} /> : null}
          {from === to ? <Empty description="请选择两个不同的版本" /> : null}
          {diff.data && from !== to ? (
            <>
              <DiffView ops={diff.data.title} testId="normative-diff-title" />
              <div style={{ height: 12 }} />
              <DiffView ops={diff.data.body} testId="normative-diff-body" />
            </>
          ) : null}
        </Card>
      ) : null}
      <Modal
        open={editing}
        title="修改草案"
        okText="保存新版本"
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(false)}
        width={860}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save} data-testid="normative-version-form">
          <Form.Item
            name="title"
            label="文件名称"
            rules={[{ required: true, whitespace: true, message: '请填写文件名称' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="body"
            label="正文"
            extra="每条单独成段；公开征求意见时按条提出意见"
            rules={[{ required: true, whitespace: true, message: '请填写正文' }]}
          >
            <Input.TextArea autoSize={{ minRows: 10, maxRows: 24 }} />
          </Form.Item>
          <Form.Item name="note" label="修改说明">
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Comments({ detail, canEdit }: { detail: CaseDetail; canEdit: boolean }) {
  const { message } = App.useApp();
  const list = useRequest(() => normativeApi.comments(detail.id), [detail.id, detail.version]);
  const [disposing, setDisposing] = useState<Comment | null>(null);
  const [form] = Form.useForm<{ disposition: Disposition; reason?: string }>();
  const onError = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const save = async (v: { disposition: Disposition; reason?: string }) => {
    if (!disposing) return;
    setSaving(true);
    try {
      await normativeApi.dispose(detail.id, disposing.id, {
        disposition: v.disposition,
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      });
      message.success('已记录处理意见');
      setDisposing(null);
      list.reload();
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };
  if (list.error) return <LoadFailed detail={describeError(list.error)} onRetry={list.reload} />;
  const comments = list.data ?? [];
  const open = comments.filter((c) => !c.disposition).length;
  return (
    <>
      <p>
        共 {comments.length} 条意见，
        {open > 0 ? <Tag color="orange">{open} 条未处理</Tag> : <Tag color="green">均已处理</Tag>}
      </p>
      <Table<Comment>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={comments}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="normative-comments"
        columns={[
          { title: '条款', dataIndex: 'clauseNo', width: 80, render: (n: number) => `第${n}条` },
          { title: '意见', dataIndex: 'content' },
          { title: '提出人', dataIndex: 'commenter', width: 100 },
          { title: '提出时间', dataIndex: 'createdAt', width: 170, render: (t: string) => formatTime(t) },
          {
            title: '处理',
            width: 260,
            render: (_: unknown, c) =>
              c.disposition ? (
                <span>
                  <Tag color={c.disposition === 'not-adopted' ? 'default' : 'green'}>
                    {DISPOSITIONS[c.disposition]}
                  </Tag>
                  {c.dispositionReason ?? ''}
                </span>
              ) : canEdit ? (
                <Button
                  size="small"
                  data-testid="normative-dispose"
                  onClick={() => {
                    form.resetFields();
                    setDisposing(c);
                  }}
                >
                  处理
                </Button>
              ) : (
                <Tag color="orange">未处理</Tag>
              ),
          },
        ]}
      />
      <Modal
        open={!!disposing}
        title={disposing ? `处理第${disposing.clauseNo}条的意见` : ''}
        okText="确定"
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setDisposing(null)}
        destroyOnHidden
      >
        <p style={{ whiteSpace: 'pre-wrap' }}>{disposing?.content}</p>
        <Form form={form} layout="vertical" onFinish={save} data-testid="normative-disposition-form">
          <Form.Item
            name="disposition"
            label="处理结果"
            rules={[{ required: true, message: '请选择处理结果' }]}
          >
            <Radio.Group
              optionType="button"
              options={Object.entries(DISPOSITIONS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item name="reason" label="理由" extra="部分采纳或不予采纳的，应说明理由">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function RegistrationInfo({ detail }: { detail: CaseDetail }) {
  const reg = useRequest(() => normativeApi.registration(detail.id), [detail.id, detail.version]);
  if (reg.error) return <LoadFailed detail={describeError(reg.error)} onRetry={reg.reload} />;
  const r = reg.data;
  if (!r) return <Empty description={reg.loading ? '加载中' : '尚未统一登记编号'} />;
  return (
    <Descriptions column={2} size="small" bordered data-testid="normative-registration">
      <Descriptions.Item label="文号">{r.number}</Descriptions.Item>
      <Descriptions.Item label="状态">{REGISTER_STATUS[r.status] ?? r.status}</Descriptions.Item>
      <Descriptions.Item label="登记日期">{r.registeredOn}</Descriptions.Item>
      <Descriptions.Item label="公布日期">{r.publishedOn ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="施行日期">{r.effectiveOn ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="有效期至">{r.expiresOn ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="报送备案日期">{r.filedOn ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="准予备案日期">{r.filingAcceptedOn ?? '—'}</Descriptions.Item>
    </Descriptions>
  );
}

/** 草案与登记: the versions with a diff, the public comments with their dispositions, and the registration. */
export function NormativeDraftPanel({ detail }: { detail: CaseDetail }) {
  const { can } = useMe();
  const canEdit = can('normative.document.draft');
  return (
    <Card title="草案、意见与登记" variant="borderless" data-testid="normative-panel">
      <Tabs
        items={[
          { key: 'versions', label: '草案版本', children: <Versions detail={detail} canEdit={canEdit} /> },
          { key: 'comments', label: '公众意见', children: <Comments detail={detail} canEdit={canEdit} /> },
          { key: 'registration', label: '登记、公布与备案', children: <RegistrationInfo detail={detail} /> },
        ]}
      />
    </Card>
  );
}
