import { Form, Input, Modal, Select, Spin } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { useFormErrors } from '../../api/forms.ts';
import type { DataScope, Role, RoleBody } from '../../api/types.ts';
import { useCached } from '../../shared/cache.ts';
import { SCOPE_LABELS } from '../../shared/labels.ts';
import { useSignedIn } from '../../shared/me.tsx';
import { UnitTreeSelect } from '../../shared/UnitTreeSelect.tsx';
import { PermissionPicker } from './PermissionPicker.tsx';

interface Values {
  code: string;
  name: string;
  description?: string;
  scope: DataScope;
  scopeUnitIds?: string[];
  permissions: string[];
}

const SCOPE_HELP: Record<DataScope, string> = {
  self: '只能看到和办理本人经手的事项',
  unit: '本人所在单位的数据',
  unit_tree: '本人所在单位及其所有下级单位的数据',
  custom: '下面逐个指定的单位的数据（不自动包含其下级单位）',
  tenant: '本行政区全部数据',
  all: '所有行政区的数据（仅跨行政区管理员）',
};

/** Create or edit a role: name, data scope and the permissions it grants. */
export function RoleFormModal({
  role,
  onClose,
  onSaved,
}: {
  role?: Role;
  onClose: () => void;
  onSaved: (r: Role) => void;
}) {
  const me = useSignedIn();
  const [form] = Form.useForm<Values>();
  const onError = useFormErrors(form);
  const catalogue = useCached('access.permissions', api.roles.permissions);
  const scope = Form.useWatch('scope', form);
  const [saving, setSaving] = useState(false);
  const mine = new Set(me.permissions);
  const mayAll = me.roles.some((r) => r.scope === 'all');

  const submit = async (v: Values) => {
    setSaving(true);
    const body: RoleBody = {
      code: v.code.trim(),
      name: v.name.trim(),
      description: v.description?.trim() || null,
      scope: v.scope,
      permissions: v.permissions ?? [],
      ...(v.scope === 'custom' ? { scopeUnitIds: v.scopeUnitIds ?? [] } : {}),
    };
    try {
      onSaved(role ? await api.roles.update(role.id, body) : await api.roles.create(body));
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };

  const initial: Partial<Values> = role
    ? {
        code: role.code,
        name: role.name,
        description: role.description ?? '',
        scope: role.scope as DataScope,
        scopeUnitIds: role.scopeUnitIds,
        permissions: role.permissions,
      }
    : { scope: 'unit', permissions: ['dashboard.view'] };

  return (
    <Modal
      open
      title={role ? `编辑角色：${role.name}` : '新建角色'}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={720}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        aria-label="角色信息"
      >
        <Flex2>
          <Form.Item
            name="name"
            label="角色名称"
            rules={[{ required: true, whitespace: true, message: '请输入角色名称' }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="code"
            label="角色代码"
            extra={role?.builtin ? '内置角色的代码不能修改' : '小写字母开头，可含数字和下划线'}
            rules={[{ required: true, whitespace: true, message: '请输入角色代码' }]}
          >
            <Input maxLength={64} disabled={role?.builtin} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Flex2>
        <Form.Item name="description" label="说明">
          <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Form.Item
          name="scope"
          label="数据范围"
          extra={scope ? SCOPE_HELP[scope] : undefined}
          rules={[{ required: true, message: '请选择数据范围' }]}
        >
          <Select
            options={(Object.keys(SCOPE_LABELS) as DataScope[])
              .filter((s) => s !== 'all' || mayAll || role?.scope === 'all')
              .map((s) => ({ value: s, label: SCOPE_LABELS[s] }))}
          />
        </Form.Item>
        {scope === 'custom' ? (
          <Form.Item
            name="scopeUnitIds"
            label="指定单位"
            rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个单位' }]}
          >
            <UnitTreeSelect multiple allowInactive placeholder="选择一个或多个单位" />
          </Form.Item>
        ) : null}
        <Form.Item name="permissions" label="功能权限">
          {catalogue.data ? <PermissionPicker catalogue={catalogue.data} mine={mine} /> : <Spin />}
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Two form items side by side on wide screens. */
function Flex2({ children }: { children: React.ReactNode }) {
  return <div className="fz-two-cols">{children}</div>;
}
