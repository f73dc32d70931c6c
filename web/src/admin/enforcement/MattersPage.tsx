import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  CIRCUMSTANCES,
  type DiscretionBand,
  type EnforcementMatter,
  enforcementApi,
  fineRange,
  MATTER_TYPES,
  type MatterInput,
  RECORD_STATUS_LABELS,
} from '../../api/enforcement.ts';
import { useFormSubmit } from '../../api/forms.ts';
import { DataTable, usePagedQuery } from '../../shared/DataTable.tsx';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { statusTag } from './BodiesPage.tsx';
import { RegistryFileButtons } from './RegistryFile.tsx';
import { BodySelect } from './selects.tsx';

export const basisText = (m: Pick<EnforcementMatter, 'legalBasis'>) =>
  m.legalBasis.map((b) => `${b.law}${b.article}`).join('；') || '—';

/** A matter's discretion standard (裁量基准), one row per circumstance. */
export function BandsTable({ bands }: { bands: DiscretionBand[] }) {
  if (bands.length === 0) return <Typography.Text type="secondary">未设定裁量基准</Typography.Text>;
  return (
    <Table<DiscretionBand>
      size="small"
      pagination={false}
      rowKey="circumstance"
      dataSource={bands}
      data-testid="bands-table"
      columns={[
        { title: '裁量情形', dataIndex: 'circumstance', width: 100 },
        { title: '适用条件', dataIndex: 'description' },
        {
          title: '罚款幅度',
          key: 'fine',
          width: 200,
          render: (_: unknown, b) => fineRange(b.fineMin, b.fineMax),
        },
        {
          title: '其他处罚',
          dataIndex: 'otherPenalties',
          width: 200,
          render: (v: string[]) => (v.length ? v.join('、') : '—'),
        },
      ]}
    />
  );
}

/** 执法事项: the matter catalogue with legal basis, fine range and discretion bands. */
export function MattersPage() {
  const { can } = useMe();
  const mayManage = can('enforcement.registry.manage');
  const [filters, setFilters] = useState<{
    q?: string | undefined;
    type?: string | undefined;
    bodyId?: string | undefined;
  }>({});
  const [reload, setReload] = useState(0);
  const query = usePagedQuery(
    (f: typeof filters & { reload: number }, page, pageSize) =>
      enforcementApi.matters({ q: f.q, type: f.type, bodyId: f.bodyId, page, pageSize }),
    { ...filters, reload },
  );
  const [editing, setEditing] = useState<EnforcementMatter | 'new' | null>(null);

  const columns: TableColumnsType<EnforcementMatter> = [
    { title: '事项编码', dataIndex: 'code', fixed: 'left' },
    {
      title: '事项名称',
      dataIndex: 'name',
      render: (v: string) => (
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 300 }}>
          {v}
        </Typography.Text>
      ),
    },
    { title: '类型', dataIndex: 'type' },
    { title: '执法主体', dataIndex: 'bodyName' },
    {
      title: '法律依据',
      key: 'basis',
      render: (_: unknown, m) => (
        <Typography.Text ellipsis={{ tooltip: basisText(m) }} style={{ maxWidth: 200 }}>
          {basisText(m)}
        </Typography.Text>
      ),
    },
    {
      title: '法定罚款',
      key: 'fine',
      render: (_: unknown, m) => (m.type === '行政处罚' ? fineRange(m.fineMin, m.fineMax) : '—'),
    },
    {
      title: '裁量档次',
      key: 'bands',
      align: 'right',
      render: (_: unknown, m) => m.discretion.length || '—',
    },
    { title: '状态', dataIndex: 'status', render: (v: string) => statusTag(v) },
    {
      title: '操作',
      key: 'ops',
      render: (_: unknown, m) =>
        mayManage && m.canManage ? (
          <Button type="link" size="small" onClick={() => setEditing(m)}>
            编辑
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title="执法事项"
        subTitle="执法事项清单：法律依据、法定罚款幅度和裁量基准（展开一行查看各档裁量基准）"
        extra={
          <>
            <RegistryFileButtons
              kind="matters"
              canImport={mayManage}
              onImported={() => setReload((r) => r + 1)}
            />
            {mayManage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                新增执法事项
              </Button>
            ) : null}
          </>
        }
      />
      <Card variant="borderless">
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search">
          <Input.Search
            placeholder="事项编码或名称"
            allowClear
            style={{ width: 240 }}
            aria-label="关键字"
            onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim() || undefined }))}
          />
          <Select<string | undefined>
            allowClear
            placeholder="全部类型"
            style={{ width: 140 }}
            aria-label="事项类型"
            options={MATTER_TYPES.map((t) => ({ value: t, label: t }))}
            onChange={(type) => setFilters((f) => ({ ...f, type }))}
          />
          <BodySelect
            allowClear
            placeholder="全部执法主体"
            style={{ width: 260 }}
            aria-label="执法主体"
            onChange={(bodyId) => setFilters((f) => ({ ...f, bodyId }))}
          />
        </Flex>
        <DataTable<EnforcementMatter>
          query={query}
          rowKey="id"
          columns={columns}
          aria-label="执法事项列表"
          data-testid="matters-table"
          locale={{ emptyText: '暂无执法事项' }}
          expandable={{
            expandedRowRender: (m) => (
              <div style={{ padding: '4px 0' }}>
                <Typography.Paragraph style={{ marginBottom: 8 }}>
                  <b>法律依据：</b>
                  {basisText(m)}
                  {m.otherPenalties.length ? (
                    <>
                      {'　'}
                      <b>其他处罚种类：</b>
                      {m.otherPenalties.join('、')}
                    </>
                  ) : null}
                </Typography.Paragraph>
                <BandsTable bands={m.discretion} />
              </div>
            ),
          }}
        />
      </Card>
      {editing ? (
        <MatterForm
          matter={editing === 'new' ? null : editing}
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

function MatterForm({
  matter,
  onClose,
  onSaved,
}: {
  matter: EnforcementMatter | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<MatterInput>();
  const { saving, run } = useFormSubmit(form);
  const type = Form.useWatch('type', form);
  const penalty = type === '行政处罚';
  const submit = async (v: MatterInput) => {
    const values: MatterInput = {
      ...v,
      fineMin: v.fineMin ?? null,
      fineMax: v.fineMax ?? null,
      otherPenalties: v.otherPenalties ?? [],
      discretion: (v.discretion ?? []).map((b) => ({
        ...b,
        fineMin: b.fineMin ?? null,
        fineMax: b.fineMax ?? null,
        otherPenalties: b.otherPenalties ?? [],
      })),
    };
    await run(async () => {
      if (matter) await enforcementApi.updateMatter(matter.id, values);
      else await enforcementApi.createMatter(values);
      message.success(matter ? '已保存' : '已新增执法事项');
      onSaved();
    });
  };
  return (
    <Modal
      open
      width={900}
      title={matter ? `编辑执法事项：${matter.code}` : '新增执法事项'}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<MatterInput>
        form={form}
        layout="vertical"
        onFinish={submit}
        aria-label="执法事项"
        data-testid="matter-form"
        initialValues={
          matter ?? {
            type: '行政处罚',
            status: 'active',
            legalBasis: [{ law: '', article: '' }],
            otherPenalties: [],
            discretion: [],
          }
        }
      >
        <div className="fz-two-cols">
          <Form.Item
            name="code"
            label="事项编码"
            rules={[{ required: true, whitespace: true, message: '请填写事项编码' }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="type" label="事项类型" rules={[{ required: true, message: '请选择事项类型' }]}>
            <Select options={MATTER_TYPES.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
        </div>
        <Form.Item
          name="name"
          label="事项名称"
          rules={[{ required: true, whitespace: true, message: '请填写事项名称' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <div className="fz-two-cols">
          <Form.Item name="bodyId" label="执法主体" rules={[{ required: true, message: '请选择执法主体' }]}>
            <BodySelect />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select
              options={Object.entries(RECORD_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        </div>
        <Form.List name="legalBasis">
          {(fields, { add, remove }) => (
            <fieldset className="fz-fieldset">
              <legend>法律依据</legend>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="start">
                  <Form.Item
                    name={[f.name, 'law']}
                    style={{ flex: 2 }}
                    rules={[{ required: true, whitespace: true, message: '请填写法律法规名称' }]}
                  >
                    <Input placeholder="《中华人民共和国××法》" aria-label={`第${i + 1}项依据的法律法规`} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'article']}
                    style={{ flex: 1 }}
                    rules={[{ required: true, whitespace: true, message: '请填写条款' }]}
                  >
                    <Input placeholder="第×条第×款" aria-label={`第${i + 1}项依据的条款`} />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<MinusCircleOutlined />}
                    aria-label="删除"
                    onClick={() => remove(f.name)}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ law: '', article: '' })}
              >
                添加法律依据
              </Button>
            </fieldset>
          )}
        </Form.List>
        {penalty ? (
          <>
            <div className="fz-two-cols" style={{ marginTop: 16 }}>
              <Form.Item name="fineMin" label="法定罚款下限（元）">
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="fineMax" label="法定罚款上限（元）">
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </div>
            <Form.Item name="otherPenalties" label="其他处罚种类" extra="如警告、没收违法所得；输入后按回车">
              <Select mode="tags" open={false} placeholder="输入后按回车" />
            </Form.Item>
            <Form.List name="discretion">
              {(fields, { add, remove }, { errors }) => (
                <fieldset className="fz-fieldset">
                  <legend>裁量基准</legend>
                  {fields.map((f, i) => (
                    <fieldset key={f.key} className="fz-list-row" aria-label={`第${i + 1}档`}>
                      <div style={{ display: 'grid', gridTemplateColumns: '120px 1fr 1fr', gap: '0 12px' }}>
                        <Form.Item
                          name={[f.name, 'circumstance']}
                          label="情形"
                          rules={[{ required: true, message: '请选择' }]}
                        >
                          <Select options={CIRCUMSTANCES.map((c) => ({ value: c, label: c }))} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'fineMin']} label="罚款下限（元）">
                          <InputNumber min={0} style={{ width: '100%' }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'fineMax']} label="罚款上限（元）">
                          <InputNumber min={0} style={{ width: '100%' }} />
                        </Form.Item>
                      </div>
                      <Form.Item
                        name={[f.name, 'description']}
                        label="适用条件"
                        rules={[{ required: true, whitespace: true, message: '请填写适用条件' }]}
                      >
                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'otherPenalties']} label="其他处罚">
                        <Select mode="tags" open={false} placeholder="输入后按回车" />
                      </Form.Item>
                      <Button
                        type="text"
                        danger
                        icon={<MinusCircleOutlined />}
                        aria-label={`删除第${i + 1}档`}
                        onClick={() => remove(f.name)}
                      />
                    </fieldset>
                  ))}
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Button
                      type="dashed"
                      block
                      icon={<PlusOutlined />}
                      disabled={fields.length >= 5}
                      onClick={() => add({ description: '', otherPenalties: [] })}
                    >
                      添加裁量档次
                    </Button>
                    <Form.ErrorList errors={errors} />
                  </Space>
                </fieldset>
              )}
            </Form.List>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
