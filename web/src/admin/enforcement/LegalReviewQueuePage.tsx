import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card } from 'antd';
import { enforcementViewsApi } from '../../api/enforcement-views.ts';
import { describeError } from '../../api/forms.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { SECTIONS } from '../nav.tsx';
import { WorkTable } from './WorkTable.tsx';

/**
 * 法制审核: the penalty cases whose legality review waits for the reviewer's opinion, oldest deadline first; each
 * links to its review (the legality queue's case), where the opinion is given.
 */
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
        message="法制审核经合法性审查统一办理：点击“出具审核意见”打开该案的合法性审查，选择“审查通过”（通过 / 修改后通过）、“单位法制机构审查不通过”或“退回补充材料”，填写审查意见和法律依据。未经法制审核或审核未通过的，不得作出决定；审核不通过或退回的，由承办人补正后重新送法制审核。"
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
