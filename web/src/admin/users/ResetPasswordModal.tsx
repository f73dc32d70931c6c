import { Alert, Form, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { useFormErrors } from '../../api/forms.ts';
import type { User } from '../../api/types.ts';
import { PasswordInput } from '../../shared/PasswordInput.tsx';
import { PASSWORD_RULE_TEXT } from '../ChangePasswordModal.tsx';

/** Sets a new password for a user, who must change it at the next login. */
export function ResetPasswordModal({
  user,
  onClose,
  onDone,
}: {
  user: User;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ password: string }>();
  const onError = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const submit = async ({ password }: { password: string }) => {
    setSaving(true);
    try {
      await api.users.resetPassword(user.id, password);
      onDone();
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`重置密码：${user.displayName}（${user.username}）`}
      okText="重置"
      okButtonProps={{ danger: true }}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="重置后该用户的登录会话全部失效，下次登录须修改密码。请通过安全渠道把新密码告知本人。"
      />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="password"
          label="新密码"
          extra={PASSWORD_RULE_TEXT}
          rules={[{ required: true, message: '请输入新密码' }]}
        >
          <PasswordInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}
