import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { api } from '../../api/endpoints.ts';
import { useFormSubmit } from '../../api/forms.ts';
import type { CaseDetail } from '../../api/types.ts';
import { useMe } from '../../shared/me.tsx';
import { dateField, today } from '../../shared/workflow/SchemaFields.tsx';
import { CLUE_SOURCES, PARTY_KINDS, PENALTY_CASE_TYPE } from './enforcement.ui.ts';
import { BodySelect, useBodies } from './selects.tsx';

interface Values {
  bodyId: string;
  source: string;
  clueReceivedOn: string;
  summary: string;
  party: {
    kind: 'person' | 'organisation';
    name: string;
    idNumber?: string;
    creditCode?: string;
    address?: string;
  };
  hearingThreshold?: number | null;
}

const blank = (s?: string) => (s?.trim() ? s.trim() : undefined);

/**
 * 登记案件线索 (the creation input of `enforcement.penalty-case`): the body that will handle it, where the clue
 * came from and when, what it is about and who the party is. The 15-working-day filing period starts from the day
 * the clue was received.
 */
export function ClueModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (c: CaseDetail) => void;
}) {
  const { me } = useMe();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormSubmit(form, {});
  const kind = Form.useWatch(['party', 'kind'], form) ?? 'person';
  const person = kind === 'person';
  const bodies = useBodies();
  // The officer's own body, when they sit in one.
  useEffect(() => {
    const own = bodies.data?.items.find((b) => b.unitId === me?.unitId);
    if (own && !form.getFieldValue('bodyId')) form.setFieldValue('bodyId', own.id);
  }, [bodies.data, me?.unitId, form]);

  const submit = async (v: Values) => {
    await run(async () => {
      const p = v.party;
      const created = await api.workflow.create({
        type: PENALTY_CASE_TYPE,
        data: {
          bodyId: v.bodyId,
          source: v.source,
          clueReceivedOn: v.clueReceivedOn,
          summary: v.summary.trim(),
          party: {
            kind: p.kind,
            name: p.name.trim(),
            ...(person && blank(p.idNumber) ? { idNumber: blank(p.idNumber) } : {}),
            ...(!person && blank(p.creditCode) ? { creditCode: blank(p.creditCode)?.toUpperCase() } : {}),
            ...(blank(p.address) ? { address: blank(p.address) } : {}),
          },
          ...(v.hearingThreshold ? { hearingThreshold: v.hearingThreshold } : {}),
        },
      });
      onCreated(created);
    });
  };

  return (
    <Modal
      open
      title="登记案件线索"
      okText="登记"
      okButtonProps={{ 'data-testid': 'clue-form-submit' } as Record<string, string>}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={720}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        aria-label="登记案件线索"
        data-testid="clue-form"
        initialValues={{ clueReceivedOn: today(), party: { kind: 'person', name: '' } }}
      >
        <div className="fz-two-cols">
          <Form.Item name="bodyId" label="执法主体" rules={[{ required: true, message: '请选择执法主体' }]}>
            <BodySelect />
          </Form.Item>
          <Form.Item name="source" label="线索来源" rules={[{ required: true, message: '请选择线索来源' }]}>
            <Select placeholder="请选择" options={CLUE_SOURCES.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
          <Form.Item
            name="clueReceivedOn"
            label="收到线索日期"
            extra="立案期限自发现线索或收到材料之日起计算"
            rules={[{ required: true, message: '请选择收到线索的日期' }]}
            {...dateField}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </div>
        <Form.Item
          name="summary"
          label="线索摘要"
          extra="涉嫌违法的行为、时间、地点及线索来源的简要情况"
          rules={[{ required: true, whitespace: true, message: '请填写线索摘要' }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
        </Form.Item>
        <fieldset className="fz-fieldset">
          <legend>当事人</legend>
          <Form.Item name={['party', 'kind']} label="当事人类型" rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={Object.entries(PARTY_KINDS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <div className="fz-two-cols">
            <Form.Item
              name={['party', 'name']}
              label={person ? '姓名' : '名称'}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: person ? '请填写当事人姓名' : '请填写当事人名称',
                },
              ]}
            >
              <Input maxLength={100} />
            </Form.Item>
            {person ? (
              <Form.Item key="idNumber" name={['party', 'idNumber']} label="身份证号">
                <Input maxLength={18} autoComplete="off" />
              </Form.Item>
            ) : (
              <Form.Item
                key="creditCode"
                name={['party', 'creditCode']}
                label="统一社会信用代码"
                rules={[{ required: true, whitespace: true, message: '请填写统一社会信用代码' }]}
              >
                <Input maxLength={18} autoComplete="off" />
              </Form.Item>
            )}
            <Form.Item name={['party', 'address']} label="住所（地址）">
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              name="hearingThreshold"
              label="本地“较大数额”标准（元）"
              extra="不填则按公民1万元、组织10万元"
            >
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </div>
        </fieldset>
      </Form>
    </Modal>
  );
}
