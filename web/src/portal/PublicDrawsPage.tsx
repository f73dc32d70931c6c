import { Alert, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { describeError } from '../api/forms.ts';
import { inspectionApi, type PublicDrawSummary } from '../api/inspection.ts';
import { formatTime } from '../shared/format.ts';
import { useRequest } from '../shared/useRequest.ts';
import { PortalFrame, usePortalTenant } from './PortalFrame.tsx';

/** 双随机抽查公示: every task's draw with its inputs, newest first. */
export function PublicDrawsPage() {
  const { tenant } = usePortalTenant();
  const r = useRequest(() => inspectionApi.public.draws(tenant?.id), [tenant?.id], !!tenant);
  return (
    <PortalFrame title="双随机抽查公示">
      <div className="pt-panel" data-testid="public-draws">
        <Typography.Paragraph type="secondary">
          每个抽查任务在抽取之前公布抽取池（按统一社会信用代码排序）、抽取数量和将来才产生的公开随机源；随机源产生后按
          RFC 3797 抽取。任何人都可以用公布的输入复算抽取结果。
        </Typography.Paragraph>
        {r.error ? (
          <Alert type="error" showIcon title="加载失败" description={describeError(r.error)} />
        ) : null}
        <Table<PublicDrawSummary>
          rowKey="id"
          loading={r.loading}
          dataSource={r.data ?? []}
          columns={[
            {
              title: '抽查任务',
              dataIndex: 'title',
              render: (v: string, d) => <Link to={`/public/inspection/draws/${d.id}`}>{v}</Link>,
            },
            { title: '公布时间', dataIndex: 'publishedAt', render: (v: string) => formatTime(v) },
            { title: '抽取池', dataIndex: 'poolSize', align: 'right' },
            { title: '抽取数', dataIndex: 'pick', align: 'right' },
            {
              title: '随机源',
              dataIndex: 'sources',
              render: (v: PublicDrawSummary['sources'], d) =>
                v.map((s, i) => (
                  <div key={s.description}>
                    {s.description}（{s.availableOn}）{d.sourceValues ? `：${d.sourceValues[i]}` : ''}
                  </div>
                )),
            },
            {
              title: '状态',
              dataIndex: 'status',
              render: (v: string) =>
                v === 'published' ? <Tag color="blue">待抽取</Tag> : <Tag color="green">已抽取</Tag>,
            },
          ]}
        />
      </div>
    </PortalFrame>
  );
}
