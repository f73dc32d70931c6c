import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../api/endpoints.ts';
import { useFormErrors } from '../api/forms.ts';
import { useMe } from '../shared/me.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export const PASSWORD_RULE_TEXT =
  '至少10位，包含大写字母、小写字母、数字、符号中的至少三类，且不能包含用户名';

/**
 * Changing one's own password. When `forced` (the account must change its password), the dialog cannot be
 * dismissed; the only other way out is to sign out.
 */
export function ChangePasswordModal({
  open,
  forced,
  onClose,
}: {
  open: boolean;
  forced: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const onError = useFormErrors(form);
  const { message } = App.useApp();
  const { refresh, logout } = useMe();
  const [saving, setSaving] = useState(false);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      await api.auth.changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success('密码已修改');
      form.resetFields();
      await refresh();
      onClose();
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };

  // Signing out unmounts the layout, which then goes to the login page.
  const signOut = () => logout().catch(() => undefined);

  return (
    <Modal
      title="修改密码"
      open={open}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        forced ? (
          <Button key="out" onClick={signOut}>
            退出登录
          </Button>
        ) : (
          <Button key="cancel" onClick={onClose}>
            取消
          </Button>
        ),
        <Button key="ok" type="primary" loading={saving} onClick={() => form.submit()}>
          确认修改
        </Button>,
      ]}
    >
      {forced ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="为了账号安全，首次登录或密码被重置后须先修改密码。"
        />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} preserve={false}>
        <Form.Item
          name="currentPassword"
          label="当前密码"
          rules={[{ required: true, message: '请输入当前密码' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra={PASSWORD_RULE_TEXT}
          rules={[{ required: true, message: '请输入新密码' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
