import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popover, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { describeError } from '../../api/forms.ts';
import type { PermissionInfo, Role } from '../../api/types.ts';
import { invalidate, useCached } from '../../shared/cache.ts';
import { scopeLabel } from '../../shared/labels.ts';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { RoleFormModal } from './RoleFormModal.tsx';

function PermissionSummary({ codes, catalogue }: { codes: string[]; catalogue: PermissionInfo[] }) {
  const names = new Map(catalogue.map((p) => [p.code, p.name]));
  if (codes.length === 0) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <Popover
      title="功能权限"
      content={
        <ul style={{ margin: 0, paddingInlineStart: 18, maxWidth: 360 }}>
          {codes.map((c) => (
            <li key={c}>{names.get(c) ?? c}</li>
          ))}
        </ul>
      }
    >
      <Typography.Link>{codes.length} 项</Typography.Link>
    </Popover>
  );
}

/** 角色权限: the tenant's roles, their data scope and permissions. */
export function RolesPage() {
  const { can, refresh } = useMe();
  const { message } = App.useApp();
  const roles = useRequest(api.roles.list, []);
  const catalogue = useCached('access.permissions', api.roles.permissions);
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const mayManage = can('access.role.manage');

  if (roles.error) return <LoadFailed detail={describeError(roles.error)} onRetry={roles.reload} />;

  const columns: TableColumnsType<Role> = [
    {
      title: '角色名称',
      dataIndex: 'name',
      render: (v: string, r) => (
        <span>
          <Typography.Text strong>{v}</Typography.Text>
          {r.builtin ? (
            <Tag style={{ marginInlineStart: 8 }} color="default">
              内置
            </Tag>
          ) : null}
        </span>
      ),
    },
    { title: '代码', dataIndex: 'code', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: '说明',
      dataIndex: 'description',
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: '数据范围',
      dataIndex: 'scope',
      render: (v: string, r) => (
        <Tag color="geekblue">
          {scopeLabel(v)}
          {v === 'custom' ? `（${r.scopeUnitIds.length}个单位）` : ''}
        </Tag>
      ),
    },
    {
      title: '功能权限',
      dataIndex: 'permissions',
      render: (codes: string[]) => <PermissionSummary codes={codes} catalogue={catalogue.data ?? []} />,
    },
    { title: '用户数', dataIndex: 'userCount', align: 'right' },
  ];
  if (mayManage)
    columns.push({
      title: '操作',
      key: 'actions',
      render: (_: unknown, r) => (
        <Button type="link" size="small" onClick={() => setEditing(r)}>
          编辑
        </Button>
      ),
    });

  return (
    <>
      <PageHeader
        title="角色权限"
        subTitle="角色决定用户能做什么（功能权限）和能看到哪些单位的数据（数据范围）"
        extra={
          mayManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新建角色
            </Button>
          ) : null
        }
      />
      <Card variant="borderless" role="region" aria-label="角色列表" data-testid="roles-table">
        <Table<Role>
          rowKey="id"
          size="middle"
          loading={roles.loading}
          dataSource={roles.data ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {editing ? (
        <RoleFormModal
          role={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(r) => {
            message.success(`角色“${r.name}”已保存`);
            setEditing(null);
            roles.reload();
            // The change may alter what the signed-in user (and those they manage) may do.
            invalidate('access.assignable-roles');
            refresh().catch(() => undefined);
          }}
        />
      ) : null}
    </>
  );
}
