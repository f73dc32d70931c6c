import { Alert, Descriptions, Result, Skeleton, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client.ts';
import { enforcementApi } from '../api/enforcement.ts';
import { describeError } from '../api/forms.ts';
import { useRequest } from '../shared/useRequest.ts';
import { PortalFrame, usePortalTenant } from './PortalFrame.tsx';

/** One published penalty decision: its public text, or that it was withdrawn and why. */
export function PublicDecisionPage() {
  const { id = '' } = useParams();
  const { tenant } = usePortalTenant();
  const r = useRequest(() => enforcementApi.public.decision(id, tenant?.id), [id, tenant?.id], !!tenant);
  const d = r.data;
  return (
    <PortalFrame title="行政处罚决定公示">
      <div className="pt-panel" data-testid="public-decision">
        <Typography.Paragraph>
          <Link to="/public/enforcement?tab=decisions">← 返回行政处罚决定列表</Link>
        </Typography.Paragraph>
        {r.error ? (
          isApiError(r.error) && r.error.status === 404 ? (
            <Result status="404" title="决定不存在或未公开" subTitle={r.error.detail} />
          ) : (
            <Alert type="error" showIcon title="加载失败" description={describeError(r.error)} />
          )
        ) : !d ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {d.number} {d.status === 'withdrawn' ? <Tag>已撤回</Tag> : <Tag color="success">已公开</Tag>}
            </Typography.Title>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              style={{ marginBottom: 16 }}
              items={[
                { key: 'party', label: '当事人', children: d.partyName },
                { key: 'matter', label: '执法事项', children: d.matterName },
                { key: 'body', label: '执法主体', children: d.bodyName },
                { key: 'penalty', label: '处罚内容', children: d.penaltySummary },
                { key: 'decided', label: '决定日期', children: d.decidedOn },
                { key: 'published', label: '公开日期', children: d.publishedOn ?? '—' },
              ]}
            />
            {d.status === 'withdrawn' ? (
              <Alert
                type="warning"
                showIcon
                title={`已撤回${d.withdrawnOn ? `（${d.withdrawnOn}）` : ''}`}
                description={d.withdrawalReason ? `撤回理由：${d.withdrawalReason}` : undefined}
                data-testid="decision-withdrawn"
              />
            ) : (
              <div className="pt-decision-text" data-testid="decision-text">
                {d.publicText ?? '—'}
              </div>
            )}
          </>
        )}
      </div>
    </PortalFrame>
  );
}
