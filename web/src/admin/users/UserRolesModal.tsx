import { Alert, Checkbox, Empty, Form, Modal, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { useFormErrors } from '../../api/forms.ts';
import type { User } from '../../api/types.ts';
import { scopeLabel } from '../../shared/labels.ts';
import { useAssignableRoles } from './roles.ts';

/**
 * Assigns roles. Roles the signed-in user could not have granted stay as they are (shown, not editable),
 * since only someone holding all their permissions may take them away.
 */
export function UserRolesModal({
  user,
  onClose,
  onSaved,
}: {
  user: User;
  onClose: () => void;
  onSaved: (u: User) => void;
}) {
  const [form] = Form.useForm<{ roleIds: string[] }>();
  const onError = useFormErrors(form);
  const roles = useAssignableRoles();
  const [saving, setSaving] = useState(false);
  const assignable = roles.data ?? [];
  const fixed = user.roles.filter((r) => !assignable.some((a) => a.id === r.id));

  const submit = async ({ roleIds }: { roleIds: string[] }) => {
    setSaving(true);
    try {
      onSaved(await api.users.setRoles(user.id, [...fixed.map((r) => r.id), ...roleIds]));
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`分配角色：${user.displayName}（${user.username}）`}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {roles.loading ? (
        <Spin />
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ roleIds: user.roles.filter((r) => !fixed.includes(r)).map((r) => r.id) }}
        >
          {fixed.length > 0 ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={
                <span>
                  以下角色超出您的权限，将保持不变：
                  {fixed.map((r) => (
                    <Tag key={r.id} style={{ marginInlineStart: 4 }}>
                      {r.name}
                    </Tag>
                  ))}
                </span>
              }
            />
          ) : null}
          <Form.Item name="roleIds" label="角色">
            {assignable.length === 0 ? (
              <Empty description="没有您可以分配的角色" image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Checkbox.Group style={{ width: '100%' }}>
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {assignable.map((r) => (
                    <Checkbox key={r.id} value={r.id}>
                      {r.name}{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        （数据范围：{scopeLabel(r.scope)}）
                      </Typography.Text>
                    </Checkbox>
                  ))}
                </Space>
              </Checkbox.Group>
            )}
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
