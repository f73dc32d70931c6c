import { App, Button, Card, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError, useFormSubmit } from '../../api/forms.ts';
import { type LegalityKind, legalityApi } from '../../api/normative.ts';
import { formatTime } from '../../shared/format.ts';
import { useMe } from '../../shared/me.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';

const stageTag = (twoStage: boolean) =>
  twoStage ? <Tag color="purple">双重审查（单位法制机构 → 司法局）</Tag> : <Tag>单位法制机构审查</Tag>;

/**
 * 双重审查设置: which kinds of review the district sends to the justice bureau after the unit's legal staff. Anyone
 * who reads the reviews sees it; holders of `legality.settings.manage` change it with a reason (logged). A change
 * applies to reviews requested after it.
 */
export function LegalityKindsCard() {
  const { can } = useMe();
  const { message } = App.useApp();
  const kinds = useRequest(legalityApi.kinds, []);
  const [editing, setEditing] = useState<LegalityKind | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, run } = useFormSubmit(form);
  const manage = can('legality.settings.manage');
  if (kinds.error) return <LoadFailed detail={describeError(kinds.error)} onRetry={kinds.reload} />;
  const save = () =>
    run(async () => {
      const { reason } = await form.validateFields();
      if (!editing) return;
      await legalityApi.setTwoStage(editing.code, { twoStage: !editing.twoStage, reason });
      message.success(`已调整“${editing.label}”的审查方式，此后提请的审查适用`);
      setEditing(null);
      form.resetFields();
      kinds.reload();
    });
  return (
    <Card title="双重审查设置" variant="borderless" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">
        哪些类型的事项在单位法制机构审查后还须报送司法局审查。调整记入透明日志，只适用于此后提请的审查；已在审查中的事项按提请时的设置办理。
      </Typography.Paragraph>
      <Table<LegalityKind>
        rowKey="code"
        size="small"
        loading={kinds.loading}
        dataSource={kinds.data?.kinds ?? []}
        pagination={false}
        data-testid="legality-kinds"
        columns={[
          { title: '审查类型', dataIndex: 'label' },
          { title: '本区审查方式', key: 'now', render: (_: unknown, k) => stageTag(k.twoStage) },
          {
            title: '默认',
            key: 'default',
            render: (_: unknown, k) => (k.defaultTwoStage ? '双重审查' : '单位审查'),
          },
          {
            title: '最近调整',
            key: 'changed',
            render: (_: unknown, k) =>
              k.changedAt ? `${formatTime(k.changedAt)} ${k.changedByName ?? ''}：${k.reason ?? ''}` : '—',
          },
          ...(manage
            ? [
                {
                  title: '操作',
                  key: 'op',
                  render: (_: unknown, k: LegalityKind) => (
                    <Button size="small" onClick={() => setEditing(k)} data-testid={`kind-toggle-${k.code}`}>
                      {k.twoStage ? '改为仅单位审查' : '改为双重审查'}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!editing}
        title={editing ? `调整“${editing.label}”的审查方式` : ''}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={save}
        onCancel={() => {
          setEditing(null);
          form.resetFields();
        }}
        destroyOnHidden
      >
        {editing ? (
          <Typography.Paragraph>
            由 {stageTag(editing.twoStage)} 改为 {stageTag(!editing.twoStage)}
          </Typography.Paragraph>
        ) : null}
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="调整理由" rules={[{ required: true, message: '请填写调整理由' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
