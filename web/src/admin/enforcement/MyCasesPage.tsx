import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Statistic } from 'antd';
import { useState } from 'react';
import { enforcementViewsApi } from '../../api/enforcement-views.ts';
import { describeError } from '../../api/forms.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { SECTIONS } from '../nav.tsx';
import { colourCounts, WorkTable } from './WorkTable.tsx';

/** 我的案件: the officer's open penalty and summary cases, nearest deadline first. */
export function MyCasesPage() {
  const [all, setAll] = useState(false);
  const list = useRequest(() => enforcementViewsApi.myCases(all), [all]);
  if (list.error) return <LoadFailed detail={describeError(list.error)} onRetry={list.reload} />;
  const items = list.data?.items ?? [];
  const counts = colourCounts(items);
  return (
    <>
      <PageHeader
        title="我的案件"
        subTitle="本人承办或参与调查的在办行政处罚案件；红色已逾期，橙色3个工作日内到期，蓝色在期限内"
        extra={
          <>
            <Segmented
              value={all ? 'all' : 'mine'}
              onChange={(v) => setAll(v === 'all')}
              options={[
                { value: 'mine', label: '本人案件' },
                { value: 'all', label: '本单位在办案件' },
              ]}
            />
            <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading}>
              刷新
            </Button>
          </>
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Flex gap={48} wrap>
          <Statistic title="在办案件" value={items.length} suffix="件" />
          <Statistic title="已逾期" value={counts.red} suffix="件" valueStyle={{ color: '#cf1322' }} />
          <Statistic
            title="3个工作日内到期"
            value={counts.orange}
            suffix="件"
            valueStyle={{ color: '#d46b08' }}
          />
          <Statistic title="期限内" value={counts.blue} suffix="件" valueStyle={{ color: '#1d39c4' }} />
        </Flex>
      </Card>
      <Card variant="borderless">
        <WorkTable
          items={items}
          loading={list.loading}
          from={SECTIONS.enforcementMyCases.path}
          testId="my-cases-table"
          showRole
          emptyText={all ? '本单位暂无在办案件' : '您暂无在办案件'}
        />
      </Card>
    </>
  );
}
