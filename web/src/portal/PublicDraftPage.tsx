import { Alert, App, Button, Card, Form, Input, Result, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client.ts';
import { describeError, useFormErrors } from '../api/forms.ts';
import { publicNormativeApi } from '../api/normative.ts';
import { useRequest } from '../shared/useRequest.ts';
import { PortalFrame, usePortalTenant } from './PortalFrame.tsx';

interface Values {
  content: string;
  name?: string;
}

function ClauseCommentForm({
  draftId,
  clauseNo,
  tenant,
  onDone,
}: {
  draftId: string;
  clauseNo: number;
  tenant: string;
  onDone: (commenter: string) => void;
}) {
  const [form] = Form.useForm<Values>();
  const onError = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const r = await publicNormativeApi.comment(
        draftId,
        { clauseNo, content: v.content, ...(v.name?.trim() ? { name: v.name.trim() } : {}) },
        tenant,
      );
      form.resetFields();
      onDone(r.commenter);
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      data-testid={`public-comment-form-${clauseNo}`}
      aria-label={`对第${clauseNo}条提出意见`}
    >
      <Form.Item
        name="content"
        label={`对第${clauseNo}条的意见`}
        rules={[{ required: true, whitespace: true, message: '请填写意见' }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="name" label="姓名（选填，公开时隐去名字）">
        <Input maxLength={50} style={{ maxWidth: 240 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="public-comment-submit">
        提交意见
      </Button>
    </Form>
  );
}

/** 公开征求意见: a draft's text clause by clause, each with its own comment form. */
export function PublicDraftPage() {
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const { tenant } = usePortalTenant();
  const r = useRequest(() => publicNormativeApi.draft(id, tenant?.id), [id, tenant?.id], !!tenant);
  const [open, setOpen] = useState<number | null>(null);
  const d = r.data;
  return (
    <PortalFrame title="规范性文件草案公开征求意见">
      <div className="pt-panel" data-testid="public-draft">
        <Typography.Paragraph>
          <Link to="/public/normative?tab=drafts">← 返回征求意见列表</Link>
        </Typography.Paragraph>
        {r.error ? (
          isApiError(r.error) && r.error.status === 404 ? (
            <Result status="404" title="草案不存在或征求意见已结束" subTitle={r.error.detail} />
          ) : (
            <Alert type="error" showIcon title="加载失败" description={describeError(r.error)} />
          )
        ) : !d || !tenant ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <>
            <Typography.Title level={3} style={{ marginTop: 0, textAlign: 'center' }}>
              {d.title}（征求意见稿）
            </Typography.Title>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={`${d.issuerName}公开征求意见，期限为 ${d.startOn} 至 ${d.endOn}`}
              description="请在对应条款下提出意见；每条意见都将作出采纳、部分采纳或不予采纳的处理并说明理由。"
            />
            {d.clauses.map((text, i) => {
              const no = i + 1;
              return (
                <Card
                  key={no}
                  size="small"
                  style={{ marginBottom: 12 }}
                  data-testid={`public-clause-${no}`}
                  extra={
                    open === no ? null : (
                      <Button
                        size="small"
                        onClick={() => setOpen(no)}
                        data-testid={`public-clause-comment-${no}`}
                      >
                        对本条提意见
                      </Button>
                    )
                  }
                  title={`第${no}条`}
                >
                  <div style={{ whiteSpace: 'pre-wrap', marginBottom: open === no ? 12 : 0 }}>{text}</div>
                  {open === no ? (
                    <ClauseCommentForm
                      draftId={d.id}
                      clauseNo={no}
                      tenant={tenant.id}
                      onDone={(who) => {
                        message.success(`意见已提交（${who}），感谢参与`);
                        setOpen(null);
                      }}
                    />
                  ) : null}
                </Card>
              );
            })}
          </>
        )}
      </div>
    </PortalFrame>
  );
}
