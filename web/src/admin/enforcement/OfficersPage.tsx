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
  Tooltip,
} from 'antd';
import { useState } from 'react';
import {
  CREDENTIAL_CATEGORIES,
  type EnforcementOfficer,
  enforcementApi,
  OFFICER_STATUS_LABELS,
  type OfficerInput,
} from '../../api/enforcement.ts';
import { useFormSubmit } from '../../api/forms.ts';
import { invalidate } from '../../shared/cache.ts';
import { DataTable, usePagedQuery } from '../../shared/DataTable.tsx';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { UserSelect } from '../../shared/UserSelect.tsx';
import { dateField } from '../../shared/workflow/SchemaFields.tsx';
import { statusTag, tags } from './BodiesPage.tsx';
import { RegistryFileButtons } from './RegistryFile.tsx';
import { BodySelect, ValidityText } from './selects.tsx';

/**
 * 执法人员: officers and their credentials; a credential that cannot be used today is shown in red, one that
 * expires within 90 days in orange.
 */
export function OfficersPage() {
  const { can } = useMe();
  const mayManage = can('enforcement.registry.manage');
  const [filters, setFilters] = useState<{
    q?: string | undefined;
    bodyId?: string | undefined;
    status?: string | undefined;
  }>({});
  const [reload, setReload] = useState(0);
  const query = usePagedQuery(
    (f: typeof filters & { reload: number }, page, pageSize) =>
      enforcementApi.officers({ q: f.q, bodyId: f.bodyId, status: f.status, page, pageSize }),
    { ...filters, reload },
  );
  const [editing, setEditing] = useState<EnforcementOfficer | 'new' | null>(null);
  const changed = () => {
    invalidate('enforcement.officers');
    setReload((r) => r + 1);
  };

  const columns: TableColumnsType<EnforcementOfficer> = [
    {
      title: '姓名',
      dataIndex: 'name',
      fixed: 'left',
      render: (v: string, o) => <Tooltip title={`用户名：${o.username}`}>{v}</Tooltip>,
    },
    { title: '执法证号', dataIndex: 'credentialNo' },
    { title: '证件类别', dataIndex: 'category' },
    { title: '执法主体', dataIndex: 'bodyName' },
    { title: '执法领域', dataIndex: 'domains', render: tags },
    { title: '有效期', key: 'validity', render: (_: unknown, o) => <ValidityText officer={o} /> },
    { title: '发证机关', dataIndex: 'issuingAuthority' },
    { title: '状态', dataIndex: 'status', render: (v: string) => statusTag(v, OFFICER_STATUS_LABELS) },
    {
      title: '操作',
      key: 'ops',
      render: (_: unknown, o) =>
        mayManage && o.canManage ? (
          <Button type="link" size="small" onClick={() => setEditing(o)}>
            编辑
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title="执法人员"
        subTitle="执法人员及其行政执法证件（证号、类别、执法领域、有效期）；红色为今日不可用，橙色为90日内到期"
        extra={
          <>
            <RegistryFileButtons kind="officers" canImport={mayManage} onImported={changed} />
            {mayManage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                登记执法人员
              </Button>
            ) : null}
          </>
        }
      />
      <Card variant="borderless">
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search">
          <Input.Search
            placeholder="姓名或执法证号"
            allowClear
            style={{ width: 240 }}
            aria-label="关键字"
            onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim() || undefined }))}
          />
          <BodySelect
            allowClear
            placeholder="全部执法主体"
            style={{ width: 260 }}
            aria-label="执法主体"
            onChange={(bodyId) => setFilters((f) => ({ ...f, bodyId }))}
          />
          <Select<string | undefined>
            allowClear
            placeholder="全部状态"
            style={{ width: 140 }}
            aria-label="状态"
            options={Object.entries(OFFICER_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
            onChange={(status) => setFilters((f) => ({ ...f, status }))}
          />
        </Flex>
        <DataTable<EnforcementOfficer>
          query={query}
          rowKey="id"
          columns={columns}
          aria-label="执法人员列表"
          data-testid="officers-table"
          locale={{ emptyText: '暂无执法人员' }}
        />
      </Card>
      {editing ? (
        <OfficerForm
          officer={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            changed();
          }}
        />
      ) : null}
    </>
  );
}

function OfficerForm({
  officer,
  onClose,
  onSaved,
}: {
  officer: EnforcementOfficer | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<OfficerInput>();
  const { saving, run } = useFormSubmit(form);
  const submit = async (v: OfficerInput) => {
    await run(async () => {
      if (officer) {
        const { userId: _user, ...patch } = v;
        await enforcementApi.updateOfficer(officer.id, patch);
      } else await enforcementApi.createOfficer(v);
      message.success(officer ? '已保存' : '已登记执法人员');
      onSaved();
    });
  };
  return (
    <Modal
      open
      width={720}
      title={officer ? `编辑执法人员：${officer.name}` : '登记执法人员'}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<OfficerInput>
        form={form}
        layout="vertical"
        onFinish={submit}
        aria-label="执法人员"
        initialValues={
          officer ?? {
            category: '行政执法证',
            status: 'active',
            domains: [],
            issuingAuthority: '重庆市人民政府',
          }
        }
      >
        <div className="fz-two-cols">
          {officer ? null : (
            <Form.Item
              name="userId"
              label="人员（用户账号）"
              rules={[{ required: true, message: '请选择人员' }]}
            >
              <UserSelect />
            </Form.Item>
          )}
          <Form.Item name="bodyId" label="执法主体" rules={[{ required: true, message: '请选择执法主体' }]}>
            <BodySelect />
          </Form.Item>
          <Form.Item
            name="credentialNo"
            label="执法证号"
            rules={[{ required: true, whitespace: true, message: '请填写执法证号' }]}
          >
            <Input maxLength={32} />
          </Form.Item>
          <Form.Item name="category" label="证件类别" rules={[{ required: true, message: '请选择证件类别' }]}>
            <Select options={CREDENTIAL_CATEGORIES.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item
            name="validFrom"
            label="有效期起"
            rules={[{ required: true, message: '请选择日期' }]}
            {...dateField}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="validTo"
            label="有效期止"
            rules={[{ required: true, message: '请选择日期' }]}
            {...dateField}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="issuingAuthority"
            label="发证机关"
            rules={[{ required: true, whitespace: true, message: '请填写发证机关' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select
              options={Object.entries(OFFICER_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        </div>
        <Form.Item
          name="domains"
          label="执法领域"
          extra="须在执法主体的执法领域之内；输入后按回车"
          rules={[{ required: true, type: 'array', min: 1, message: '请填写执法领域' }]}
        >
          <Select mode="tags" open={false} placeholder="输入后按回车" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
