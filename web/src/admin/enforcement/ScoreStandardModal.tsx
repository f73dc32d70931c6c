import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { enforcementViewsApi, type ScoreSheet } from '../../api/enforcement-views.ts';
import { useFormSubmit } from '../../api/forms.ts';

type Values = Pick<ScoreSheet, 'items' | 'thresholds'>;

/** 评查标准: the district's score items (full marks totalling 100) and the grade thresholds. */
export function ScoreStandardModal({
  sheet,
  onClose,
  onDone,
}: {
  sheet: ScoreSheet;
  onClose: () => void;
  onDone: (s: ScoreSheet) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormSubmit(form);
  const items = (Form.useWatch('items', form) ?? []) as Values['items'];
  const total = items.reduce((s, it) => s + (typeof it?.max === 'number' ? it.max : 0), 0);
  return (
    <Modal
      open
      title="案卷评查标准"
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={680}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ items: sheet.items, thresholds: sheet.thresholds }}
        onFinish={(v) => run(async () => onDone(await enforcementViewsApi.putScoreSheet(v)))}
        aria-label="案卷评查标准"
      >
        <Form.List name="items">
          {(fields, { add, remove }, { errors }) => (
            <fieldset className="fz-fieldset">
              <legend>评查项目（分值合计 {total} 分，应为 100 分）</legend>
              {fields.map((f, i) => (
                <div key={f.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                  <Form.Item name={[f.name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'label']}
                    rules={[{ required: true, whitespace: true, message: '请填写评查项目' }]}
                    style={{ flex: 1 }}
                  >
                    <Input maxLength={50} aria-label={`第${i + 1}项名称`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'max']} rules={[{ required: true, message: '请填写分值' }]}>
                    <InputNumber
                      min={0.5}
                      max={100}
                      step={0.5}
                      addonAfter="分"
                      aria-label={`第${i + 1}项分值`}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<MinusCircleOutlined />}
                    aria-label={`删除第${i + 1}项`}
                    onClick={() => remove(f.name)}
                  />
                </div>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ key: `item-${Date.now().toString(36)}`, label: '', max: 5 })}
              >
                添加评查项目
              </Button>
              <Form.ErrorList errors={errors} />
            </fieldset>
          )}
        </Form.List>
        <div className="fz-two-cols">
          <Form.Item
            name={['thresholds', 'excellent']}
            label="优秀分数线（不低于）"
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={100} step={0.5} addonAfter="分" />
          </Form.Item>
          <Form.Item name={['thresholds', 'pass']} label="合格分数线（不低于）" rules={[{ required: true }]}>
            <InputNumber min={0} max={100} step={0.5} addonAfter="分" />
          </Form.Item>
        </div>
        <Typography.Text type="secondary">
          修改只影响此后的评查；已保存的评查记录保留当时的评分表和分数线。
        </Typography.Text>
      </Form>
    </Modal>
  );
}
