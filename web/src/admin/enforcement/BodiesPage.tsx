import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useState } from 'react';
import {
  BODY_KINDS,
  BODY_PARTICULARS,
  type BodyInput,
  type EnforcementBody,
  enforcementApi,
  RECORD_STATUS_LABELS,
} from '../../api/enforcement.ts';
import { useFormSubmit } from '../../api/forms.ts';
import { DataTable, usePagedQuery } from '../../shared/DataTable.tsx';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { UnitTreeSelect } from '../../shared/UnitTreeSelect.tsx';

export const statusTag = (status: string, labels: Record<string, string> = RECORD_STATUS_LABELS) => (
  <Tag color={status === 'active' ? 'success' : 'default'}>{labels[status] ?? status}</Tag>
);
export const tags = (items: string[]) =>
  items.length === 0 ? '—' : items.map((d) => <Tag key={d}>{d}</Tag>);

/** 执法主体: the enforcement bodies in the user's scope; registering and editing them with `manage`. */
export function BodiesPage() {
  const { can } = useMe();
  const mayManage = can('enforcement.registry.manage');
  const [filters, setFilters] = useState<{ q?: string | undefined; status?: string | undefined }>({});
  const [reload, setReload] = useState(0);
  const query = usePagedQuery(
    (f: typeof filters & { reload: number }, page, pageSize) =>
      enforcementApi.bodies({ q: f.q, status: f.status, page, pageSize }),
    { ...filters, reload },
  );
  const [viewing, setViewing] = useState<EnforcementBody | null>(null);
  const [editing, setEditing] = useState<EnforcementBody | 'new' | null>(null);

  const columns: TableColumnsType<EnforcementBody> = [
    {
      title: '名称',
      dataIndex: 'name',
      fixed: 'left',
      render: (v: string, b) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setViewing(b)}>
          {v}
        </Button>
      ),
    },
    { title: '主体类别', dataIndex: 'kind' },
    { title: '所属单位', dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
    { title: '执法领域', dataIndex: 'domains', render: tags },
    { title: '执法人员', dataIndex: 'officerCount', align: 'right' },
    { title: '执法事项', dataIndex: 'matterCount', align: 'right' },
    { title: '状态', dataIndex: 'status', render: (v: string) => statusTag(v) },
    {
      title: '操作',
      key: 'ops',
      render: (_: unknown, b) => (
        <Space>
          <Button type="link" size="small" onClick={() => setViewing(b)}>
            查看
          </Button>
          {mayManage && b.canManage ? (
            <Button type="link" size="small" onClick={() => setEditing(b)}>
              编辑
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="执法主体"
        subTitle="行政执法主体的名称、类别、执法依据和执法领域（事前公开）"
        extra={
          mayManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              登记执法主体
            </Button>
          ) : null
        }
      />
      <Card variant="borderless">
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search">
          <Input.Search
            placeholder="主体名称"
            allowClear
            style={{ width: 240 }}
            aria-label="关键字"
            onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim() || undefined }))}
          />
          <Select<string | undefined>
            allowClear
            placeholder="全部状态"
            style={{ width: 140 }}
            aria-label="状态"
            options={Object.entries(RECORD_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
            onChange={(status) => setFilters((f) => ({ ...f, status }))}
          />
        </Flex>
        <DataTable<EnforcementBody>
          query={query}
          rowKey="id"
          columns={columns}
          aria-label="执法主体列表"
          data-testid="bodies-table"
          locale={{ emptyText: '暂无执法主体' }}
        />
      </Card>
      <Drawer
        open={!!viewing}
        size="large"
        title={viewing?.name}
        onClose={() => setViewing(null)}
        extra={
          viewing && mayManage && viewing.canManage ? (
            <Button
              onClick={() => {
                setEditing(viewing);
                setViewing(null);
              }}
            >
              编辑
            </Button>
          ) : null
        }
      >
        {viewing ? (
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'kind', label: '主体类别', children: viewing.kind },
              { key: 'unit', label: '所属单位', children: viewing.unitName ?? '—' },
              { key: 'uscc', label: '统一社会信用代码', children: viewing.uscc ?? '—' },
              { key: 'basis', label: '设立及执法依据', children: viewing.legalBasis },
              {
                key: 'docs',
                label: '规范性文件',
                children: viewing.normativeDocuments.length ? viewing.normativeDocuments.join('；') : '—',
              },
              { key: 'domains', label: '执法领域', children: tags(viewing.domains) },
              { key: 'officers', label: '执法人员', children: `${viewing.officerCount} 人` },
              { key: 'matters', label: '执法事项', children: `${viewing.matterCount} 项` },
              { key: 'status', label: '状态', children: statusTag(viewing.status) },
              ...BODY_PARTICULARS.map((p) => ({
                key: p.key,
                label: `文书：${p.label}`,
                children: viewing[p.key] ?? '—',
              })),
            ]}
          />
        ) : null}
      </Drawer>
      {editing ? (
        <BodyForm
          body={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setReload((r) => r + 1);
          }}
        />
      ) : null}
    </>
  );
}

function BodyForm({
  body,
  onClose,
  onSaved,
}: {
  body: EnforcementBody | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<BodyInput>();
  const { saving, run } = useFormSubmit(form);
  const submit = async (v: BodyInput) => {
    await run(async () => {
      const values = { ...v, uscc: v.uscc?.trim() ? v.uscc.trim().toUpperCase() : null };
      // An emptied particular is cleared (null), not sent as blank text.
      for (const p of BODY_PARTICULARS) values[p.key] = v[p.key]?.trim() ? v[p.key]!.trim() : null;
      if (body) {
        const { unitId: _unit, ...patch } = values;
        await enforcementApi.updateBody(body.id, patch);
      } else await enforcementApi.createBody(values);
      message.success(body ? '已保存' : '已登记执法主体');
      onSaved();
    });
  };
  return (
    <Modal
      open
      width={720}
      title={body ? `编辑执法主体：${body.name}` : '登记执法主体'}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<BodyInput>
        form={form}
        layout="vertical"
        onFinish={submit}
        aria-label="执法主体"
        initialValues={
          body
            ? {
                ...body,
                uscc: body.uscc ?? undefined,
                ...Object.fromEntries(BODY_PARTICULARS.map((p) => [p.key, body[p.key] ?? undefined])),
              }
            : { status: 'active', normativeDocuments: [], domains: [] }
        }
      >
        <div className="fz-two-cols">
          <Form.Item
            name="name"
            label="名称"
            rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label="主体类别" rules={[{ required: true, message: '请选择主体类别' }]}>
            <Select options={BODY_KINDS.map((k) => ({ value: k, label: k }))} placeholder="请选择" />
          </Form.Item>
          {body ? null : (
            <Form.Item
              name="unitId"
              label="所属单位"
              extra="每个单位只能登记一个执法主体"
              rules={[{ required: true, message: '请选择所属单位' }]}
            >
              <UnitTreeSelect />
            </Form.Item>
          )}
          <Form.Item name="uscc" label="统一社会信用代码">
            <Input maxLength={18} />
          </Form.Item>
        </div>
        <Form.Item
          name="legalBasis"
          label="设立及执法依据"
          rules={[{ required: true, whitespace: true, message: '请填写执法依据' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="normativeDocuments" label="规范性文件" extra="输入后按回车，可填多项">
          <Select mode="tags" open={false} placeholder="输入后按回车" />
        </Form.Item>
        <Form.Item name="domains" label="执法领域" extra="输入后按回车，可填多项">
          <Select mode="tags" open={false} placeholder="输入后按回车" />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select
            options={Object.entries(RECORD_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Divider plain titlePlacement="start">
          文书信息（印在告知书、决定书上，可不填）
        </Divider>
        <div className="fz-two-cols">
          {BODY_PARTICULARS.map((p) => (
            <Form.Item key={p.key} name={p.key} label={p.label}>
              {p.key === 'paymentMethod' ? (
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={p.max} />
              ) : (
                <Input maxLength={p.max} />
              )}
            </Form.Item>
          ))}
        </div>
      </Form>
    </Modal>
  );
}
