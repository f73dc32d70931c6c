import { Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { useFormErrors } from '../../api/forms.ts';
import type { Position, Unit } from '../../api/types.ts';

interface Values {
  name: string;
  sort?: number;
}

/** Adds a position (岗位) to a unit. */
export function PositionFormModal({
  unit,
  onClose,
  onSaved,
}: {
  unit: Unit;
  onClose: () => void;
  onSaved: (p: Position) => void;
}) {
  const [form] = Form.useForm<Values>();
  const onError = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const submit = async (v: Values) => {
    setSaving(true);
    try {
      onSaved(await api.org.createPosition(unit.id, { name: v.name.trim(), sort: v.sort ?? 0 }));
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`新增岗位：${unit.name}`}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ sort: 0 }}
        onFinish={submit}
        aria-label="岗位信息"
      >
        <Form.Item
          name="name"
          label="岗位名称"
          rules={[{ required: true, whitespace: true, message: '请输入岗位名称' }]}
        >
          <Input maxLength={50} placeholder="如：执法人员、法制审核员" />
        </Form.Item>
        <Form.Item name="sort" label="排序">
          <InputNumber min={0} max={10000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
