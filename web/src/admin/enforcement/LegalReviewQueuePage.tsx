import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card } from 'antd';
import { enforcementViewsApi } from '../../api/enforcement-views.ts';
import { describeError } from '../../api/forms.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { SECTIONS } from '../nav.tsx';
import { WorkTable } from './WorkTable.tsx';

/** 法制审核: the penalty cases waiting for the reviewer's legal-review opinion, oldest deadline first. */
export function LegalReviewQueuePage() {
  const list = useRequest(enforcementViewsApi.legalReviewQueue, []);
  if (list.error) return <LoadFailed detail={describeError(list.error)} onRetry={list.reload} />;
  return (
    <>
      <PageHeader
        title="法制审核"
        subTitle="送法制审核、尚未出具审核意见的行政处罚案件，审核期限最早的在前（行政处罚法第五十八条）"
        extra={
          <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading}>
            刷新
          </Button>
        }
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="打开案件后点击“法制审核”，填写审核结论（通过 / 修改后通过 / 不通过）、审核意见和依据。未经法制审核或审核未通过的，不得作出决定。"
      />
      <Card variant="borderless">
        <WorkTable
          items={list.data?.items ?? []}
          loading={list.loading}
          from={SECTIONS.enforcementLegalReview.path}
          testId="legal-review-queue"
          showSubmitted
          emptyText="暂无待审核的案件"
        />
      </Card>
    </>
  );
}
