import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  type TableColumnsType,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  type CreditRecord,
  creditApi,
  RECORD_KINDS,
  RECORD_STATUS,
  type RecordInput,
  SEVERITIES,
} from '../../api/credit.ts';
import { useFormSubmit } from '../../api/forms.ts';
import { DataTable, usePagedQuery } from '../../shared/DataTable.tsx';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { UnitTreeSelect } from '../../shared/UnitTreeSelect.tsx';
import { dateField, today } from '../../shared/workflow/SchemaFields.tsx';

export const kindOptions = Object.entries(RECORD_KINDS).map(([value, label]) => ({ value, label }));
export const severityOptions = Object.entries(SEVERITIES).map(([value, label]) => ({ value, label }));
export const recordStatusTag = (s: string) => (
  <Tag color={s === 'active' ? 'processing' : s === 'repaired' ? 'success' : 'default'}>
    {RECORD_STATUS[s] ?? s}
  </Tag>
);

/** 信用记录: the records of the departments in the user's scope; adding and revoking them with `manage`. */
export function RecordsPage() {
  const { can } = useMe();
  const mayManage = can('credit.record.manage');
  const [filters, setFilters] = useState<{ q?: string; kind?: string; status?: string }>({});
  const [reload, setReload] = useState(0);
  const query = usePagedQuery(
    (f: typeof filters & { reload: number }, page, pageSize) =>
      creditApi.records({ q: f.q, kind: f.kind, status: f.status, page, pageSize }),
    { ...filters, reload },
  );
  const [adding, setAdding] = useState(false);
  const [revoking, setRevoking] = useState<CreditRecord | null>(null);

  const columns: TableColumnsType<CreditRecord> = [
    { title: '主体名称', dataIndex: 'subjectName', fixed: 'left', width: 200 },
    { title: '统一社会信用代码', dataIndex: 'creditCode', width: 190 },
    { title: '类别', dataIndex: 'kind', width: 130, render: (k: string) => RECORD_KINDS[k] ?? k },
    {
      title: '严重程度',
      dataIndex: 'severity',
      width: 90,
      render: (s: string) => (s === 'none' ? '—' : (SEVERITIES[s] ?? s)),
    },
    { title: '内容', dataIndex: 'title', ellipsis: true },
    { title: '文书编号', dataIndex: 'documentNo', width: 190 },
    { title: '文书日期', dataIndex: 'decidedOn', width: 110 },
    { title: '可修复自', dataIndex: 'publicityMinEnd', width: 110, render: (d: string | null) => d ?? '—' },
    { title: '公示截止', dataIndex: 'publicityEnd', width: 110, render: (d: string | null) => d ?? '—' },
    { title: '来源部门', dataIndex: 'sourceUnitName', width: 160, render: (d: string | null) => d ?? '—' },
    {
      title: '来源',
      dataIndex: 'origin',
      width: 90,
      render: (o: string) => ({ api: '手工录入', enforcement: '行政执法', inspection: '双随机' })[o] ?? o,
    },
    { title: '状态', dataIndex: 'status', width: 90, render: recordStatusTag },
    {
      title: '操作',
      key: 'ops',
      width: 80,
      fixed: 'right',
      render: (_: unknown, r) =>
        mayManage && r.canManage && r.status === 'active' ? (
          <Button type="link" size="small" danger onClick={() => setRevoking(r)}>
            撤销
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title="信用记录"
        subTitle="行政处罚、抽查检查结果、名录名单、行政许可、表彰奖励和信用承诺，按规则版本计算公示期限"
        extra={
          mayManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              录入信用记录
            </Button>
          ) : null
        }
      />
      <Card variant="borderless">
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search">
          <Input.Search
            placeholder="主体名称、信用代码或文书编号"
            allowClear
            style={{ width: 280 }}
            aria-label="关键字"
            onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim() || undefined }))}
          />
          <Select<string | undefined>
            allowClear
            placeholder="全部类别"
            style={{ width: 180 }}
            aria-label="类别"
            options={kindOptions}
            onChange={(kind) => setFilters((f) => ({ ...f, kind }))}
          />
          <Select<string | undefined>
            allowClear
            placeholder="全部状态"
            style={{ width: 140 }}
            aria-label="状态"
            options={Object.entries(RECORD_STATUS).map(([value, label]) => ({ value, label }))}
            onChange={(status) => setFilters((f) => ({ ...f, status }))}
          />
        </Flex>
        <DataTable<CreditRecord>
          query={query}
          rowKey="id"
          columns={columns}
          scroll={{ x: 1900 }}
          aria-label="信用记录列表"
          data-testid="credit-records-table"
          locale={{ emptyText: '暂无信用记录' }}
        />
      </Card>
      {adding ? (
        <RecordForm
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            setReload((r) => r + 1);
          }}
        />
      ) : null}
      {revoking ? (
        <RevokeForm
          record={revoking}
          onClose={() => setRevoking(null)}
          onSaved={() => {
            setRevoking(null);
            setReload((r) => r + 1);
          }}
        />
      ) : null}
    </>
  );
}

function RecordForm({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordInput>();
  const { saving, run } = useFormSubmit(form);
  const submit = (v: RecordInput) =>
    run(async () => {
      await creditApi.createRecord({ ...v, creditCode: v.creditCode.trim().toUpperCase() });
      message.success('已录入信用记录');
      onSaved();
    });
  return (
    <Modal
      open
      width={720}
      title="录入信用记录"
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<RecordInput>
        form={form}
        layout="vertical"
        onFinish={submit}
        aria-label="信用记录"
        initialValues={{ kind: 'penalty', severity: 'general', decidedOn: today() }}
      >
        <div className="fz-two-cols">
          <Form.Item
            name="creditCode"
            label="统一社会信用代码"
            rules={[{ required: true, message: '请填写统一社会信用代码' }]}
          >
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item
            name="subjectName"
            label="主体名称"
            rules={[{ required: true, whitespace: true, message: '请填写主体名称' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={kindOptions} />
          </Form.Item>
          <Form.Item name="severity" label="严重程度" rules={[{ required: true, message: '请选择严重程度' }]}>
            <Select options={severityOptions} />
          </Form.Item>
          <Form.Item
            name="sourceUnitId"
            label="来源部门"
            rules={[{ required: true, message: '请选择来源部门' }]}
          >
            <UnitTreeSelect />
          </Form.Item>
          <Form.Item
            name="decidedOn"
            label="文书日期"
            extra="公示期限自文书日期起算"
            rules={[{ required: true, message: '请选择文书日期' }]}
            {...dateField}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </div>
        <Form.Item
          name="documentNo"
          label="文书编号"
          rules={[{ required: true, whitespace: true, message: '请填写文书编号' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="title"
          label="内容"
          rules={[{ required: true, whitespace: true, message: '请填写记录内容' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RevokeForm({
  record,
  onClose,
  onSaved,
}: {
  record: CreditRecord;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, run } = useFormSubmit(form);
  return (
    <Modal
      open
      title={`撤销信用记录：${record.documentNo}`}
      okText="撤销"
      okButtonProps={{ danger: true }}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        aria-label="撤销信用记录"
        onFinish={(v) =>
          run(async () => {
            await creditApi.revokeRecord(record.id, v.reason);
            message.success('已撤销，信用等级已重新计算');
            onSaved();
          })
        }
      >
        <Form.Item
          name="reason"
          label="撤销理由"
          rules={[{ required: true, whitespace: true, message: '请填写撤销理由' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
