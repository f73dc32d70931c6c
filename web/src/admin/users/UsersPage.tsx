import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  Popconfirm,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/endpoints.ts';
import { useErrorHandler } from '../../api/forms.ts';
import type { Status, User } from '../../api/types.ts';
import { DataTable, usePagedQuery } from '../../shared/DataTable.tsx';
import { formatTime } from '../../shared/format.ts';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { UnitTreeSelect } from '../../shared/UnitTreeSelect.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UserFormModal } from './UserFormModal.tsx';
import { UserRolesModal } from './UserRolesModal.tsx';

interface Filters {
  q?: string;
  unitId?: string;
  includeBelow: boolean;
  status?: Status;
}

type Dialog = { kind: 'create' } | { kind: 'edit' | 'roles' | 'password'; user: User } | null;

/** 用户管理: filter, page through and manage the users the signed-in official may see. */
export function UsersPage() {
  const { me, can } = useMe();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() => ({
    unitId: params.get('unitId') ?? undefined,
    includeBelow: true,
  }));
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const query = usePagedQuery(
    (f: Filters, page, pageSize) =>
      api.users.list({
        q: f.q,
        unitId: f.unitId,
        includeBelow: f.unitId ? f.includeBelow : undefined,
        status: f.status,
        page,
        pageSize,
      }),
    filters,
  );
  const mayManage = can('access.user.manage');
  const patch = (p: Partial<Filters>) => setFilters((f) => ({ ...f, ...p }));

  const update = async (user: User, body: { status?: Status; unlock?: boolean }, done: string) => {
    setBusy(user.id);
    try {
      await api.users.update(user.id, body);
      message.success(done);
      query.reload();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<User> = [
    {
      title: '用户名',
      dataIndex: 'username',
      fixed: 'left',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { title: '姓名', dataIndex: 'displayName' },
    { title: '所属单位', dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
    { title: '手机号', dataIndex: 'mobileMasked', render: (v: string | null) => v ?? '—' },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: User['roles']) =>
        roles.length === 0 ? (
          <Typography.Text type="secondary">未分配</Typography.Text>
        ) : (
          roles.map((r) => (
            <Tag key={r.id} color="blue" style={{ marginBlock: 2 }}>
              {r.name}
            </Tag>
          ))
        ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      render: (_: string, u) => (
        <Space size={4}>
          {u.status === 'active' ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
          {u.locked ? <Tag color="orange">已锁定</Tag> : null}
        </Space>
      ),
    },
    { title: '最近登录', dataIndex: 'lastLoginAt', render: (v: string | null) => formatTime(v, '从未登录') },
  ];
  if (mayManage)
    columns.push({
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, u) => {
        if (!u.canManage) return <Typography.Text type="secondary">无权管理</Typography.Text>;
        const self = u.id === me?.id;
        const active = u.status === 'active';
        return (
          <Space size={0} wrap={false}>
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
              编辑
            </Button>
            <Tooltip title={self ? '不能修改自己的角色' : undefined}>
              <Button
                type="link"
                size="small"
                disabled={self}
                onClick={() => setDialog({ kind: 'roles', user: u })}
              >
                分配角色
              </Button>
            </Tooltip>
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'password', user: u })}>
              重置密码
            </Button>
            {u.locked ? (
              <Popconfirm
                title={`解锁 ${u.displayName} 的账号？`}
                onConfirm={() => update(u, { unlock: true }, '已解锁')}
              >
                <Button type="link" size="small" loading={busy === u.id}>
                  解锁
                </Button>
              </Popconfirm>
            ) : null}
            {self ? null : (
              <Popconfirm
                title={active ? `停用 ${u.displayName}？` : `启用 ${u.displayName}？`}
                description={active ? '停用后该用户立即退出登录，且不能再登录。' : undefined}
                okText={active ? '停用' : '启用'}
                okButtonProps={{ danger: active }}
                onConfirm={() =>
                  update(u, { status: active ? 'disabled' : 'active' }, active ? '用户已停用' : '用户已启用')
                }
              >
                <Button type="link" size="small" danger={active} loading={busy === u.id}>
                  {active ? '停用' : '启用'}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    });

  const closeAndReload = (text: string) => {
    message.success(text);
    setDialog(null);
    query.reload();
  };

  return (
    <>
      <PageHeader
        title="用户管理"
        subTitle="管理您有权管理范围内的工作人员账号"
        extra={
          mayManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              新建用户
            </Button>
          ) : null
        }
      />
      <Card variant="borderless">
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search" aria-label="筛选用户">
          <Input.Search
            placeholder="用户名或姓名"
            allowClear
            onSearch={(v) => patch({ q: v.trim() || undefined })}
            style={{ width: 220 }}
            aria-label="关键字"
            data-testid="users-filter-q"
          />
          {can('org.unit.read') ? (
            <UnitTreeSelect
              value={filters.unitId}
              onChange={(v) => patch({ unitId: (v as string | undefined) ?? undefined })}
              allowInactive
              placeholder="全部单位"
              style={{ width: 280 }}
              aria-label="单位"
              data-testid="users-filter-unit"
            />
          ) : null}
          <Checkbox
            checked={filters.includeBelow}
            disabled={!filters.unitId}
            onChange={(e) => patch({ includeBelow: e.target.checked })}
            style={{ alignSelf: 'center' }}
          >
            含下级
          </Checkbox>
          <Select<Status | undefined>
            value={filters.status}
            onChange={(v) => patch({ status: v })}
            allowClear
            placeholder="全部状态"
            style={{ width: 140 }}
            options={[
              { value: 'active', label: '启用' },
              { value: 'disabled', label: '停用' },
            ]}
            aria-label="状态"
          />
        </Flex>
        <DataTable<User>
          query={query}
          rowKey="id"
          columns={columns}
          data-testid="users-table"
          aria-label="用户列表"
        />
      </Card>
      {dialog?.kind === 'create' ? (
        <UserFormModal
          defaultUnitId={filters.unitId}
          onClose={() => setDialog(null)}
          onSaved={(u) => closeAndReload(`用户“${u.displayName}”已创建`)}
        />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <UserFormModal
          user={dialog.user}
          onClose={() => setDialog(null)}
          onSaved={(u) => closeAndReload(`用户“${u.displayName}”已保存`)}
        />
      ) : null}
      {dialog?.kind === 'roles' ? (
        <UserRolesModal
          user={dialog.user}
          onClose={() => setDialog(null)}
          onSaved={() => closeAndReload('角色已更新')}
        />
      ) : null}
      {dialog?.kind === 'password' ? (
        <ResetPasswordModal
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={() => closeAndReload('密码已重置，该用户下次登录须修改密码')}
        />
      ) : null}
    </>
  );
}
