import { DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { useFormErrors } from '../../api/forms.ts';
import type { CaseDetail } from '../../api/types.ts';
import { useMe } from '../../shared/me.tsx';
import { UnitTreeSelect } from '../../shared/UnitTreeSelect.tsx';
import { dateField, today } from '../../shared/workflow/SchemaFields.tsx';
import { APPLICANT_KINDS, CHANNELS } from './disclosure.ui.ts';

interface Values {
  unitId?: string;
  data: {
    applicant: {
      kind: 'person' | 'organisation';
      name: string;
      idNumber?: string;
      creditCode?: string;
      phone?: string;
      address?: string;
    };
    receivedOn: string;
    channel: string;
    description: string;
  };
}

const blank = (s?: string) => (s?.trim() ? s.trim() : undefined);

/**
 * Registers a disclosure request (政府信息公开条例第二十九条): who applies (a citizen with an ID number, or an
 * organisation with its unified social credit code), when and how it arrived, and what is asked for. The
 * 20-working-day reply period starts from the day it was received.
 */
export function DisclosureRequestModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (c: CaseDetail) => void;
}) {
  const { me, can } = useMe();
  const [form] = Form.useForm<Values>();
  const onError = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch(['data', 'applicant', 'kind'], form) ?? 'person';
  const person = kind === 'person';

  const submit = async (v: Values) => {
    setSaving(true);
    const a = v.data.applicant;
    try {
      const created = await api.workflow.create({
        type: 'disclosure.request',
        ...(v.unitId ? { unitId: v.unitId } : {}),
        data: {
          applicant: {
            kind: a.kind,
            name: a.name.trim(),
            ...(person && blank(a.idNumber) ? { idNumber: blank(a.idNumber) } : {}),
            ...(!person && blank(a.creditCode) ? { creditCode: blank(a.creditCode)?.toUpperCase() } : {}),
            ...(blank(a.phone) ? { phone: blank(a.phone) } : {}),
            ...(blank(a.address) ? { address: blank(a.address) } : {}),
          },
          receivedOn: v.data.receivedOn,
          channel: v.data.channel,
          description: v.data.description.trim(),
        },
      });
      onCreated(created);
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };

  const initial: Partial<Values> = {
    unitId: me?.unitId ?? undefined,
    data: {
      applicant: { kind: 'person', name: '' },
      receivedOn: today(),
      channel: undefined as unknown as string,
      description: '',
    },
  };

  return (
    <Modal
      open
      title="登记政府信息公开申请"
      okText="登记"
      okButtonProps={{ 'data-testid': 'disclosure-form-submit' } as Record<string, string>}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={720}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        aria-label="登记政府信息公开申请"
        data-testid="disclosure-form"
      >
        <fieldset className="fz-fieldset">
          <legend>申请人</legend>
          <Form.Item name={['data', 'applicant', 'kind']} label="申请人类型" rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={Object.entries(APPLICANT_KINDS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <div className="fz-two-cols">
            <Form.Item
              name={['data', 'applicant', 'name']}
              label={person ? '姓名' : '名称'}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: person ? '请填写申请人姓名' : '请填写申请单位名称',
                },
              ]}
            >
              <Input maxLength={100} />
            </Form.Item>
            {person ? (
              <Form.Item
                key="idNumber"
                name={['data', 'applicant', 'idNumber']}
                label="身份证号"
                extra="18位公民身份号码"
              >
                <Input maxLength={18} autoComplete="off" />
              </Form.Item>
            ) : (
              <Form.Item
                key="creditCode"
                name={['data', 'applicant', 'creditCode']}
                label="统一社会信用代码"
                extra="18位，法人或其他组织申请时必填"
                rules={[{ required: true, whitespace: true, message: '请填写统一社会信用代码' }]}
              >
                <Input maxLength={18} autoComplete="off" />
              </Form.Item>
            )}
            <Form.Item name={['data', 'applicant', 'phone']} label="联系电话">
              <Input maxLength={11} inputMode="numeric" />
            </Form.Item>
            <Form.Item name={['data', 'applicant', 'address']} label="通讯地址">
              <Input maxLength={200} />
            </Form.Item>
          </div>
        </fieldset>
        <div className="fz-two-cols">
          <Form.Item
            name={['data', 'receivedOn']}
            label="收到申请日期"
            extra="答复期限自收到申请之日起计算（第三十一条）"
            rules={[{ required: true, message: '请选择收到申请的日期' }]}
            {...dateField}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item
            name={['data', 'channel']}
            label="申请方式"
            rules={[{ required: true, message: '请选择申请方式' }]}
          >
            <Select
              placeholder="请选择"
              options={Object.entries(CHANNELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        </div>
        <Form.Item
          name={['data', 'description']}
          label="申请公开的政府信息"
          extra="政府信息的名称、文号或便于查询的其他特征性描述"
          rules={[{ required: true, whitespace: true, message: '请填写申请公开的政府信息' }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
        </Form.Item>
        {can('org.unit.read') ? (
          <Form.Item name="unitId" label="承办单位" extra="默认为您所在的单位">
            <UnitTreeSelect allowClear={false} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
