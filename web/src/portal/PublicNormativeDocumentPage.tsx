import { Alert, Descriptions, Result, Skeleton, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client.ts';
import { describeError } from '../api/forms.ts';
import { publicNormativeApi, REGISTER_STATUS } from '../api/normative.ts';
import { useRequest } from '../shared/useRequest.ts';
import { PortalFrame, usePortalTenant } from './PortalFrame.tsx';

/** One published normative document: its number, dates, status and full text. */
export function PublicNormativeDocumentPage() {
  const { id = '' } = useParams();
  const { tenant } = usePortalTenant();
  const r = useRequest(() => publicNormativeApi.document(id, tenant?.id), [id, tenant?.id], !!tenant);
  const d = r.data;
  return (
    <PortalFrame title="行政规范性文件">
      <div className="pt-panel" data-testid="public-normative-document">
        <Typography.Paragraph>
          <Link to="/public/normative">← 返回现行有效文件</Link>
        </Typography.Paragraph>
        {r.error ? (
          isApiError(r.error) && r.error.status === 404 ? (
            <Result status="404" title="文件不存在或未公布" subTitle={r.error.detail} />
          ) : (
            <Alert type="error" showIcon title="加载失败" description={describeError(r.error)} />
          )
        ) : !d ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <>
            <Typography.Title level={3} style={{ marginTop: 0, textAlign: 'center' }}>
              {d.title}
            </Typography.Title>
            <Typography.Paragraph style={{ textAlign: 'center' }}>
              {d.number}{' '}
              <Tag
                color={d.status === 'in-force' ? 'success' : 'default'}
                data-testid="public-normative-status"
              >
                {d.status === 'in-force' ? '现行有效' : (REGISTER_STATUS[d.status] ?? d.status)}
              </Tag>
            </Typography.Paragraph>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              style={{ marginBottom: 16 }}
              items={[
                { key: 'issuer', label: '制定机关', children: d.issuerName },
                { key: 'published', label: '公布日期', children: d.publishedOn ?? '—' },
                { key: 'effective', label: '施行日期', children: d.effectiveOn ?? '—' },
                { key: 'expires', label: '有效期至', children: d.expiresOn ?? '—' },
              ]}
            />
            <div className="pt-decision-text" data-testid="public-normative-text">
              {d.body}
            </div>
          </>
        )}
      </div>
    </PortalFrame>
  );
}
