import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, DatePicker, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { useFormErrors } from '../../api/forms.ts';
import type { CaseDetail, RecordKind } from '../../api/types.ts';
import { type CaseTypeUi, LEGAL_REVIEW_STAGES, RECORD_OUTCOME_LABELS } from './labels.ts';
import { type Blocked, BlockedAlert, blockedBy } from './problems.tsx';
import { cleanValues, dateField, today } from './SchemaFields.tsx';

/** The field names of records, for the form and for showing records on a case. */
export const RECORD_FIELD_LABELS: Record<string, string> = {
  stage: '审查环节',
  outcome: '结论',
  opinion: '审查意见',
  basis: '审查依据',
  step: '审批事项',
  comment: '审批意见',
  meetingType: '会议类型',
  date: '会议日期',
  attendees: '参会人员',
  opinions: '参会人员意见',
  chairStatement: '主持人总结',
  result: '讨论结果',
  overruleReason: '未采纳多数意见的理由',
};

const L = RECORD_FIELD_LABELS;
const outcomes = (values: string[]) =>
  values.map((v) => ({ value: v, label: RECORD_OUTCOME_LABELS[v] ?? v }));
const MEETING_TYPES = ['区政府常务会议', '区政府全体会议', '局长办公会议', '主任办公会议', '党组会议'].map(
  (v) => ({
    value: v,
  }),
);

/**
 * Adds a record to a case: a legality review opinion (合法性审查意见), an approval (审批), or the minutes of a
 * collective discussion (集体讨论) with each attendee's opinion and dissent. The engine's guards read them.
 */
export function RecordForm({
  caseId,
  kind,
  label,
  ui,
  onClose,
  onDone,
}: {
  caseId: string;
  kind: RecordKind;
  label: string;
  ui?: CaseTypeUi | undefined;
  onClose: () => void;
  onDone: (detail: CaseDetail) => void;
}) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const onError = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const [blocked, setBlocked] = useState<Blocked | null>(null);
  const steps = ui?.approvalSteps ?? [];

  const initial: Record<string, unknown> =
    kind === 'legal-review'
      ? { stage: 'unit' }
      : kind === 'approval'
        ? { step: steps.length === 1 ? steps[0]!.value : undefined }
        : { date: today(), attendees: [{}, {}, {}], opinions: [] };

  const finish = async (values: Record<string, unknown>) => {
    setSaving(true);
    setBlocked(null);
    try {
      const body = (cleanValues(values) ?? {}) as Record<string, unknown>;
      onDone(await api.workflow.addRecord(caseId, kind, body));
    } catch (e) {
      const b = blockedBy(e);
      if (b) setBlocked(b);
      else onError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={label}
      okText="保存"
      okButtonProps={{ 'data-testid': 'record-form-submit' } as Record<string, string>}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={kind === 'collective-discussion' ? 820 : 640}
    >
      <BlockedAlert blocked={blocked} />
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={finish}
        aria-label={label}
        data-testid="record-form"
      >
        {kind === 'legal-review' ? <LegalReviewFields /> : null}
        {kind === 'approval' ? <ApprovalFields steps={steps} /> : null}
        {kind === 'collective-discussion' ? <DiscussionFields /> : null}
      </Form>
    </Modal>
  );
}

function LegalReviewFields() {
  return (
    <>
      <div className="fz-two-cols">
        <Form.Item name="stage" label={L.stage} rules={[{ required: true, message: '请选择审查环节' }]}>
          <Select options={Object.entries(LEGAL_REVIEW_STAGES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="outcome" label={L.outcome} rules={[{ required: true, message: '请选择审查结论' }]}>
          <Radio.Group options={outcomes(['pass', 'pass-with-changes', 'fail'])} />
        </Form.Item>
      </div>
      <Form.Item
        name="opinion"
        label={L.opinion}
        rules={[{ required: true, whitespace: true, message: '请填写审查意见' }]}
      >
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item name="basis" label={L.basis} extra="所依据的法律、法规、规章条款，可不填">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </>
  );
}

function ApprovalFields({ steps }: { steps: { value: string; label: string }[] }) {
  return (
    <>
      <div className="fz-two-cols">
        <Form.Item
          name="step"
          label={L.step}
          rules={[{ required: true, whitespace: true, message: '请选择审批事项' }]}
        >
          {steps.length > 0 ? <Select options={steps} /> : <Input maxLength={50} />}
        </Form.Item>
        <Form.Item name="outcome" label={L.outcome} rules={[{ required: true, message: '请选择审批结论' }]}>
          <Radio.Group options={outcomes(['approved', 'rejected'])} />
        </Form.Item>
      </div>
      <Form.Item name="comment" label={L.comment}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
      </Form.Item>
    </>
  );
}

function DiscussionFields() {
  const form = Form.useFormInstance();
  const attendees = (Form.useWatch('attendees', form) ?? []) as { name?: string }[];
  const names = attendees.map((a) => a?.name?.trim()).filter((n): n is string => !!n);

  /** One opinion row per attendee, keeping what was already written. */
  const fillOpinions = () => {
    const current = (form.getFieldValue('opinions') ?? []) as { name?: string }[];
    const byName = new Map(current.filter((o) => o?.name).map((o) => [o.name, o]));
    form.setFieldValue(
      'opinions',
      names.map((name) => byName.get(name) ?? { name, dissent: false }),
    );
  };

  return (
    <>
      <div className="fz-two-cols">
        <Form.Item
          name="meetingType"
          label={L.meetingType}
          rules={[{ required: true, whitespace: true, message: '请填写会议类型' }]}
        >
          <AutoComplete options={MEETING_TYPES} maxLength={50} placeholder="如：区政府常务会议" />
        </Form.Item>
        <Form.Item
          name="date"
          label={L.date}
          rules={[{ required: true, message: '请选择会议日期' }]}
          {...dateField}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <Form.List
        name="attendees"
        rules={[
          {
            validator: async (_, v?: unknown[]) => {
              if ((v?.length ?? 0) < 3) throw new Error('集体讨论至少应有3名参会人员');
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <fieldset className="fz-fieldset">
            <legend>{L.attendees}</legend>
            {fields.map((f, i) => (
              <fieldset key={f.key} className="fz-list-row" aria-label={`参会人员第${i + 1}位`}>
                <div className="fz-two-cols">
                  <Form.Item
                    name={[f.name, 'name']}
                    label="姓名"
                    rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
                  >
                    <Input maxLength={50} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'title']} label="职务">
                    <Input maxLength={50} />
                  </Form.Item>
                </div>
                <Button
                  type="text"
                  danger
                  icon={<MinusCircleOutlined />}
                  aria-label={`删除第${i + 1}位参会人员`}
                  onClick={() => remove(f.name)}
                />
              </fieldset>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
              添加参会人员
            </Button>
            <Form.ErrorList errors={errors} />
          </fieldset>
        )}
      </Form.List>
      <Form.List
        name="opinions"
        rules={[
          {
            validator: async (_, v?: unknown[]) => {
              if ((v?.length ?? 0) < 1) throw new Error('应记录每位参会人员的意见');
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <fieldset className="fz-fieldset">
            <legend>{L.opinions}</legend>
            {fields.map((f, i) => (
              <fieldset key={f.key} className="fz-list-row" aria-label={`意见第${i + 1}条`}>
                <div className="fz-opinion-grid">
                  <Form.Item
                    name={[f.name, 'name']}
                    label="发言人"
                    rules={[{ required: true, whitespace: true, message: '请填写发言人' }]}
                  >
                    <AutoComplete options={names.map((value) => ({ value }))} maxLength={50} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'opinion']}
                    label="意见"
                    rules={[{ required: true, whitespace: true, message: '请填写意见' }]}
                  >
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dissent']} label="不同意见" valuePropName="checked">
                    <Switch checkedChildren="是" unCheckedChildren="否" />
                  </Form.Item>
                </div>
                <Button
                  type="text"
                  danger
                  icon={<MinusCircleOutlined />}
                  aria-label={`删除第${i + 1}条意见`}
                  onClick={() => remove(f.name)}
                />
              </fieldset>
            ))}
            <div style={{ display: 'flex', gap: 8 }}>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ dissent: false })}
                style={{ flex: 1 }}
              >
                添加意见
              </Button>
              <Button onClick={fillOpinions} disabled={names.length === 0}>
                按参会人员逐一列出
              </Button>
            </div>
            <Form.ErrorList errors={errors} />
          </fieldset>
        )}
      </Form.List>
      <Form.Item
        name="chairStatement"
        label={L.chairStatement}
        rules={[{ required: true, whitespace: true, message: '请填写主持人总结' }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item name="result" label={L.result} rules={[{ required: true, message: '请选择讨论结果' }]}>
        <Radio.Group options={outcomes(['approved', 'rejected', 'deferred'])} />
      </Form.Item>
      <Form.Item
        name="overruleReason"
        label={L.overruleReason}
        extra="主持人的决定与多数意见不一致时必须填写"
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </>
  );
}
