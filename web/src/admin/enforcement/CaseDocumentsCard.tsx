import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { downloadFile } from '../../api/client.ts';
import { type CaseDocumentInfo, enforcementApi } from '../../api/enforcement.ts';
import { describeError, useErrorHandler } from '../../api/forms.ts';
import type { CaseDetail } from '../../api/types.ts';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';

/**
 * 文书: the documents a penalty case's progress calls for, filled from the case and its body's particulars with the
 * district's templates; each downloads as DOCX, or lists what is still missing.
 */
export function CaseDocumentsCard({ detail }: { detail: CaseDetail }) {
  const onError = useErrorHandler();
  // Reloaded when the case moves on (a step adds documents or the values they need).
  const docs = useRequest(() => enforcementApi.caseDocuments(detail.id), [detail.id, detail.version]);
  const [busy, setBusy] = useState<string | null>(null);

  const download = async (d: CaseDocumentInfo) => {
    setBusy(d.code);
    try {
      await downloadFile('GET', enforcementApi.caseDocumentUrl(detail.id, d.code), `${d.name}.docx`);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title="文书" variant="borderless" data-testid="case-documents">
      {docs.error ? <LoadFailed detail={describeError(docs.error)} onRetry={docs.reload} /> : null}
      <List<CaseDocumentInfo>
        loading={docs.loading}
        dataSource={docs.data?.documents ?? []}
        locale={{ emptyText: <Empty description="办理进度尚不需要制作文书" /> }}
        renderItem={(d) => (
          <List.Item
            data-testid={`case-document-${d.code}`}
            actions={[
              <Button
                key="download"
                size="small"
                icon={<DownloadOutlined />}
                disabled={d.status !== 'ready'}
                loading={busy === d.code}
                onClick={() => download(d)}
              >
                下载
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <>
                  {d.name}{' '}
                  {d.status === 'ready' ? (
                    <Tag color="green">可生成</Tag>
                  ) : (
                    <Tag color="orange">缺少信息</Tag>
                  )}
                </>
              }
              description={
                d.missing.length > 0 ? (
                  <Typography.Text type="secondary">
                    缺少：{d.missing.map((m) => m.meaning.split('，')[0]).join('；')}
                  </Typography.Text>
                ) : null
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
