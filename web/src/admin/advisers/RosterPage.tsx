import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useState } from 'react';
import {
  ADVISER_KINDS,
  type Adviser,
  type AdviserInput,
  type Assignment,
  advisersApi,
} from '../../api/advisers.ts';
import { useFormSubmit } from '../../api/forms.ts';
import { DataTable, usePagedQuery } from '../../shared/DataTable.tsx';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { UnitTreeSelect } from '../../shared/UnitTreeSelect.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { dateField, today } from '../../shared/workflow/SchemaFields.tsx';
import { XlsxImportButton } from '../../shared/XlsxImportButton.tsx';

export const adviserKindOptions = Object.entries(ADVISER_KINDS).map(([value, label]) => ({ value, label }));

const licenceTag = (a: Adviser) =>
  a.licenceExpired ? (
    <Tag color="error">执业证已过期</Tag>
  ) : (
    <span>
      {a.licenceValidFrom} 至 {a.licenceValidTo}
    </span>
  );

/** 法律顾问名册: the roster in the user's scope, with registration, editing, 解聘 and assignment to units. */
export function RosterPage() {
  const { can } = useMe();
  const mayManage = can('advisers.roster.manage');
  const [filters, setFilters] = useState<{ q?: string; kind?: string; status?: string; unitId?: string }>({
    status: 'active',
  });
  const [reload, setReload] = useState(0);
  const query = usePagedQuery(
    (f: typeof filters & { reload: number }, page, pageSize) =>
      advisersApi.roster({ q: f.q, kind: f.kind, status: f.status, unitId: f.unitId, page, pageSize }),
    { ...filters, reload },
  );
  const [editing, setEditing] = useState<Adviser | 'new' | null>(null);
  const [showing, setShowing] = useState<string | null>(null);
  const refresh = () => setReload((r) => r + 1);

  const columns: TableColumnsType<Adviser> = [
    {
      title: '姓名',
      dataIndex: 'name',
      fixed: 'left',
      width: 110,
      render: (n: string, a) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setShowing(a.id)}>
          {n}
        </Button>
      ),
    },
    { title: '类别', dataIndex: 'kindLabel', width: 120 },
    { title: '律师事务所或单位', dataIndex: 'organisation', width: 200, ellipsis: true },
    { title: '执业证号', dataIndex: 'licenceNo', width: 180 },
    { title: '执业证有效期', key: 'licence', width: 220, render: (_: unknown, a) => licenceTag(a) },
    { title: '联系电话', dataIndex: 'phone', width: 130, render: (p: string | null) => p ?? '—' },
    {
      title: '服务单位',
      dataIndex: 'currentUnits',
      width: 280,
      render: (us: Adviser['currentUnits']) =>
        us.length === 0 ? (
          <Tag>未配备</Tag>
        ) : (
          <Flex gap={4} wrap>
            {us.slice(0, 4).map((u) => (
              <Tag key={u.unitId} color="blue">
                {u.unitName}
              </Tag>
            ))}
            {us.length > 4 ? <Tag>等{us.length}个单位</Tag> : null}
          </Flex>
        ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 80,
      render: (s: string) => (s === 'active' ? <Tag color="success">在册</Tag> : <Tag>已解聘</Tag>),
    },
    {
      title: '操作',
      key: 'ops',
      width: 120,
      fixed: 'right',
      render: (_: unknown, a) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setShowing(a.id)}>
            详情
          </Button>
          {mayManage && a.canManage ? (
            <Button type="link" size="small" onClick={() => setEditing(a)}>
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
        title="法律顾问名册"
        subTitle="政府法律顾问、公职律师和单位法律顾问，执业证有效期和配备单位；联系电话对非管理人员脱敏显示"
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={advisersApi.rosterExportUrl()} download>
              导出Excel
            </Button>
            <XlsxImportButton
              label="法律顾问名册"
              canImport={mayManage}
              importFile={advisersApi.importRoster}
              onImported={refresh}
            />
            {mayManage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                登记法律顾问
              </Button>
            ) : null}
          </>
        }
      />
      <Card variant="borderless">
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search">
          <Input.Search
            placeholder="姓名、律师事务所或执业证号"
            allowClear
            style={{ width: 260 }}
            aria-label="关键字"
            onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim() || undefined }))}
          />
          <Select<string | undefined>
            allowClear
            placeholder="全部类别"
            style={{ width: 150 }}
            aria-label="类别"
            options={adviserKindOptions}
            onChange={(kind) => setFilters((f) => ({ ...f, kind }))}
          />
          <Select<string | undefined>
            allowClear
            placeholder="全部状态"
            style={{ width: 120 }}
            aria-label="状态"
            value={filters.status}
            options={[
              { value: 'active', label: '在册' },
              { value: 'inactive', label: '已解聘' },
            ]}
            onChange={(status) => setFilters((f) => ({ ...f, status }))}
          />
          <UnitTreeSelect
            allowClear
            placeholder="服务单位"
            style={{ width: 240 }}
            aria-label="服务单位"
            onChange={(u) => setFilters((f) => ({ ...f, unitId: (u as string | undefined) ?? undefined }))}
          />
        </Flex>
        <DataTable<Adviser>
          query={query}
          rowKey="id"
          columns={columns}
          scroll={{ x: 1620 }}
          aria-label="法律顾问名册"
          data-testid="advisers-roster-table"
          locale={{ emptyText: '暂无法律顾问' }}
        />
      </Card>
      {editing ? (
        <AdviserForm
          adviser={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      ) : null}
      {showing ? (
        <AdviserDrawer
          adviserId={showing}
          mayManage={mayManage}
          onClose={() => setShowing(null)}
          onChanged={refresh}
        />
      ) : null}
    </>
  );
}

function AdviserForm({
  adviser,
  onClose,
  onSaved,
}: {
  adviser: Adviser | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<AdviserInput>();
  const { saving, run } = useFormSubmit(form);
  const kind = Form.useWatch('kind', form);
  const submit = (v: AdviserInput) =>
    run(async () => {
      const body = { ...v, phone: v.phone?.trim() || null, expertise: v.expertise?.trim() || null };
      if (adviser) await advisersApi.updateAdviser(adviser.id, body);
      else await advisersApi.createAdviser(body);
      message.success(adviser ? '已保存' : '已登记法律顾问');
      onSaved();
    });
  return (
    <Modal
      open
      width={720}
      title={adviser ? `编辑法律顾问：${adviser.name}` : '登记法律顾问'}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<AdviserInput>
        form={form}
        layout="vertical"
        onFinish={submit}
        aria-label="法律顾问"
        initialValues={
          adviser
            ? {
                name: adviser.name,
                kind: adviser.kind,
                organisation: adviser.organisation,
                homeUnitId: adviser.homeUnitId,
                licenceNo: adviser.licenceNo,
                licenceValidFrom: adviser.licenceValidFrom,
                licenceValidTo: adviser.licenceValidTo,
                phone: adviser.phone,
                expertise: adviser.expertise,
                status: adviser.status,
              }
            : { kind: 'external' }
        }
      >
        <div className="fz-two-cols">
          <Form.Item
            name="name"
            label="姓名"
            rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="kind" label="顾问类别" rules={[{ required: true, message: '请选择顾问类别' }]}>
            <Select options={adviserKindOptions} />
          </Form.Item>
          <Form.Item
            name="organisation"
            label={kind === 'external' ? '律师事务所' : '工作单位'}
            rules={[{ required: true, whitespace: true, message: '请填写律师事务所或工作单位' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="homeUnitId"
            label="所在单位"
            extra={kind === 'external' ? '外聘律师可不填' : '公职律师、单位法律顾问须填写'}
            rules={kind === 'external' ? [] : [{ required: true, message: '请选择所在单位' }]}
          >
            <UnitTreeSelect allowClear />
          </Form.Item>
          <Form.Item
            name="licenceNo"
            label="执业证号"
            rules={[{ required: true, whitespace: true, message: '请填写执业证号' }]}
          >
            <Input maxLength={32} />
          </Form.Item>
          <Form.Item name="phone" label="联系电话">
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item
            name="licenceValidFrom"
            label="执业证有效期起"
            rules={[{ required: true, message: '请选择日期' }]}
            {...dateField}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="licenceValidTo"
            label="执业证有效期止"
            rules={[{ required: true, message: '请选择日期' }]}
            {...dateField}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="expertise" label="专业领域">
          <Input maxLength={200} />
        </Form.Item>
        {adviser ? (
          <Form.Item name="status" label="状态">
            <Select
              options={[
                { value: 'active', label: '在册' },
                { value: 'inactive', label: '已解聘' },
              ]}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function AdviserDrawer({
  adviserId,
  mayManage,
  onClose,
  onChanged,
}: {
  adviserId: string;
  mayManage: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const detail = useRequest(() => advisersApi.adviser(adviserId), [adviserId]);
  const [assigning, setAssigning] = useState(false);
  const [ending, setEnding] = useState<Assignment | null>(null);
  const a = detail.data;
  const changed = () => {
    detail.reload();
    onChanged();
  };
  const columns: TableColumnsType<Assignment> = [
    { title: '服务单位', dataIndex: 'unitName' },
    { title: '起', dataIndex: 'validFrom', width: 110 },
    { title: '止', dataIndex: 'validTo', width: 110, render: (d: string | null) => d ?? '长期' },
    {
      title: '状态',
      dataIndex: 'current',
      width: 80,
      render: (c: boolean) => (c ? <Tag color="success">在任</Tag> : <Tag>不在期内</Tag>),
    },
    {
      title: '',
      key: 'ops',
      width: 70,
      render: (_: unknown, s) =>
        mayManage && a?.canManage && (s.validTo === null || s.current) ? (
          <Button type="link" size="small" onClick={() => setEnding(s)}>
            结束
          </Button>
        ) : null,
    },
  ];
  return (
    <Drawer
      open
      width={760}
      title={a ? `法律顾问：${a.name}` : '法律顾问'}
      onClose={onClose}
      loading={detail.loading}
    >
      {a ? (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="类别">{a.kindLabel}</Descriptions.Item>
            <Descriptions.Item label="律师事务所或单位">{a.organisation}</Descriptions.Item>
            <Descriptions.Item label="所在单位">{a.homeUnitName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="执业证号">{a.licenceNo}</Descriptions.Item>
            <Descriptions.Item label="执业证有效期" span={2}>
              {a.licenceValidFrom} 至 {a.licenceValidTo}{' '}
              {a.licenceExpired ? <Tag color="error">已过期</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label="联系电话">{a.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="专业领域">{a.expertise ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="工作事项">{a.workItemCount} 项</Descriptions.Item>
            <Descriptions.Item label="列席会议">{a.meetingCount} 次</Descriptions.Item>
          </Descriptions>
          <Flex justify="space-between" align="center" style={{ margin: '16px 0 8px' }}>
            <strong>配备单位</strong>
            {mayManage && a.canManage && a.status === 'active' ? (
              <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setAssigning(true)}>
                配备到单位
              </Button>
            ) : null}
          </Flex>
          <Table<Assignment>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={a.assignments}
            columns={columns}
            aria-label="配备单位"
            locale={{ emptyText: '尚未配备到任何单位' }}
          />
        </>
      ) : null}
      {assigning && a ? (
        <AssignForm
          adviserId={a.id}
          onClose={() => setAssigning(false)}
          onSaved={() => {
            setAssigning(false);
            changed();
          }}
        />
      ) : null}
      {ending ? (
        <EndForm
          assignment={ending}
          onClose={() => setEnding(null)}
          onSaved={() => {
            setEnding(null);
            changed();
          }}
        />
      ) : null}
    </Drawer>
  );
}

function AssignForm({
  adviserId,
  onClose,
  onSaved,
}: {
  adviserId: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ unitId: string; validFrom: string; validTo?: string; note?: string }>();
  const { saving, run } = useFormSubmit(form);
  return (
    <Modal
      open
      title="配备到单位"
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        aria-label="配备到单位"
        initialValues={{ validFrom: today() }}
        onFinish={(v) =>
          run(async () => {
            await advisersApi.assign(adviserId, {
              ...v,
              validTo: v.validTo ?? null,
              note: v.note?.trim() || null,
            });
            message.success('已配备');
            onSaved();
          })
        }
      >
        <Form.Item name="unitId" label="服务单位" rules={[{ required: true, message: '请选择服务单位' }]}>
          <UnitTreeSelect />
        </Form.Item>
        <div className="fz-two-cols">
          <Form.Item
            name="validFrom"
            label="起始日期"
            rules={[{ required: true, message: '请选择日期' }]}
            {...dateField}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="validTo" label="结束日期" extra="不填为长期" {...dateField}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="note" label="备注">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EndForm({
  assignment,
  onClose,
  onSaved,
}: {
  assignment: Assignment;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ validTo: string; note?: string }>();
  const { saving, run } = useFormSubmit(form);
  return (
    <Modal
      open
      title={`结束配备：${assignment.unitName}`}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        aria-label="结束配备"
        initialValues={{ validTo: today() }}
        onFinish={(v) =>
          run(async () => {
            await advisersApi.endAssignment(assignment.id, {
              validTo: v.validTo,
              note: v.note?.trim() || null,
            });
            message.success('已结束配备');
            onSaved();
          })
        }
      >
        <Form.Item
          name="validTo"
          label="截至日期"
          rules={[{ required: true, message: '请选择日期' }]}
          {...dateField}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
