import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  type TableColumnsType,
  Tabs,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  advisersApi,
  type Meeting,
  type MeetingInput,
  REF_TYPES,
  WORK_KINDS,
  type WorkFilter,
  type WorkInput,
  type WorkItem,
} from '../../api/advisers.ts';
import { useFormSubmit } from '../../api/forms.ts';
import { DataTable, usePagedQuery } from '../../shared/DataTable.tsx';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { UnitTreeSelect } from '../../shared/UnitTreeSelect.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { dateField, today } from '../../shared/workflow/SchemaFields.tsx';
import { XlsxImportButton } from '../../shared/XlsxImportButton.tsx';

export const workKindOptions = Object.entries(WORK_KINDS).map(([value, label]) => ({ value, label }));
const refOptions = Object.entries(REF_TYPES).map(([value, label]) => ({ value, label }));
const thisYear = dayjs().year();
const yearOptions = Array.from({ length: 6 }, (_, i) => ({
  value: thisYear - i,
  label: `${thisYear - i}年`,
}));
const monthOptions = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }));

/** Advisers on the roster (optionally those serving a unit), searched by name. */
function AdviserSelect({
  value,
  onChange,
  unitId,
  mode,
  ...rest
}: {
  value?: string | string[];
  onChange?: (v: string | string[] | undefined) => void;
  unitId?: string | undefined;
  mode?: 'multiple';
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}) {
  const [q, setQ] = useState('');
  const list = useRequest(
    () => advisersApi.roster({ q: q || undefined, unitId, status: 'active', page: 1, pageSize: 100 }),
    [q, unitId],
  );
  return (
    <Select
      {...rest}
      mode={mode}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={list.loading}
      options={(list.data?.items ?? []).map((a) => ({
        value: a.id,
        label: `${a.name}（${a.kindLabel}，${a.organisation}）`,
      }))}
      notFoundContent={unitId ? '该单位当前没有配备的法律顾问' : '没有找到'}
    />
  );
}

const num = (v: string | null) => (v ? Number(v) : undefined);

/**
 * 工作台账: the advisers' work items (filters by year, month, kind, adviser, unit — the statistics page links here
 * with them) and executive-meeting attendance; recording both within the user's units.
 */
export function WorkPage() {
  const { can } = useMe();
  const mayRecord = can('advisers.work.record');
  const [params, setParams] = useSearchParams();
  const filters: WorkFilter = {
    year: num(params.get('year')) ?? thisYear,
    month: num(params.get('month')),
    kind: params.get('kind') ?? undefined,
    adviserId: params.get('adviserId') ?? undefined,
    unitId: params.get('unitId') ?? undefined,
    q: params.get('q') ?? undefined,
  };
  const setFilter = (k: keyof WorkFilter, v: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (v === undefined || v === '') next.delete(k);
    else next.set(k, String(v));
    setParams(next, { replace: true });
  };
  const tab = params.get('tab') ?? 'work';
  return (
    <>
      <PageHeader
        title="工作台账"
        subTitle="法律顾问参与决策审查、合同审查、诉讼代理、文件起草、法律咨询等工作，以及列席常务会议情况"
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          const next = new URLSearchParams(params);
          if (k === 'work') next.delete('tab');
          else next.set('tab', k);
          setParams(next, { replace: true });
        }}
        items={[
          {
            key: 'work',
            label: '工作事项',
            children: <WorkTab filters={filters} setFilter={setFilter} mayRecord={mayRecord} />,
          },
          {
            key: 'meetings',
            label: '列席会议',
            children: (
              <MeetingsTab
                year={filters.year ?? thisYear}
                adviserId={filters.adviserId}
                mayRecord={mayRecord}
              />
            ),
          },
        ]}
      />
    </>
  );
}

function WorkTab({
  filters,
  setFilter,
  mayRecord,
}: {
  filters: WorkFilter;
  setFilter: (k: keyof WorkFilter, v: string | number | undefined) => void;
  mayRecord: boolean;
}) {
  const [reload, setReload] = useState(0);
  const query = usePagedQuery(
    (f: WorkFilter & { reload: number }, page, pageSize) => {
      const { reload: _r, ...rest } = f;
      return advisersApi.workItems({ ...rest, page, pageSize });
    },
    { ...filters, reload },
  );
  const [adding, setAdding] = useState(false);
  const [voiding, setVoiding] = useState<WorkItem | null>(null);
  const columns: TableColumnsType<WorkItem> = [
    { title: '办理日期', dataIndex: 'doneOn', width: 110 },
    { title: '法律顾问', dataIndex: 'adviserName', width: 100 },
    { title: '服务单位', dataIndex: 'unitName', width: 180, ellipsis: true },
    { title: '类别', dataIndex: 'kindLabel', width: 100 },
    { title: '事项', dataIndex: 'title', ellipsis: true },
    { title: '工时', dataIndex: 'hours', width: 70, align: 'right', render: (h: number | null) => h ?? '—' },
    {
      title: '办理结果',
      dataIndex: 'outcome',
      width: 200,
      ellipsis: true,
      render: (o: string | null) => o ?? '—',
    },
    {
      title: '关联',
      key: 'ref',
      width: 150,
      render: (_: unknown, w) => (w.refType ? `${REF_TYPES[w.refType] ?? w.refType} ${w.refId ?? ''}` : '—'),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: string, w) =>
        s === 'recorded' ? <Tag color="success">有效</Tag> : <Tag title={w.voidReason ?? ''}>已撤销</Tag>,
    },
    {
      title: '操作',
      key: 'ops',
      width: 70,
      fixed: 'right',
      render: (_: unknown, w) =>
        w.canManage && w.status === 'recorded' ? (
          <Button type="link" size="small" danger onClick={() => setVoiding(w)}>
            撤销
          </Button>
        ) : null,
    },
  ];
  return (
    <Card variant="borderless">
      <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search">
        <Select
          style={{ width: 110 }}
          aria-label="年度"
          value={filters.year}
          options={yearOptions}
          onChange={(y) => setFilter('year', y)}
        />
        <Select<number | undefined>
          allowClear
          placeholder="全年"
          style={{ width: 100 }}
          aria-label="月份"
          value={filters.month}
          options={monthOptions}
          onChange={(m) => setFilter('month', m)}
        />
        <Select<string | undefined>
          allowClear
          placeholder="全部类别"
          style={{ width: 130 }}
          aria-label="工作类别"
          value={filters.kind}
          options={workKindOptions}
          onChange={(k) => setFilter('kind', k)}
        />
        <AdviserSelect
          allowClear
          placeholder="全部法律顾问"
          style={{ width: 220 }}
          aria-label="法律顾问"
          value={filters.adviserId}
          onChange={(v) => setFilter('adviserId', v as string | undefined)}
        />
        <UnitTreeSelect
          allowClear
          placeholder="全部服务单位"
          style={{ width: 220 }}
          aria-label="服务单位"
          value={filters.unitId ?? null}
          onChange={(u) => setFilter('unitId', (u as string | undefined) ?? undefined)}
        />
        <Input.Search
          placeholder="事项名称或结果"
          allowClear
          defaultValue={filters.q}
          style={{ width: 200 }}
          aria-label="关键字"
          onSearch={(v) => setFilter('q', v.trim() || undefined)}
        />
        <Button
          icon={<DownloadOutlined />}
          href={advisersApi.workExportUrl({ ...filters })}
          download
          data-testid="work-export"
        >
          导出Excel
        </Button>
        <XlsxImportButton
          label="工作台账"
          canImport={mayRecord}
          importFile={advisersApi.importWorkItems}
          onImported={() => setReload((r) => r + 1)}
        />
        {mayRecord ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            登记工作事项
          </Button>
        ) : null}
      </Flex>
      <DataTable<WorkItem>
        query={query}
        rowKey="id"
        columns={columns}
        scroll={{ x: 1400 }}
        aria-label="工作事项"
        data-testid="advisers-work-table"
        locale={{ emptyText: '暂无工作事项' }}
      />
      {adding ? (
        <WorkForm
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            setReload((r) => r + 1);
          }}
        />
      ) : null}
      {voiding ? (
        <VoidForm
          item={voiding}
          onClose={() => setVoiding(null)}
          onSaved={() => {
            setVoiding(null);
            setReload((r) => r + 1);
          }}
        />
      ) : null}
    </Card>
  );
}

function WorkForm({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<WorkInput>();
  const { saving, run } = useFormSubmit(form);
  const unitId = Form.useWatch('unitId', form);
  const refType = Form.useWatch('refType', form);
  return (
    <Modal
      open
      width={720}
      title="登记工作事项"
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<WorkInput>
        form={form}
        layout="vertical"
        aria-label="工作事项"
        initialValues={{ kind: 'contract-review', doneOn: today() }}
        onFinish={(v) =>
          run(async () => {
            await advisersApi.createWorkItem({
              ...v,
              hours: v.hours ?? null,
              outcome: v.outcome?.trim() || null,
              refType: v.refType ?? null,
              refId: v.refId?.trim() || null,
            });
            message.success('已登记工作事项');
            onSaved();
          })
        }
      >
        <div className="fz-two-cols">
          <Form.Item name="unitId" label="服务单位" rules={[{ required: true, message: '请选择服务单位' }]}>
            <UnitTreeSelect onChange={() => form.setFieldValue('adviserId', undefined)} />
          </Form.Item>
          <Form.Item
            name="adviserId"
            label="法律顾问"
            extra="配备到该单位的法律顾问"
            rules={[{ required: true, message: '请选择法律顾问' }]}
          >
            <AdviserSelect unitId={unitId} />
          </Form.Item>
          <Form.Item name="kind" label="工作类别" rules={[{ required: true, message: '请选择工作类别' }]}>
            <Select options={workKindOptions} />
          </Form.Item>
          <Form.Item
            name="doneOn"
            label="办理日期"
            rules={[{ required: true, message: '请选择日期' }]}
            {...dateField}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </div>
        <Form.Item
          name="title"
          label="事项名称"
          rules={[{ required: true, whitespace: true, message: '请填写事项名称' }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <div className="fz-two-cols">
          <Form.Item name="hours" label="工时（小时）">
            <InputNumber min={0} max={1000} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="refType" label="关联记录类型">
            <Select allowClear options={refOptions} />
          </Form.Item>
        </div>
        {refType ? (
          <Form.Item
            name="refId"
            label="关联记录编号"
            rules={[{ required: true, whitespace: true, message: '请填写编号' }]}
          >
            <Input maxLength={100} placeholder="如合法性审查案件编号、重大行政决策编号" />
          </Form.Item>
        ) : null}
        <Form.Item name="outcome" label="办理结果">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function VoidForm({ item, onClose, onSaved }: { item: WorkItem; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, run } = useFormSubmit(form);
  return (
    <Modal
      open
      title={`撤销工作事项：${item.title}`}
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
        aria-label="撤销工作事项"
        onFinish={(v) =>
          run(async () => {
            await advisersApi.voidWorkItem(item.id, v.reason);
            message.success('已撤销');
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

function MeetingsTab({
  year,
  adviserId,
  mayRecord,
}: {
  year: number;
  adviserId?: string | undefined;
  mayRecord: boolean;
}) {
  const [reload, setReload] = useState(0);
  const query = usePagedQuery(
    (f: { year: number; adviserId?: string | undefined; reload: number }, page, pageSize) =>
      advisersApi.meetings({ year: f.year, adviserId: f.adviserId, page, pageSize }),
    { year, adviserId, reload },
  );
  const [adding, setAdding] = useState(false);
  const columns: TableColumnsType<Meeting> = [
    { title: '会议日期', dataIndex: 'meetingOn', width: 110 },
    { title: '会议名称', dataIndex: 'meetingName', width: 200 },
    { title: '召开单位', dataIndex: 'unitName', width: 160 },
    { title: '列席法律顾问', dataIndex: 'adviserName', width: 110 },
    { title: '议题', dataIndex: 'topics', render: (ts: string[]) => ts.join('；') },
    { title: '法律意见', dataIndex: 'opinion', ellipsis: true },
  ];
  return (
    <Card
      variant="borderless"
      extra={
        mayRecord ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            登记列席会议
          </Button>
        ) : null
      }
      title={`${year}年列席常务会议`}
    >
      <DataTable<Meeting>
        query={query}
        rowKey="id"
        columns={columns}
        scroll={{ x: 1200 }}
        aria-label="列席会议"
        data-testid="advisers-meetings-table"
        locale={{ emptyText: '暂无列席记录' }}
      />
      {adding ? (
        <MeetingForm
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            setReload((r) => r + 1);
          }}
        />
      ) : null}
    </Card>
  );
}

function MeetingForm({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Omit<MeetingInput, 'topics'> & { topics: string }>();
  const { saving, run } = useFormSubmit(form);
  const unitId = Form.useWatch('unitId', form);
  return (
    <Modal
      open
      width={720}
      title="登记列席常务会议"
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        aria-label="列席会议"
        initialValues={{ meetingOn: today() }}
        onFinish={(v) =>
          run(async () => {
            await advisersApi.recordMeeting({
              ...v,
              topics: v.topics
                .split(/\n|；|;/)
                .map((t) => t.trim())
                .filter(Boolean),
            });
            message.success('已登记');
            onSaved();
          })
        }
      >
        <div className="fz-two-cols">
          <Form.Item name="unitId" label="召开会议的单位" rules={[{ required: true, message: '请选择单位' }]}>
            <UnitTreeSelect onChange={() => form.setFieldValue('adviserIds', [])} />
          </Form.Item>
          <Form.Item
            name="meetingOn"
            label="会议日期"
            rules={[{ required: true, message: '请选择日期' }]}
            {...dateField}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </div>
        <Form.Item
          name="meetingName"
          label="会议名称"
          rules={[{ required: true, whitespace: true, message: '请填写会议名称' }]}
        >
          <Input maxLength={200} placeholder="如：区政府第21次常务会议" />
        </Form.Item>
        <Form.Item
          name="adviserIds"
          label="列席的法律顾问"
          rules={[{ required: true, message: '请选择法律顾问' }]}
        >
          <AdviserSelect mode="multiple" unitId={unitId} />
        </Form.Item>
        <Form.Item
          name="topics"
          label="议题"
          extra="每行一项"
          rules={[{ required: true, whitespace: true, message: '请填写议题' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item
          name="opinion"
          label="发表的法律意见"
          rules={[{ required: true, whitespace: true, message: '请填写法律意见' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
