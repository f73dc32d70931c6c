import { DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { useFormErrors } from '../../api/forms.ts';
import { useSignedIn } from '../../shared/me.tsx';
import { UserSelect } from '../../shared/UserSelect.tsx';

interface Values {
  name: string;
  userId: string;
  expiresAt?: Dayjs | null;
}

/** Issues an API token; the secret is handed to `onCreated` (it is shown once and never again). */
export function TokenFormModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (issued: { id: string; token: string; name: string }) => void;
}) {
  const me = useSignedIn();
  const [form] = Form.useForm<Values>();
  const onError = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const issued = await api.tokens.create({
        name: v.name.trim(),
        userId: v.userId,
        expiresAt: v.expiresAt ? v.expiresAt.endOf('day').toISOString() : null,
      });
      onCreated({ ...issued, name: v.name.trim() });
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title="签发接口令牌"
      okText="签发"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ userId: me.id, expiresAt: dayjs().add(1, 'year') }}
        onFinish={submit}
        aria-label="接口令牌"
      >
        <Form.Item
          name="name"
          label="令牌名称"
          extra="写明用途和使用的系统，如：市级执法平台数据同步"
          rules={[{ required: true, whitespace: true, message: '请输入令牌名称' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="userId"
          label="代表用户"
          extra="令牌以该用户的身份和权限调用接口，建议为集成系统单独建立账号"
          rules={[{ required: true, message: '请选择用户' }]}
        >
          <UserSelect />
        </Form.Item>
        <Form.Item name="expiresAt" label="到期日期" extra="留空则长期有效（不建议）">
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(dayjs().endOf('day'))}
            placeholder="选择到期日期"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
