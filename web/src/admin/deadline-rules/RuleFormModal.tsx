import { Alert, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { useFormErrors } from '../../api/forms.ts';
import type { DeadlineUnit, RuleView } from '../../api/types.ts';
import { amountText, UNIT_LABELS } from './ruleLabels.ts';

interface Values {
  amount: number;
  unit: DeadlineUnit;
  rollToWorkday: boolean;
  customWarn: boolean;
  warnBefore?: { amount: number; unit: DeadlineUnit };
  note?: string;
}

const unitOptions = (Object.keys(UNIT_LABELS) as DeadlineUnit[]).map((u) => ({
  value: u,
  label: UNIT_LABELS[u],
}));

/**
 * Sets the district's local version of a statutory deadline (PUT /api/clock/rules/:code). What may change
 * depends on the rule (its policy); the server checks against the statute and every problem lands on its field.
 */
export function RuleFormModal({
  rule,
  onClose,
  onSaved,
}: {
  rule: RuleView;
  onClose: () => void;
  onSaved: (r: RuleView) => void;
}) {
  const [form] = Form.useForm<Values>();
  const onError = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const customWarn = Form.useWatch('customWarn', form);
  const unit = Form.useWatch('unit', form);
  const s = rule.statutory;
  const current = rule.override ?? s;
  const fixed = rule.policy === 'fixed';

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      onSaved(
        await api.clock.setRule(rule.code, {
          amount: v.amount,
          unit: v.unit,
          rollToWorkday: v.rollToWorkday,
          warnBefore: v.customWarn && v.warnBefore ? v.warnBefore : null,
          note: v.note?.trim() || null,
        }),
      );
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`本地期限规定：${s.name}`}
      okText="保存"
      okButtonProps={{ 'data-testid': 'rule-form-submit' } as Record<string, string>}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={680}
    >
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'statute', label: '法律依据', children: s.statute, span: 2 },
          { key: 'amount', label: '法定期限', children: amountText(s) },
          { key: 'start', label: '起算', children: s.startEventName ?? s.startEvent },
        ]}
      />
      <Alert type="info" showIcon title={rule.policyText} style={{ marginBottom: 16 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        aria-label="本地期限规定"
        data-testid="rule-form"
        initialValues={{
          amount: current.amount,
          unit: current.unit,
          rollToWorkday: current.rollToWorkday,
          customWarn: !!rule.override?.warnBefore,
          warnBefore: current.warnBefore ?? s.warnBefore ?? { amount: 3, unit: 'workday' },
          note: rule.override?.note ?? '',
        }}
      >
        <div className="fz-two-cols">
          <Form.Item name="amount" label="期限" rules={[{ required: true, message: '请填写期限' }]}>
            <InputNumber min={1} precision={0} disabled={fixed} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="unit"
            label="单位"
            extra={rule.policy === 'free' ? undefined : '计算单位由法律规定，不能改变'}
          >
            <Select options={unitOptions} disabled={rule.policy !== 'free'} />
          </Form.Item>
        </div>
        <Form.Item
          name="rollToWorkday"
          label="届满日遇休息日顺延"
          valuePropName="checked"
          extra={
            unit === 'workday' ? '以工作日计算的期限不涉及顺延' : '届满日为休息日的，顺延至其后第一个工作日'
          }
        >
          <Switch checkedChildren="顺延" unCheckedChildren="不顺延" disabled={fixed || unit === 'workday'} />
        </Form.Item>
        <Form.Item name="customWarn" label="预警提前量" valuePropName="checked">
          <Switch
            checkedChildren="自定义"
            unCheckedChildren={`默认（届满前${s.warnBefore ? amountText(s.warnBefore) : '3个工作日'}）`}
          />
        </Form.Item>
        {customWarn ? (
          <Form.Item label="届满前多久开始预警">
            <Space.Compact>
              <Form.Item
                name={['warnBefore', 'amount']}
                noStyle
                rules={[{ required: true, message: '请填写提前量' }]}
              >
                <InputNumber min={1} precision={0} aria-label="提前量" style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name={['warnBefore', 'unit']} noStyle>
                <Select options={unitOptions} aria-label="提前量单位" style={{ width: 120 }} />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label="说明"
          extra="改变期限时，须写明本地规定的名称和条款（如“××区行政许可承诺时限规定第三条”）"
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
