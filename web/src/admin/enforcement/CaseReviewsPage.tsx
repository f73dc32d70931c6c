import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  type CaseReview,
  enforcementViewsApi,
  GRADE_COLOURS,
  GRADE_LABELS,
  type Grade,
  type ReviewCandidate,
  type ReviewStats,
} from '../../api/enforcement-views.ts';
import { describeError } from '../../api/forms.ts';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { caseLink, fromHere } from '../../shared/workflow/CaseList.tsx';
import { SECTIONS } from '../nav.tsx';
import { ReviewFormModal } from './ReviewFormModal.tsx';
import { ScoreStandardModal } from './ScoreStandardModal.tsx';
import { BodySelect } from './selects.tsx';

const GRADE_OPTIONS = (Object.keys(GRADE_LABELS) as Grade[]).map((g) => ({
  value: g,
  label: GRADE_LABELS[g],
}));
const GradeTag = ({ grade }: { grade: Grade }) => (
  <Tag color={GRADE_COLOURS[grade]}>{GRADE_LABELS[grade]}</Tag>
);

/** 案卷评查: score decided cases' files on the district's score sheet; the reviews and their grades by body. */
export function CaseReviewsPage() {
  const { message } = App.useApp();
  const { can } = useMe();
  const [tab, setTab] = useState('cases');
  const [reloadKey, setReloadKey] = useState(0);
  const sheet = useRequest(enforcementViewsApi.scoreSheet, []);
  const [editing, setEditing] = useState(false);
  return (
    <>
      <PageHeader
        title="案卷评查"
        subTitle="对已作出处理决定的行政处罚案卷逐项评分：扣分须写明理由，评为不合格的须提出整改要求"
        extra={
          can('enforcement.casefile.standard') && sheet.data ? (
            <Button onClick={() => setEditing(true)}>评查标准</Button>
          ) : null
        }
      />
      {sheet.data ? (
        <Typography.Paragraph type="secondary" data-testid="score-sheet-summary">
          {sheet.data.isDefault ? '默认评查标准' : '本区评查标准'}：
          {sheet.data.items.map((it) => `${it.label}${it.max}分`).join('、')}；优秀 ≥{' '}
          {sheet.data.thresholds.excellent} 分，合格 ≥ {sheet.data.thresholds.pass} 分
        </Typography.Paragraph>
      ) : null}
      {editing && sheet.data ? (
        <ScoreStandardModal
          sheet={sheet.data}
          onClose={() => setEditing(false)}
          onDone={(s) => {
            sheet.setData(s);
            setEditing(false);
            message.success('已保存评查标准');
          }}
        />
      ) : null}
      <Card variant="borderless">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'cases',
              label: '待评查案件',
              children: <Candidates reloadKey={reloadKey} onReviewed={() => setReloadKey((k) => k + 1)} />,
            },
            { key: 'reviews', label: '评查记录', children: <Reviews reloadKey={reloadKey} /> },
            { key: 'stats', label: '等次统计', children: <Stats reloadKey={reloadKey} /> },
          ]}
        />
      </Card>
    </>
  );
}

function Candidates({ reloadKey, onReviewed }: { reloadKey: number; onReviewed: () => void }) {
  const { message } = App.useApp();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useRequest(
    () => enforcementViewsApi.reviewCandidates({ q, page, pageSize: 20 }),
    [q, page, reloadKey],
  );
  const [target, setTarget] = useState<ReviewCandidate | null>(null);
  if (list.error) return <LoadFailed detail={describeError(list.error)} onRetry={list.reload} />;
  return (
    <>
      <Input.Search
        allowClear
        placeholder="按案件编号或名称查找"
        onSearch={(v) => {
          setQ(v.trim() || undefined);
          setPage(1);
        }}
        style={{ maxWidth: 320, marginBottom: 12 }}
      />
      <section aria-label="可评查的案件" data-testid="review-candidates">
        <Table<ReviewCandidate>
          size="middle"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (t) => `共 ${t} 件`,
          }}
          locale={{ emptyText: '暂无已作出决定的案件' }}
          columns={[
            {
              title: '案件编号',
              dataIndex: 'number',
              render: (v: string, c) => (
                <Link to={caseLink(c.id)} state={fromHere(SECTIONS.enforcementCaseReviews.path)}>
                  {v}
                </Link>
              ),
            },
            {
              title: '案件名称',
              dataIndex: 'title',
              render: (v: string) => (
                <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 280 }}>
                  {v}
                </Typography.Text>
              ),
            },
            { title: '当前环节', dataIndex: 'stateLabel' },
            { title: '执法主体', key: 'body', render: (_: unknown, c) => c.body?.name ?? '—' },
            {
              title: '已评查',
              key: 'reviews',
              render: (_: unknown, c) =>
                c.reviews === 0 ? (
                  <Typography.Text type="secondary">未评查</Typography.Text>
                ) : (
                  <>
                    {c.reviews} 次 {c.lastGrade ? <GradeTag grade={c.lastGrade} /> : null}
                  </>
                ),
            },
            {
              title: '操作',
              key: 'act',
              render: (_: unknown, c) => (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setTarget(c)}
                  aria-label={`评查 ${c.number}`}
                >
                  评查
                </Button>
              ),
            },
          ]}
        />
      </section>
      {target ? (
        <ReviewFormModal
          target={target}
          onClose={() => setTarget(null)}
          onDone={(r) => {
            message.success(`已保存评查结果：${r.total} 分，${GRADE_LABELS[r.grade]}`);
            setTarget(null);
            onReviewed();
          }}
        />
      ) : null}
    </>
  );
}

const thisYear = () => new Date().getFullYear();

function Reviews({ reloadKey }: { reloadKey: number }) {
  const [bodyId, setBodyId] = useState<string | undefined>();
  const [grade, setGrade] = useState<Grade | undefined>();
  const [year, setYear] = useState<number | undefined>(thisYear());
  const [page, setPage] = useState(1);
  const list = useRequest(
    () => enforcementViewsApi.reviews({ bodyId, grade, year, page, pageSize: 20 }),
    [bodyId, grade, year, page, reloadKey],
  );
  const [open, setOpen] = useState<CaseReview | null>(null);
  if (list.error) return <LoadFailed detail={describeError(list.error)} onRetry={list.reload} />;
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <BodySelect
          allowClear
          value={bodyId}
          onChange={(v) => {
            setBodyId(v);
            setPage(1);
          }}
          style={{ width: 240 }}
          placeholder="全部执法主体"
        />
        <Select<Grade>
          allowClear
          value={grade}
          onChange={(v) => {
            setGrade(v);
            setPage(1);
          }}
          options={GRADE_OPTIONS}
          placeholder="全部等次"
          style={{ width: 120 }}
          aria-label="等次"
        />
        <InputNumber
          value={year}
          onChange={(v) => {
            setYear(v ?? undefined);
            setPage(1);
          }}
          min={2020}
          max={2100}
          placeholder="年度"
          addonAfter="年"
          aria-label="年度"
        />
      </Flex>
      <section aria-label="评查记录" data-testid="case-reviews-table">
        <Table<CaseReview>
          size="middle"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (t) => `共 ${t} 条`,
          }}
          locale={{ emptyText: '暂无评查记录' }}
          columns={[
            { title: '评查日期', dataIndex: 'reviewedOn' },
            { title: '案件编号', key: 'case', render: (_: unknown, r) => r.case.number },
            { title: '执法主体', key: 'body', render: (_: unknown, r) => r.body?.name ?? '—' },
            { title: '得分', dataIndex: 'total', render: (v: number) => `${v} 分` },
            { title: '等次', dataIndex: 'grade', render: (g: Grade) => <GradeTag grade={g} /> },
            { title: '评查人', key: 'reviewer', render: (_: unknown, r) => r.reviewer.name ?? '—' },
          ]}
        />
      </section>
      {open ? <ReviewDetail review={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

/** One stored review: its score sheet as scored. */
function ReviewDetail({ review, onClose }: { review: CaseReview; onClose: () => void }) {
  return (
    <Modal open title={`案卷评查结果：${review.case.number}`} footer={null} onCancel={onClose} width={760}>
      <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="案件">
          <Link to={caseLink(review.case.id)} state={fromHere(SECTIONS.enforcementCaseReviews.path)}>
            {review.case.title}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label="执法主体">{review.body?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="评查人">{review.reviewer.name}</Descriptions.Item>
        <Descriptions.Item label="评查日期">{review.reviewedOn}</Descriptions.Item>
        <Descriptions.Item label="得分">
          {review.total} 分 <GradeTag grade={review.grade} />
        </Descriptions.Item>
        <Descriptions.Item label="等次分数线">
          优秀 ≥ {review.thresholds.excellent}，合格 ≥ {review.thresholds.pass}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={review.items}
        columns={[
          { title: '评查项目', dataIndex: 'label' },
          { title: '分值', dataIndex: 'max' },
          { title: '得分', dataIndex: 'score' },
          { title: '扣分理由', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
        ]}
      />
      <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
        <Descriptions.Item label="总体评价">{review.comment}</Descriptions.Item>
        {review.rectification ? (
          <Descriptions.Item label="整改要求">{review.rectification}</Descriptions.Item>
        ) : null}
      </Descriptions>
    </Modal>
  );
}

function Stats({ reloadKey }: { reloadKey: number }) {
  const [year, setYear] = useState<number | undefined>(thisYear());
  const stats = useRequest(() => enforcementViewsApi.reviewStats(year), [year, reloadKey]);
  if (stats.error) return <LoadFailed detail={describeError(stats.error)} onRetry={stats.reload} />;
  const t = stats.data?.totals;
  return (
    <>
      <Flex gap={16} align="center" wrap style={{ marginBottom: 12 }}>
        <InputNumber
          value={year}
          onChange={(v) => setYear(v ?? undefined)}
          min={2020}
          max={2100}
          placeholder="全部年度"
          addonAfter="年"
          aria-label="统计年度"
        />
        {t ? (
          <Typography.Text>
            共评查 {t.total} 件：优秀 {t.excellent} 件，合格 {t.pass} 件，不合格 {t.fail} 件
          </Typography.Text>
        ) : null}
      </Flex>
      <Table<ReviewStats['bodies'][number]>
        size="middle"
        rowKey={(r) => r.bodyId ?? ''}
        loading={stats.loading}
        dataSource={stats.data?.bodies ?? []}
        pagination={false}
        data-testid="review-stats-table"
        locale={{ emptyText: '暂无评查记录' }}
        columns={[
          { title: '执法主体', dataIndex: 'bodyName', render: (v: string | null) => v ?? '（未知主体）' },
          { title: '评查件数', dataIndex: 'total' },
          { title: '优秀', dataIndex: 'excellent' },
          { title: '合格', dataIndex: 'pass' },
          { title: '不合格', dataIndex: 'fail' },
          { title: '平均分', dataIndex: 'average' },
        ]}
      />
    </>
  );
}
