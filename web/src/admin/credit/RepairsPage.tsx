import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useState } from 'react';
import { creditApi, RECORD_KINDS, REPAIR_STATUS, type Repair } from '../../api/credit.ts';
import { describeError, useFormSubmit } from '../../api/forms.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { dateField, today } from '../../shared/workflow/SchemaFields.tsx';

const statusTag = (s: string) => (
  <Tag color={s === 'pending' ? 'gold' : s === 'approved' ? 'green' : 'default'}>{REPAIR_STATUS[s] ?? s}</Tag>
);

/** 信用修复: applications at the source department, judged under the rules version of the application date. */
export function RepairsPage() {
  const [status, setStatus] = useState<string | undefined>('pending');
  const list = useRequest(() => creditApi.repairs({ status }), [status]);
  const [applying, setApplying] = useState(false);
  const [reviewing, setReviewing] = useState<Repair | null>(null);
  const columns: TableColumnsType<Repair> = [
    { title: '申请日期', dataIndex: 'appliedOn', width: 110 },
    { title: '主体名称', dataIndex: 'subjectName', width: 200 },
    {
      title: '信用记录',
      key: 'record',
      render: (_: unknown, r) => `${RECORD_KINDS[r.recordKind] ?? r.recordKind} ${r.documentNo}`,
    },
    { title: '适用规则', dataIndex: 'rulesVersion', width: 110 },
    { title: '可修复自', dataIndex: 'eligibleFrom', width: 110 },
    { title: '状态', dataIndex: 'status', width: 90, render: statusTag },
    {
      title: '操作',
      key: 'ops',
      width: 90,
      render: (_: unknown, r) => (
        <Button type="link" size="small" onClick={() => setReviewing(r)}>
          {r.status === 'pending' ? '审核' : '查看'}
        </Button>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title="信用修复"
        subTitle="最短公示期满后可申请修复；按申请之日施行的规则审核（2026年4月1日起适用《信用修复管理办法》）"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setApplying(true)}>
            受理修复申请
          </Button>
        }
      />
      <Card variant="borderless">
        <Flex gap={12} style={{ marginBottom: 16 }}>
          <Select<string | undefined>
            allowClear
            value={status}
            placeholder="全部状态"
            style={{ width: 140 }}
            aria-label="状态"
            options={Object.entries(REPAIR_STATUS).map(([value, label]) => ({ value, label }))}
            onChange={setStatus}
          />
        </Flex>
        {list.error ? <Alert type="error" showIcon title={describeError(list.error)} /> : null}
        <Table<Repair>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data}
          columns={columns}
          pagination={{ pageSize: 20 }}
          aria-label="信用修复申请"
          locale={{ emptyText: '暂无修复申请' }}
        />
      </Card>
      {applying ? (
        <ApplyForm
          onClose={() => setApplying(false)}
          onSaved={() => {
            setApplying(false);
            list.reload();
          }}
        />
      ) : null}
      {reviewing ? (
        <ReviewForm
          repair={reviewing}
          onClose={() => setReviewing(null)}
          onSaved={() => {
            setReviewing(null);
            list.reload();
          }}
        />
      ) : null}
    </>
  );
}

interface ApplyValues {
  creditCode: string;
  recordId: string;
  appliedOn: string;
  correction: string;
  commitment: string;
}

function ApplyForm({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ApplyValues>();
  const { saving, run } = useFormSubmit(form);
  const [code, setCode] = useState<string | null>(null);
  const records = useRequest(
    () => creditApi.records({ creditCode: code!, status: 'active', pageSize: 100 }),
    [code],
    !!code,
  );
  return (
    <Modal
      open
      width={720}
      title="受理信用修复申请"
      okText="受理"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<ApplyValues>
        form={form}
        layout="vertical"
        aria-label="信用修复申请"
        initialValues={{ appliedOn: today() }}
        onFinish={({ creditCode: _c, ...v }) =>
          run(async () => {
            await creditApi.applyRepair(v);
            message.success('已受理');
            onSaved();
          })
        }
      >
        <Form.Item name="creditCode" label="统一社会信用代码">
          <Input.Search
            enterButton="查找记录"
            maxLength={18}
            onSearch={(v) => setCode(v.trim().toUpperCase() || null)}
          />
        </Form.Item>
        <Form.Item
          name="recordId"
          label="申请修复的信用记录"
          rules={[{ required: true, message: '请选择信用记录' }]}
        >
          <Select
            loading={records.loading}
            placeholder={code ? '请选择' : '先按信用代码查找'}
            options={(records.data?.items ?? [])
              .filter((r) => r.repairable)
              .map((r) => ({
                value: r.id,
                label: `${RECORD_KINDS[r.kind] ?? r.kind} ${r.documentNo}（可修复自 ${r.publicityMinEnd ?? '—'}）`,
              }))}
          />
        </Form.Item>
        <Form.Item
          name="appliedOn"
          label="申请日期"
          rules={[{ required: true, message: '请选择日期' }]}
          {...dateField}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="correction"
          label="纠正失信行为、履行义务情况"
          rules={[{ required: true, whitespace: true, message: '请填写' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="commitment"
          label="信用承诺"
          rules={[{ required: true, whitespace: true, message: '请填写信用承诺' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReviewForm({
  repair,
  onClose,
  onSaved,
}: {
  repair: Repair;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: string; decidedOn: string; reason: string }>();
  const { saving, run } = useFormSubmit(form);
  const pending = repair.status === 'pending';
  return (
    <Modal
      open
      width={720}
      title={`信用修复：${repair.subjectName}`}
      okText="提交审核结论"
      okButtonProps={{ disabled: !pending }}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Descriptions
        bordered
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'rec', label: '信用记录', children: `${repair.recordTitle}（${repair.documentNo}）` },
          { key: 'rules', label: '适用规则版本', children: repair.rulesVersion },
          { key: 'from', label: '可修复自', children: repair.eligibleFrom },
          { key: 'c', label: '纠正情况', children: repair.correction },
          { key: 'p', label: '信用承诺', children: repair.commitment },
          { key: 's', label: '状态', children: statusTag(repair.status) },
          ...(repair.decisionReason
            ? [{ key: 'r', label: '审核意见', children: repair.decisionReason }]
            : []),
        ]}
      />
      {pending ? (
        <Form
          form={form}
          layout="vertical"
          aria-label="审核信用修复"
          initialValues={{ decision: 'approve', decidedOn: today() }}
          onFinish={(v) =>
            run(async () => {
              await creditApi.decideRepair(repair.id, v);
              message.success('已审核');
              onSaved();
            })
          }
        >
          <Form.Item name="decision" label="审核结论">
            <Radio.Group
              options={[
                { value: 'approve', label: '同意修复（停止公示）' },
                { value: 'reject', label: '不同意' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="decidedOn"
            label="审核日期"
            rules={[{ required: true, message: '请选择日期' }]}
            {...dateField}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="reason"
            label="审核意见"
            rules={[{ required: true, whitespace: true, message: '请填写审核意见' }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
