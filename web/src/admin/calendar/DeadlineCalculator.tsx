import { Button, Card, DatePicker, Form, InputNumber, Select, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { useFormErrors } from '../../api/forms.ts';
import type { AddResult, AddUnit } from '../../api/types.ts';
import { dateField, today } from '../../shared/workflow/SchemaFields.tsx';

const UNITS: { value: AddUnit; label: string }[] = [
  { value: 'workday', label: '个工作日' },
  { value: 'day', label: '日（自然日）' },
  { value: 'month', label: '个月' },
];

interface Values {
  date: string;
  amount: number;
  unit: AddUnit;
}

/**
 * 期限计算: a date plus working days, days or months on the loaded calendar, as the statutory clocks count
 * (the start day is not counted; for days and months a last day on a rest day moves to the next working day).
 */
export function DeadlineCalculator() {
  const [form] = Form.useForm<Values>();
  const onError = useFormErrors(form);
  const [result, setResult] = useState<AddResult | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      setResult(await api.calendar.add(v));
    } catch (e) {
      setResult(null);
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="期限计算" variant="borderless" data-testid="deadline-calculator">
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ date: today(), amount: 20, unit: 'workday' }}
        onFinish={submit}
        onValuesChange={() => setResult(null)}
        aria-label="期限计算"
      >
        <Form.Item
          name="date"
          label="起算日"
          rules={[{ required: true, message: '请选择起算日' }]}
          {...dateField}
        >
          <DatePicker style={{ width: '100%' }} data-testid="calc-date" />
        </Form.Item>
        <div className="fz-two-cols" style={{ gridTemplateColumns: '1fr 1fr' }}>
          <Form.Item name="amount" label="期间" rules={[{ required: true, message: '请填写期间' }]}>
            <InputNumber
              min={0}
              max={3660}
              precision={0}
              style={{ width: '100%' }}
              data-testid="calc-amount"
            />
          </Form.Item>
          <Form.Item name="unit" label="单位" rules={[{ required: true }]}>
            <Select options={UNITS} data-testid="calc-unit" aria-label="单位" />
          </Form.Item>
        </div>
        <Button type="primary" htmlType="submit" loading={busy} block>
          计算届满日
        </Button>
      </Form>
      {result ? (
        <div className="fz-calc-result" role="status" aria-live="polite">
          <Typography.Text type="secondary">届满日</Typography.Text>
          <div>
            <span className="fz-calc-date" data-testid="calc-result">
              {result.result}
            </span>
            <Typography.Text style={{ marginInlineStart: 8 }}>{result.weekdayName}</Typography.Text>
          </div>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }} data-testid="calc-text">
            {result.text}
          </Typography.Paragraph>
        </div>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        期间开始之日不计算在内；以日、月计算的期间，届满日为法定休假日的，顺延至休假日后的第一个工作日。
      </Typography.Paragraph>
    </Card>
  );
}
