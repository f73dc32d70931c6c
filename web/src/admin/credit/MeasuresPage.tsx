import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
} from 'antd';
import { useState } from 'react';
import {
  creditApi,
  type Feedback,
  type FeedbackInput,
  type Flags,
  GRADE_NAMES,
  MEASURE_KINDS,
  type Measure,
  type MeasureInput,
  OUTCOMES,
  RECORD_KINDS,
} from '../../api/credit.ts';
import { describeError, useFormSubmit } from '../../api/forms.ts';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { UnitTreeSelect } from '../../shared/UnitTreeSelect.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { dateField, today } from '../../shared/workflow/SchemaFields.tsx';
import { kindOptions } from './RecordsPage.tsx';
import { gradeTag } from './SubjectsPage.tsx';

const kindTag = (k: string) => <Tag color={k === 'punish' ? 'red' : 'green'}>{MEASURE_KINDS[k] ?? k}</Tag>;

/** 联合奖惩: the catalogue of measures, the flags on a subject, and each department's feedback. */
export function MeasuresPage() {
  return (
    <>
      <PageHeader
        title="联合奖惩"
        subTitle="失信惩戒和守信激励措施目录、主体的奖惩提示及各部门执行情况反馈"
      />
      <Card variant="borderless">
        <Tabs
          items={[
            { key: 'measures', label: '措施目录', children: <Catalogue /> },
            { key: 'flags', label: '奖惩提示', children: <FlagLookup /> },
            { key: 'feedback', label: '执行反馈', children: <FeedbackList /> },
          ]}
        />
      </Card>
    </>
  );
}

function Catalogue() {
  const { can } = useMe();
  const mayManage = can('credit.measure.manage');
  const measures = useRequest(creditApi.measures, []);
  const [editing, setEditing] = useState<Measure | 'new' | null>(null);
  const columns: TableColumnsType<Measure> = [
    { title: '类别', dataIndex: 'kind', width: 80, render: kindTag },
    { title: '措施', dataIndex: 'name' },
    { title: '实施部门', dataIndex: 'unitName', width: 180, render: (v: string | null) => v ?? '—' },
    { title: '法律依据', dataIndex: 'legalBasis' },
    {
      title: '触发条件',
      key: 'triggers',
      render: (_: unknown, m) => (
        <>
          {m.grades.map((g) => (
            <Tag key={g}>{g} 级</Tag>
          ))}
          {m.listKinds.map((k) => (
            <Tag key={k}>{RECORD_KINDS[k] ?? k}</Tag>
          ))}
        </>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 80,
      render: (s: string) => (s === 'active' ? '有效' : '停用'),
    },
    ...(mayManage
      ? [
          {
            title: '操作',
            key: 'ops',
            width: 80,
            render: (_: unknown, m: Measure) => (
              <Button type="link" size="small" onClick={() => setEditing(m)}>
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      {mayManage ? (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          style={{ marginBottom: 16 }}
          onClick={() => setEditing('new')}
        >
          添加措施
        </Button>
      ) : null}
      {measures.error ? <Alert type="error" showIcon title={describeError(measures.error)} /> : null}
      <Table<Measure>
        rowKey="id"
        loading={measures.loading}
        dataSource={measures.data}
        columns={columns}
        pagination={false}
        aria-label="联合奖惩措施"
        locale={{ emptyText: '暂无措施' }}
      />
      {editing ? (
        <MeasureForm
          measure={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            measures.reload();
          }}
        />
      ) : null}
    </>
  );
}

function MeasureForm({
  measure,
  onClose,
  onSaved,
}: {
  measure: Measure | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<MeasureInput>();
  const { saving, run } = useFormSubmit(form);
  return (
    <Modal
      open
      width={680}
      title={measure ? '编辑措施' : '添加措施'}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<MeasureInput>
        form={form}
        layout="vertical"
        aria-label="联合奖惩措施"
        initialValues={measure ?? { kind: 'punish', grades: ['D'], listKinds: [], status: 'active' }}
        onFinish={(v) =>
          run(async () => {
            if (measure) await creditApi.updateMeasure(measure.id, v);
            else await creditApi.createMeasure(v);
            message.success('已保存');
            onSaved();
          })
        }
      >
        <Form.Item name="kind" label="类别">
          <Radio.Group options={Object.entries(MEASURE_KINDS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item
          name="name"
          label="措施"
          rules={[{ required: true, whitespace: true, message: '请填写措施' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="unitId" label="实施部门" rules={[{ required: true, message: '请选择实施部门' }]}>
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item
          name="legalBasis"
          label="法律依据"
          rules={[{ required: true, whitespace: true, message: '请填写法律依据' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
        <Form.Item name="grades" label="触发等级">
          <Select
            mode="multiple"
            options={Object.entries(GRADE_NAMES).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="listKinds" label="触发名单（有效记录）">
          <Select mode="multiple" options={kindOptions} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Radio.Group
            options={[
              { value: 'active', label: '有效' },
              { value: 'inactive', label: '停用' },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FlagLookup() {
  const [code, setCode] = useState<string | null>(null);
  const flags = useRequest(() => creditApi.flags(code!), [code], !!code);
  const [feedback, setFeedback] = useState<Flags['flags'][number] | null>(null);
  return (
    <>
      <Input.Search
        placeholder="统一社会信用代码"
        enterButton="查询提示"
        style={{ maxWidth: 420, marginBottom: 16 }}
        aria-label="统一社会信用代码"
        onSearch={(v) => setCode(v.trim().toUpperCase() || null)}
      />
      {flags.error ? <Alert type="error" showIcon title={describeError(flags.error)} /> : null}
      {flags.data ? (
        <>
          <p>当前等级：{gradeTag(flags.data.grade)}</p>
          {flags.data.flags.length === 0 ? (
            <Empty description="该主体当前没有需要实施的奖惩措施" />
          ) : (
            <Table
              rowKey="measureId"
              pagination={false}
              dataSource={flags.data.flags}
              columns={[
                { title: '类别', dataIndex: 'kind', width: 80, render: kindTag },
                { title: '措施', dataIndex: 'measure' },
                { title: '实施部门', dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
                { title: '依据', dataIndex: 'legalBasis' },
                {
                  title: '触发原因',
                  dataIndex: 'reasons',
                  render: (rs: string[]) =>
                    rs.map((r) => (
                      <Tag key={r}>
                        {r.startsWith('grade:') ? `${r.slice(6)} 级` : (RECORD_KINDS[r.slice(5)] ?? r)}
                      </Tag>
                    )),
                },
                {
                  title: '操作',
                  key: 'ops',
                  render: (_: unknown, f) => (
                    <Button type="link" size="small" onClick={() => setFeedback(f)}>
                      反馈执行情况
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </>
      ) : null}
      {feedback && flags.data ? (
        <FeedbackForm
          flag={feedback}
          creditCode={flags.data.creditCode}
          onClose={() => setFeedback(null)}
          onSaved={() => setFeedback(null)}
        />
      ) : null}
    </>
  );
}

function FeedbackForm({
  flag,
  creditCode,
  onClose,
  onSaved,
}: {
  flag: Flags['flags'][number];
  creditCode: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FeedbackInput>();
  const { saving, run } = useFormSubmit(form);
  return (
    <Modal
      open
      title={`反馈：${flag.measure}`}
      okText="提交反馈"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<FeedbackInput>
        form={form}
        layout="vertical"
        aria-label="执行反馈"
        initialValues={{ outcome: 'applied', unitId: flag.unitId, actedOn: today() }}
        onFinish={(v) =>
          run(async () => {
            await creditApi.createFeedback({ ...v, measureId: flag.measureId, creditCode });
            message.success('已反馈');
            onSaved();
          })
        }
      >
        <Form.Item name="unitId" label="反馈部门" rules={[{ required: true, message: '请选择部门' }]}>
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item name="outcome" label="执行情况">
          <Radio.Group options={Object.entries(OUTCOMES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item
          name="context"
          label="办理事项"
          rules={[{ required: true, whitespace: true, message: '请填写办理事项' }]}
        >
          <Input maxLength={200} placeholder="例如：政府采购项目投标资格审查" />
        </Form.Item>
        <Form.Item
          name="note"
          label="说明"
          rules={[{ required: true, whitespace: true, message: '请填写说明' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
        <Form.Item
          name="actedOn"
          label="执行日期"
          rules={[{ required: true, message: '请选择日期' }]}
          {...dateField}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FeedbackList() {
  const [code, setCode] = useState<string | undefined>(undefined);
  const list = useRequest(() => creditApi.feedback({ creditCode: code }), [code]);
  const columns: TableColumnsType<Feedback> = [
    { title: '执行日期', dataIndex: 'actedOn', width: 110 },
    { title: '主体代码', dataIndex: 'creditCode', width: 190 },
    { title: '措施', dataIndex: 'measureName' },
    { title: '部门', dataIndex: 'unitName', width: 160, render: (v: string | null) => v ?? '—' },
    { title: '执行情况', dataIndex: 'outcome', width: 90, render: (o: string) => OUTCOMES[o] ?? o },
    { title: '办理事项', dataIndex: 'context' },
    { title: '说明', dataIndex: 'note', ellipsis: true },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.Search
        placeholder="按统一社会信用代码筛选"
        allowClear
        style={{ maxWidth: 360 }}
        aria-label="统一社会信用代码"
        onSearch={(v) => setCode(v.trim().toUpperCase() || undefined)}
      />
      {list.error ? <Alert type="error" showIcon title={describeError(list.error)} /> : null}
      <Table<Feedback>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data}
        columns={columns}
        pagination={{ pageSize: 20 }}
        aria-label="执行反馈"
        locale={{ emptyText: '暂无反馈' }}
      />
    </Space>
  );
}
