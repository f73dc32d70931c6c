import { Checkbox, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useFormErrors } from '../../api/forms.ts';
import { type DocumentFacts, normativeApi } from '../../api/normative.ts';
import { DOC_TYPES } from './normative.ui.ts';

interface Values {
  facts: Omit<DocumentFacts, 'legalBasis' | 'amends' | 'repeals'> & {
    legalBasis?: string;
    amends?: string;
    repeals?: string;
  };
  body: string;
  note?: string;
}

const lines = (s?: string) =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** 起草规范性文件: the document's facts and the first version of its text. */
export function NewDraftModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (c: { id: string; number: string }) => void;
}) {
  const [form] = Form.useForm<Values>();
  const onError = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const created = await normativeApi.create({
        facts: {
          ...v.facts,
          legalBasis: lines(v.facts.legalBasis),
          amends: lines(v.facts.amends),
          repeals: lines(v.facts.repeals),
          marketRelated: !!v.facts.marketRelated,
          interim: !!v.facts.interim,
        },
        body: v.body,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
      onCreated(created);
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title="起草规范性文件"
      okText="保存草案"
      okButtonProps={{ 'data-testid': 'normative-form-submit' } as Record<string, string>}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={860}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="normative-form"
        aria-label="起草规范性文件"
      >
        <Form.Item
          name={['facts', 'title']}
          label="文件名称"
          rules={[{ required: true, whitespace: true, message: '请填写文件名称' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <div className="fz-two-cols">
          <Form.Item
            name={['facts', 'issuerName']}
            label="制定机关"
            rules={[{ required: true, whitespace: true, message: '请填写制定机关' }]}
          >
            <Input maxLength={100} placeholder="如：示范区人民政府" />
          </Form.Item>
          <Form.Item
            name={['facts', 'issuerShort']}
            label="制定机关简称"
            extra="用于文号，如“示范府”"
            rules={[{ required: true, whitespace: true, message: '请填写制定机关简称' }]}
          >
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item
            name={['facts', 'docType']}
            label="文件类型"
            rules={[{ required: true, message: '请选择文件类型' }]}
          >
            <Select
              placeholder="请选择"
              options={Object.entries(DOC_TYPES).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item label="其他情形">
            <Form.Item name={['facts', 'marketRelated']} valuePropName="checked" noStyle>
              <Checkbox>与市场主体生产经营活动密切相关</Checkbox>
            </Form.Item>
            <Form.Item name={['facts', 'interim']} valuePropName="checked" noStyle>
              <Checkbox>暂行或试行</Checkbox>
            </Form.Item>
          </Form.Item>
        </div>
        <Form.Item
          name={['facts', 'legalBasis']}
          label="制定依据"
          extra="每行一项：法律、法规、规章或上级文件"
          rules={[{ required: true, whitespace: true, message: '请列明制定依据' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <div className="fz-two-cols">
          <Form.Item name={['facts', 'amends']} label="修改的文件" extra="每行一个文号">
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
          <Form.Item name={['facts', 'repeals']} label="废止的文件" extra="每行一个文号">
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
        </div>
        <Form.Item
          name="body"
          label="正文（第1版）"
          extra="每条单独成段；公开征求意见时按条提出意见"
          rules={[{ required: true, whitespace: true, message: '请填写正文' }]}
        >
          <Input.TextArea autoSize={{ minRows: 8, maxRows: 20 }} />
        </Form.Item>
        <Form.Item name="note" label="起草说明">
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
