import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Modal,
  Popconfirm,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { describeError, useErrorHandler } from '../../api/forms.ts';
import type { ApiToken } from '../../api/types.ts';
import { formatTime } from '../../shared/format.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { TokenFormModal } from './TokenFormModal.tsx';

function tokenState(t: ApiToken) {
  if (t.revokedAt) return <Tag>已吊销</Tag>;
  if (t.expiresAt && dayjs(t.expiresAt).isBefore(dayjs())) return <Tag color="orange">已过期</Tag>;
  return <Tag color="green">有效</Tag>;
}

/** 接口令牌: tokens integration systems use to call the API. */
export function TokensPage() {
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const tokens = useRequest(api.tokens.list, []);
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<{ token: string; name: string } | null>(null);

  if (tokens.error) return <LoadFailed detail={describeError(tokens.error)} onRetry={tokens.reload} />;

  const revoke = async (t: ApiToken) => {
    try {
      await api.tokens.revoke(t.id);
      message.success(`令牌“${t.name}”已吊销`);
      tokens.reload();
    } catch (e) {
      onError(e);
    }
  };

  const columns: TableColumnsType<ApiToken> = [
    {
      title: '名称',
      dataIndex: 'name',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      title: '令牌前缀',
      dataIndex: 'prefix',
      render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
    },
    { title: '代表用户', dataIndex: 'username' },
    { title: '状态', key: 'state', render: (_: unknown, t) => tokenState(t) },
    { title: '签发时间', dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
    { title: '到期时间', dataIndex: 'expiresAt', render: (v: string | null) => formatTime(v, '长期') },
    { title: '最近使用', dataIndex: 'lastUsedAt', render: (v: string | null) => formatTime(v, '从未使用') },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, t) =>
        t.revokedAt ? (
          <Typography.Text type="secondary">于 {formatTime(t.revokedAt)} 吊销</Typography.Text>
        ) : (
          <Popconfirm
            title={`吊销令牌“${t.name}”？`}
            description="吊销后使用该令牌的系统将立即无法调用接口，且不能恢复。"
            okText="吊销"
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke(t)}
          >
            <Button type="link" size="small" danger>
              吊销
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="接口令牌"
        subTitle="供其他系统以 Authorization: Bearer 方式调用本平台接口"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            签发令牌
          </Button>
        }
      />
      <Card variant="borderless" role="region" aria-label="接口令牌列表" data-testid="tokens-table">
        <Table<ApiToken>
          rowKey="id"
          size="middle"
          loading={tokens.loading}
          dataSource={tokens.data ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '尚未签发接口令牌' }}
        />
      </Card>
      {creating ? (
        <TokenFormModal
          onClose={() => setCreating(false)}
          onCreated={(t) => {
            setCreating(false);
            setIssued(t);
            tokens.reload();
          }}
        />
      ) : null}
      <Modal
        open={!!issued}
        title={`令牌已签发：${issued?.name ?? ''}`}
        mask={{ closable: false }}
        onCancel={() => setIssued(null)}
        footer={
          <Button type="primary" onClick={() => setIssued(null)}>
            我已妥善保存
          </Button>
        }
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="令牌只显示这一次"
          description="请立即复制并保存到使用它的系统中。关闭后无法再次查看；如遗失，请吊销后重新签发。"
        />
        <Typography.Paragraph
          copyable={{ text: issued?.token ?? '', tooltips: ['复制令牌', '已复制'] }}
          code
          style={{ wordBreak: 'break-all', fontSize: 13 }}
          data-testid="issued-token"
        >
          {issued?.token}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
