import { Checkbox, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { useFormErrors } from '../../api/forms.ts';
import type { User } from '../../api/types.ts';
import { PasswordInput } from '../../shared/PasswordInput.tsx';
import { PositionSelect } from '../../shared/PositionSelect.tsx';
import { UnitTreeSelect } from '../../shared/UnitTreeSelect.tsx';
import { PASSWORD_RULE_TEXT } from '../ChangePasswordModal.tsx';
import { useAssignableRoles } from './roles.ts';

interface Values {
  username: string;
  displayName: string;
  unitId: string;
  positionId?: string | null;
  mobile?: string;
  password: string;
  roleIds: string[];
  mustChangePassword: boolean;
}

/** Create a user (`user` undefined) or edit one. Roles, password and status have their own actions. */
export function UserFormModal({
  user,
  defaultUnitId,
  onClose,
  onSaved,
}: {
  user?: User;
  defaultUnitId?: string | undefined;
  onClose: () => void;
  onSaved: (u: User) => void;
}) {
  const [form] = Form.useForm<Values>();
  const onError = useFormErrors(form);
  const roles = useAssignableRoles();
  const unitId = Form.useWatch('unitId', form);
  const [saving, setSaving] = useState(false);
  const editing = !!user;

  const submit = async (v: Values) => {
    setSaving(true);
    const mobile = v.mobile?.trim() || null;
    try {
      let saved: User;
      if (user) {
        const body = {
          ...(v.displayName.trim() !== user.displayName ? { displayName: v.displayName.trim() } : {}),
          ...(v.unitId !== user.unitId ? { unitId: v.unitId } : {}),
          ...((v.positionId ?? null) !== user.positionId ? { positionId: v.positionId ?? null } : {}),
          ...(mobile ? { mobile } : {}),
        };
        if (Object.keys(body).length === 0) {
          onClose();
          return;
        }
        saved = await api.users.update(user.id, body);
      } else {
        saved = await api.users.create({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          unitId: v.unitId,
          positionId: v.positionId ?? null,
          mobile,
          password: v.password,
          roleIds: v.roleIds ?? [],
          mustChangePassword: v.mustChangePassword,
        });
      }
      onSaved(saved);
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };

  const initial: Partial<Values> = user
    ? { displayName: user.displayName, unitId: user.unitId ?? undefined, positionId: user.positionId }
    : { unitId: defaultUnitId, roleIds: [], mustChangePassword: true };

  return (
    <Modal
      open
      title={user ? `编辑用户：${user.displayName}（${user.username}）` : '新建用户'}
      okText={editing ? '保存' : '创建'}
      okButtonProps={{ 'data-testid': 'user-form-submit' } as Record<string, string>}
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
        onValuesChange={(changed) => {
          if ('unitId' in changed) form.setFieldValue('positionId', null);
        }}
        aria-label={editing ? '编辑用户' : '新建用户'}
        data-testid="user-form"
      >
        <div className="fz-two-cols">
          {editing ? null : (
            <Form.Item
              name="username"
              label="用户名"
              extra="字母开头，3到32位；创建后不能修改"
              rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
            >
              <Input maxLength={32} autoComplete="off" data-testid="user-form-username" />
            </Form.Item>
          )}
          <Form.Item
            name="displayName"
            label="姓名"
            rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
          >
            <Input maxLength={50} data-testid="user-form-displayName" />
          </Form.Item>
        </div>
        <div className="fz-two-cols">
          <Form.Item name="unitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
            <UnitTreeSelect allowClear={false} data-testid="user-form-unit" />
          </Form.Item>
          <Form.Item name="positionId" label="岗位">
            <PositionSelect unitId={unitId} data-testid="user-form-position" />
          </Form.Item>
        </div>
        <Form.Item
          name="mobile"
          label="手机号"
          extra={user?.mobileMasked ? `当前：${user.mobileMasked}。留空则不修改` : '用于接收通知，可不填'}
        >
          <Input maxLength={11} inputMode="numeric" data-testid="user-form-mobile" />
        </Form.Item>
        {editing ? null : (
          <>
            <Form.Item
              name="password"
              label="初始密码"
              extra={PASSWORD_RULE_TEXT}
              rules={[{ required: true, message: '请输入初始密码' }]}
            >
              <PasswordInput data-testid="user-form-password" />
            </Form.Item>
            <Form.Item name="roleIds" label="角色" extra="只能分配不超出您自己权限的角色">
              <Select
                mode="multiple"
                allowClear
                loading={roles.loading}
                placeholder="选择角色"
                options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="user-form-roles"
              />
            </Form.Item>
            <Form.Item name="mustChangePassword" valuePropName="checked">
              <Checkbox>首次登录时须修改密码</Checkbox>
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
