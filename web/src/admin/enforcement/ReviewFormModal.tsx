import { Alert, DatePicker, Form, Input, InputNumber, Modal, Skeleton, Tag, Typography } from 'antd';
import {
  type CaseReview,
  enforcementViewsApi,
  GRADE_COLOURS,
  GRADE_LABELS,
  type Grade,
  type ReviewCandidate,
  type ScoreSheet,
} from '../../api/enforcement-views.ts';
import { describeError, useFormSubmit } from '../../api/forms.ts';
import { useRequest } from '../../shared/useRequest.ts';
import { dateField, today } from '../../shared/workflow/SchemaFields.tsx';

interface Values {
  reviewedOn: string;
  items: { key: string; score: number | null; reason?: string }[];
  comment?: string;
  rectification?: string;
}

const gradeOf = (total: number, t: ScoreSheet['thresholds']): Grade =>
  total >= t.excellent ? 'excellent' : total >= t.pass ? 'pass' : 'fail';

/**
 * 案卷评查评分表: one row per item of the district's score sheet (full marks to start), a reason whenever points
 * are deducted, the total and grade as they stand, the overall comment, and the rectification required for 不合格.
 */
export function ReviewFormModal({
  target,
  onClose,
  onDone,
}: {
  target: Pick<ReviewCandidate, 'id' | 'number' | 'title'>;
  onClose: () => void;
  onDone: (r: CaseReview) => void;
}) {
  const sheet = useRequest(enforcementViewsApi.scoreSheet, []);
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormSubmit(form);
  const items = (Form.useWatch('items', form) ?? []) as Values['items'];
  const s = sheet.data;
  const total = items.reduce((sum, it) => sum + (typeof it?.score === 'number' ? it.score : 0), 0);
  const grade = s ? gradeOf(total, s.thresholds) : null;

  const submit = (v: Values) =>
    run(async () => {
      onDone(
        await enforcementViewsApi.createReview(target.id, {
          reviewedOn: v.reviewedOn,
          items: v.items.map((it) => ({
            key: it.key,
            score: it.score ?? Number.NaN,
            reason: it.reason?.trim() || undefined,
          })),
          comment: v.comment ?? '',
          rectification: v.rectification?.trim() || undefined,
        }),
      );
    });

  return (
    <Modal
      open
      title={`案卷评查：${target.number}`}
      okText="保存评查结果"
      okButtonProps={{ 'data-testid': 'review-form-submit' } as Record<string, string>}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={820}
    >
      <Typography.Paragraph type="secondary" ellipsis>
        {target.title}
      </Typography.Paragraph>
      {sheet.error ? <Alert type="error" showIcon message={describeError(sheet.error)} /> : null}
      {!s ? (
        <Skeleton active />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          aria-label="案卷评查评分表"
          data-testid="review-form"
          initialValues={{
            reviewedOn: today(),
            items: s.items.map((it) => ({ key: it.key, score: it.max })),
          }}
        >
          <Form.Item
            name="reviewedOn"
            label="评查日期"
            rules={[{ required: true, message: '请选择评查日期' }]}
            {...dateField}
          >
            <DatePicker style={{ width: 200 }} />
          </Form.Item>
          <table className="fz-score-sheet" aria-label="评分表">
            <thead>
              <tr>
                <th style={{ width: 150 }}>评查项目</th>
                <th style={{ width: 70 }}>分值</th>
                <th style={{ width: 110 }}>得分</th>
                <th>扣分理由</th>
              </tr>
            </thead>
            <tbody>
              {s.items.map((it, i) => {
                const score = items[i]?.score;
                const deducted = typeof score === 'number' && score < it.max;
                return (
                  <tr key={it.key} data-testid={`score-row-${it.key}`}>
                    <td>
                      <Form.Item name={['items', i, 'key']} hidden>
                        <Input />
                      </Form.Item>
                      {it.label}
                    </td>
                    <td>{it.max}</td>
                    <td>
                      <Form.Item
                        name={['items', i, 'score']}
                        rules={[{ required: true, message: '请评分' }]}
                        style={{ margin: 0 }}
                      >
                        <InputNumber
                          min={0}
                          max={it.max}
                          step={0.5}
                          aria-label={`${it.label}得分`}
                          style={{ width: 96 }}
                        />
                      </Form.Item>
                    </td>
                    <td>
                      <Form.Item
                        name={['items', i, 'reason']}
                        style={{ margin: 0 }}
                        dependencies={[['items', i, 'score']]}
                        rules={[
                          {
                            validator: async (_, v?: string) => {
                              if (deducted && !v?.trim()) throw new Error('扣分的，应写明扣分理由');
                            },
                          },
                        ]}
                      >
                        <Input.TextArea
                          autoSize={{ minRows: 1, maxRows: 3 }}
                          maxLength={500}
                          aria-label={`${it.label}扣分理由`}
                          placeholder={deducted ? '请写明扣分理由' : '满分无须填写'}
                        />
                      </Form.Item>
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th>合计</th>
                <td>{s.total}</td>
                <td data-testid="review-total">{total} 分</td>
                <td>
                  {grade ? (
                    <Tag color={GRADE_COLOURS[grade]} data-testid="review-grade">
                      {GRADE_LABELS[grade]}
                    </Tag>
                  ) : null}
                  <Typography.Text type="secondary">
                    优秀 ≥ {s.thresholds.excellent} 分，合格 ≥ {s.thresholds.pass} 分，低于{' '}
                    {s.thresholds.pass} 分为不合格
                  </Typography.Text>
                </td>
              </tr>
            </tfoot>
          </table>
          <Form.Item
            name="comment"
            label="总体评价"
            rules={[{ required: true, whitespace: true, message: '请填写总体评价' }]}
            style={{ marginTop: 16 }}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item
            name="rectification"
            label="整改要求"
            extra="评查结果为不合格的，必须提出整改要求"
            dependencies={['items']}
            rules={[
              {
                validator: async (_, v?: string) => {
                  if (grade === 'fail' && !v?.trim()) throw new Error('评查结果为不合格，应提出整改要求');
                },
              },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
