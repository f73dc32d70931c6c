import { PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useFormSubmit } from '../../api/forms.ts';
import {
  type InspectionItem,
  type InspectionPlan,
  ITEM_KIND_LABELS,
  type ItemInput,
  inspectionApi,
  type PlanInput,
} from '../../api/inspection.ts';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { useRequest } from '../../shared/useRequest.ts';

const METHODS = ['现场检查', '书面检查', '网络监测', '抽样检验', '委托专业机构'];

/** 随机抽查事项清单 (per department, general and key items) and 年度抽查计划. */
export function ItemsPage() {
  const { can } = useMe();
  const mayManage = can('inspection.task.manage');
  const [reload, setReload] = useState(0);
  const items = useRequest(() => inspectionApi.items(), [reload]);
  const plans = useRequest(() => inspectionApi.plans(), [reload]);
  const [editing, setEditing] = useState<InspectionItem | 'new' | null>(null);
  const [planning, setPlanning] = useState(false);
  const done = () => {
    setEditing(null);
    setPlanning(false);
    setReload((r) => r + 1);
  };
  const itemName = (id: string) => items.data?.find((i) => i.id === id)?.name ?? id;
  return (
    <>
      <PageHeader
        title="事项清单与计划"
        subTitle="随机抽查事项清单（一般检查事项比例严格控制，重点检查事项不设上限）和各部门的年度抽查计划，均在门户公开"
        extra={
          mayManage ? (
            <Space>
              <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                新增抽查事项
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setPlanning(true)}>
                制定年度计划
              </Button>
            </Space>
          ) : null
        }
      />
      <Card size="small" title="随机抽查事项清单" style={{ marginBottom: 16 }}>
        <Table<InspectionItem>
          rowKey="id"
          size="small"
          loading={items.loading}
          dataSource={items.data ?? []}
          data-testid="items-table"
          columns={[
            { title: '编码', dataIndex: 'code' },
            { title: '事项名称', dataIndex: 'name' },
            {
              title: '类别',
              dataIndex: 'kind',
              render: (v: string) => <Tag color={v === 'key' ? 'red' : 'default'}>{ITEM_KIND_LABELS[v]}</Tag>,
            },
            { title: '检查对象', dataIndex: 'subject' },
            { title: '检查方式', dataIndex: 'method' },
            { title: '检查依据', dataIndex: 'legalBasis', ellipsis: true },
            { title: '部门', dataIndex: 'unitName' },
            {
              title: '状态',
              dataIndex: 'status',
              render: (v: string) => (v === 'active' ? '有效' : '已停用'),
            },
            {
              title: '操作',
              key: 'ops',
              render: (_: unknown, i) =>
                i.canManage ? (
                  <Button type="link" size="small" onClick={() => setEditing(i)}>
                    编辑
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card size="small" title="年度抽查计划">
        <Table<InspectionPlan>
          rowKey="id"
          size="small"
          loading={plans.loading}
          dataSource={plans.data ?? []}
          data-testid="plans-table"
          columns={[
            { title: '年度', dataIndex: 'year', width: 80 },
            { title: '计划', dataIndex: 'title' },
            { title: '部门', dataIndex: 'unitName' },
            { title: '抽查事项', dataIndex: 'itemIds', render: (v: string[]) => v.map(itemName).join('、') },
            { title: '说明', dataIndex: 'description', ellipsis: true },
          ]}
        />
      </Card>
      {editing ? <ItemModal item={editing === 'new' ? null : editing} onClose={done} /> : null}
      {planning ? <PlanModal items={items.data ?? []} onClose={done} /> : null}
    </>
  );
}

function ItemModal({ item, onClose }: { item: InspectionItem | null; onClose: () => void }) {
  const [form] = Form.useForm<ItemInput>();
  const { saving, run } = useFormSubmit(form);
  return (
    <Modal
      open
      title={item ? '编辑抽查事项' : '新增抽查事项'}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<ItemInput>
        form={form}
        layout="vertical"
        initialValues={item ?? { kind: 'general', method: '现场检查' }}
        data-testid="item-form"
        onFinish={(v) =>
          run(async () => {
            if (item) await inspectionApi.updateItem(item.id, v);
            else await inspectionApi.createItem(v);
            onClose();
          })
        }
      >
        <Form.Item name="code" label="事项编码">
          <Input />
        </Form.Item>
        <Form.Item name="name" label="事项名称">
          <Input />
        </Form.Item>
        <Form.Item name="kind" label="类别">
          <Select options={Object.entries(ITEM_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="subject" label="检查对象">
          <Input />
        </Form.Item>
        <Form.Item name="method" label="检查方式">
          <AutoComplete options={METHODS.map((m) => ({ value: m }))} />
        </Form.Item>
        <Form.Item name="legalBasis" label="检查依据">
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="content" label="检查内容">
          <Input.TextArea rows={2} />
        </Form.Item>
        {item ? (
          <Form.Item name="status" label="状态">
            <Select
              options={[
                { value: 'active', label: '有效' },
                { value: 'retired', label: '停用' },
              ]}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function PlanModal({ items, onClose }: { items: InspectionItem[]; onClose: () => void }) {
  const [form] = Form.useForm<PlanInput>();
  const { saving, run } = useFormSubmit(form);
  return (
    <Modal
      open
      title="制定年度抽查计划"
      okText="公布"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<PlanInput>
        form={form}
        layout="vertical"
        initialValues={{ year: 2026, itemIds: [] }}
        data-testid="plan-form"
        onFinish={(v) =>
          run(async () => {
            await inspectionApi.createPlan(v);
            onClose();
          })
        }
      >
        <Form.Item name="year" label="年度">
          <InputNumber min={2020} max={2100} />
        </Form.Item>
        <Form.Item name="title" label="计划名称">
          <Input />
        </Form.Item>
        <Form.Item name="description" label="说明（抽查比例、频次、方式）">
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="itemIds" label="抽查事项">
          <Select
            mode="multiple"
            options={items
              .filter((i) => i.status === 'active')
              .map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
