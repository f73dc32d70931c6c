import { AuditOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Flex,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { describeError } from '../../api/forms.ts';
import type {
  CaseAction,
  CaseDeadline,
  CaseDetail as CaseDetailData,
  CaseRecord,
  JsonSchema,
  RecordKind,
  TimelineEvent,
} from '../../api/types.ts';
import { formatTime } from '../format.ts';
import { useMe } from '../me.tsx';
import { PageHeader } from '../PageHeader.tsx';
import { LoadFailed } from '../Results.tsx';
import { useRequest } from '../useRequest.ts';
import { CaseTimeline } from './CaseTimeline.tsx';
import { DeadlineTag } from './DeadlineTag.tsx';
import {
  type CaseTypeUi,
  DEADLINE_STATUS_LABELS,
  enumLabel,
  fieldLabel,
  LEGAL_REVIEW_STAGES,
  type Path,
  RECORD_KIND_LABELS,
  RECORD_OUTCOME_COLOURS,
  RECORD_OUTCOME_LABELS,
} from './labels.ts';
import { useMachine } from './machines.ts';
import { RECORD_FIELD_LABELS, RecordForm } from './RecordForm.tsx';
import { StepForm } from './StepForm.tsx';

type Dialog =
  | { kind: 'step'; action: CaseAction; initial?: Record<string, unknown> | undefined }
  | { kind: 'record'; record: RecordKind; label: string }
  | null;

/**
 * One case: its state and facts, the steps the user may take now (each a form from its schema), the records
 * they may add, the statutory deadlines with their colours and statutes, the records so far and the timeline.
 */
export function CaseDetail({
  caseId,
  ui: uiOf,
}: {
  caseId: string;
  /** Chinese names and hints of the case type (or a function of the type, for pages showing any case). */
  ui?: CaseTypeUi | ((type: string) => CaseTypeUi | undefined) | undefined;
}) {
  const { can } = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const detail = useRequest(() => api.workflow.get(caseId), [caseId]);
  const { machine } = useMachine(detail.data?.type ?? '');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [opening, setOpening] = useState<string | null>(null);

  if (detail.error) {
    if (isApiError(detail.error) && detail.error.status === 404)
      return (
        <Result
          status="404"
          title="案件不存在或无权查看"
          subTitle={detail.error.detail}
          extra={<Button onClick={() => navigate(-1)}>返回</Button>}
        />
      );
    return <LoadFailed detail={describeError(detail.error)} onRetry={detail.reload} />;
  }
  const d = detail.data;
  if (!d)
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );

  const ui = typeof uiOf === 'function' ? uiOf(d.type) : uiOf;
  // A step whose form starts from values the server prepares (e.g. the masked public version) fetches them first.
  const openStep = async (action: CaseAction) => {
    const pending = ui?.stepInitialValues?.(action.name, d.id);
    if (!pending) return setDialog({ kind: 'step', action });
    setOpening(action.name);
    try {
      setDialog({ kind: 'step', action, initial: await pending });
    } catch (e) {
      message.error(describeError(e));
    } finally {
      setOpening(null);
    }
  };
  const done = (next: CaseDetailData, text: string) => {
    message.success(text);
    setDialog(null);
    detail.setData(next);
  };

  return (
    <div data-testid="case-detail" data-state={d.state}>
      <PageHeader
        title={d.number}
        subTitle={d.title}
        extra={
          <Button icon={<ReloadOutlined />} onClick={detail.reload} loading={detail.loading}>
            刷新
          </Button>
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Flex gap={24} wrap align="center" justify="space-between">
          <Space size="middle" wrap>
            <Tag
              color={d.final ? 'default' : 'processing'}
              style={{ fontSize: 14, padding: '2px 10px' }}
              data-testid="case-state"
            >
              {d.stateLabel}
            </Tag>
            <Typography.Text type="secondary">{d.typeName}</Typography.Text>
            <Typography.Text type="secondary">登记于 {formatTime(d.createdAt)}</Typography.Text>
            {d.closedAt ? (
              <Typography.Text type="secondary">办结于 {formatTime(d.closedAt)}</Typography.Text>
            ) : null}
          </Space>
          <Space wrap data-testid="case-actions" aria-label="可办理的步骤">
            {d.actions.map((a) => (
              <Button
                key={a.name}
                type="primary"
                ghost
                loading={opening === a.name}
                onClick={() => void openStep(a)}
              >
                {a.label}
              </Button>
            ))}
            {d.recordKinds.map((r) => (
              <Button
                key={r.kind}
                icon={<AuditOutlined />}
                onClick={() => setDialog({ kind: 'record', record: r.kind, label: r.label })}
              >
                {r.label}
              </Button>
            ))}
            {d.actions.length === 0 && d.recordKinds.length === 0 ? (
              <Typography.Text type="secondary">
                {d.final ? '案件已办结' : '当前没有需要您办理的步骤'}
              </Typography.Text>
            ) : null}
          </Space>
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Card title="案件信息" variant="borderless">
              <Facts data={d.data} schema={machine?.createSchema} ui={ui} />
            </Card>
            {(ui?.panels ?? []).map((Panel, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a case type's panels are a fixed list
              <Panel key={i} detail={d} />
            ))}
            <Card title="法定期限" variant="borderless" data-testid="case-deadlines">
              <Deadlines deadlines={d.deadlines} />
            </Card>
            <Card title="审核与审批记录" variant="borderless" data-testid="case-records">
              <Records records={d.records} timeline={d.timeline} ui={ui} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Card title="办理过程" variant="borderless">
            <CaseTimeline events={d.timeline} caseNumber={d.number} canDownload={can('log.read')} />
          </Card>
        </Col>
      </Row>
      {dialog?.kind === 'step' ? (
        <StepForm<CaseDetailData>
          title={dialog.action.label}
          schema={dialog.action.inputSchema}
          ui={ui}
          step={dialog.action.name}
          initialValues={dialog.initial}
          submit={(values) => api.workflow.transition(d.id, dialog.action.name, values, d.version)}
          onClose={() => setDialog(null)}
          onDone={(next) => done(next, `已办理：${dialog.action.label}`)}
          onStale={detail.reload}
        />
      ) : null}
      {dialog?.kind === 'record' ? (
        <RecordForm
          caseId={d.id}
          kind={dialog.record}
          label={dialog.label}
          ui={ui}
          onClose={() => setDialog(null)}
          onDone={(next) => done(next, `已保存${dialog.label}意见`)}
        />
      ) : null}
    </div>
  );
}

// ---------- facts ----------

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function formatValue(
  v: unknown,
  path: Path,
  schema: JsonSchema | undefined,
  ui: CaseTypeUi | undefined,
): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v))
    return v
      .map((x) =>
        isObject(x)
          ? Object.entries(x)
              .map(([k, y]) => formatValue(y, [...path, k], schema?.items?.properties?.[k], ui))
              .join(' ')
          : formatValue(x, path, schema?.items, ui),
      )
      .join('；');
  if (isObject(v)) return JSON.stringify(v);
  // Enum values get their Chinese label; anything else comes back as it is.
  return enumLabel(v, path, schema, ui);
}

/** The case's facts, labelled from the case type's schema (nested objects one level deep). */
function Facts({
  data,
  schema,
  ui,
}: {
  data: Record<string, unknown>;
  schema: JsonSchema | undefined;
  ui: CaseTypeUi | undefined;
}) {
  const props = schema?.properties ?? {};
  const keys = [
    ...Object.keys(props).filter((k) => k in data),
    ...Object.keys(data).filter((k) => !(k in props)),
  ];
  const hidden = new Set(ui?.hiddenFacts ?? []);
  const items: NonNullable<DescriptionsProps['items']> = [];
  const add = (path: Path, value: unknown, s: JsonSchema | undefined) => {
    const text = formatValue(value, path, s, ui);
    items.push({
      key: path.join('.'),
      label: fieldLabel(path, s, ui),
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span>,
      span: text.length > 40 ? 2 : 1,
    });
  };
  for (const k of keys) {
    if (hidden.has(k)) continue;
    const v = data[k];
    if (isObject(v)) {
      const sub = props[k]?.properties ?? {};
      for (const [sk, sv] of Object.entries(v)) add([k, sk], sv, sub[sk]);
    } else add([k], v, props[k]);
  }
  if (items.length === 0) return <Empty description="没有登记信息" />;
  return <Descriptions column={{ xs: 1, md: 2 }} size="small" items={items} data-testid="case-facts" />;
}

// ---------- deadlines ----------

interface ClockEventView {
  type?: string;
  date?: string;
  reason?: string;
  amount?: number;
  approvedBy?: string;
}
const CLOCK_EVENT_LABELS: Record<string, string> = {
  stop: '中止计算',
  resume: '恢复计算',
  restart: '重新起算',
  extend: '延长',
};

function Deadlines({ deadlines }: { deadlines: CaseDeadline[] }) {
  if (deadlines.length === 0) return <Empty description="本案没有法定期限" />;
  return (
    <Flex vertical gap={12}>
      {deadlines.map((dl) => (
        <div key={dl.key} className="fz-deadline" data-testid={`deadline-${dl.key}`} data-colour={dl.colour}>
          <Flex justify="space-between" align="center" gap={12} wrap>
            <Typography.Text strong>{dl.name}</Typography.Text>
            <DeadlineTag deadline={dl} />
          </Flex>
          <div className="fz-deadline-meta">
            <span>法定依据：{dl.statute}</span>
            <span>起算日：{dl.startDate}</span>
            <span>
              届满日：<b data-testid="deadline-due">{dl.dueDate ?? '—'}</b>
            </span>
            <span>状态：{DEADLINE_STATUS_LABELS[dl.status] ?? dl.status}</span>
          </div>
          {(dl.events as ClockEventView[]).length > 0 ? (
            <ul className="fz-deadline-events">
              {(dl.events as ClockEventView[]).map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a deadline's events are only ever appended
                <li key={i}>
                  {e.date} {CLOCK_EVENT_LABELS[e.type ?? ''] ?? e.type}
                  {e.type === 'extend' && e.amount ? ` ${e.amount}个工作日` : ''}
                  {e.reason ? `：${e.reason}` : ''}
                  {e.approvedBy ? `（批准人：${e.approvedBy}）` : ''}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </Flex>
  );
}

// ---------- records ----------

function recordValue(key: string, v: unknown, ui: CaseTypeUi | undefined): string {
  if (key === 'stage') return LEGAL_REVIEW_STAGES[String(v)] ?? String(v);
  if (key === 'step') return ui?.approvalSteps?.find((s) => s.value === v)?.label ?? String(v);
  if (key === 'result') return RECORD_OUTCOME_LABELS[String(v)] ?? String(v);
  if (key === 'attendees' && Array.isArray(v))
    return (v as { name: string; title?: string }[])
      .map((a) => (a.title ? `${a.name}（${a.title}）` : a.name))
      .join('、');
  if (key === 'opinions' && Array.isArray(v))
    return (v as { name: string; opinion: string; dissent?: boolean }[])
      .map((o) => `${o.name}：${o.opinion}${o.dissent ? '（不同意见）' : ''}`)
      .join('\n');
  return String(v);
}

function Records({
  records,
  timeline,
  ui,
}: {
  records: CaseRecord[];
  timeline: TimelineEvent[];
  ui: CaseTypeUi | undefined;
}) {
  // Opinions of the legality service on this case (e.g. a penalty case's 法制审核), filed on its timeline.
  const opinions = timeline.filter((e) => e.kind === 'record' && e.name === 'legality-review');
  if (records.length === 0 && opinions.length === 0)
    return <Empty description="暂无法制审核、审批或集体讨论记录" />;
  // Records do not name their author; the timeline event that added each one does.
  const author = new Map(
    timeline
      .filter((e) => e.kind === 'record')
      .map((e) => [(e.data as { recordId?: string } | null)?.recordId, e.actorName]),
  );
  return (
    <Flex vertical gap={12}>
      {opinions.map((e) => {
        const o = (e.data ?? {}) as {
          reviewId?: string;
          reviewNumber?: string;
          outcome?: string;
          reasons?: string;
          basis?: string;
        };
        return (
          <div key={`${e.seq}`} className="fz-record" data-testid="record-legality-review">
            <Flex justify="space-between" gap={12} wrap>
              <Space>
                <Typography.Text strong>{e.label}</Typography.Text>
                <Tag color={RECORD_OUTCOME_COLOURS[o.outcome ?? ''] ?? 'default'}>
                  {RECORD_OUTCOME_LABELS[o.outcome ?? ''] ??
                    (o.outcome === 'returned' ? '退回补充材料' : o.outcome)}
                </Tag>
              </Space>
              <Typography.Text type="secondary">
                {e.actorName ?? ''} {formatTime(e.at)}
              </Typography.Text>
            </Flex>
            <Descriptions
              size="small"
              column={1}
              style={{ marginTop: 8 }}
              items={[
                { key: 'reasons', label: '审查意见', children: o.reasons ?? '' },
                { key: 'basis', label: '法律依据', children: o.basis || '—' },
                ...(o.reviewId
                  ? [
                      {
                        key: 'review',
                        label: '合法性审查',
                        children: (
                          <Link to={`/admin/cases/${encodeURIComponent(o.reviewId)}`}>{o.reviewNumber}</Link>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </div>
        );
      })}
      {records.map((r) => (
        <div key={r.id} className="fz-record" data-testid={`record-${r.kind}`}>
          <Flex justify="space-between" gap={12} wrap>
            <Space>
              <Typography.Text strong>{RECORD_KIND_LABELS[r.kind] ?? r.kind}</Typography.Text>
              <Tag color={RECORD_OUTCOME_COLOURS[r.outcome] ?? 'default'}>
                {RECORD_OUTCOME_LABELS[r.outcome] ?? r.outcome}
              </Tag>
            </Space>
            <Typography.Text type="secondary">
              {author.get(r.id) ?? ''} {formatTime(r.createdAt)}
            </Typography.Text>
          </Flex>
          <Descriptions
            size="small"
            column={1}
            style={{ marginTop: 8 }}
            items={Object.entries(r.data)
              .filter(([k]) => k !== 'outcome' && k !== 'result')
              .map(([k, v]) => ({
                key: k,
                label: RECORD_FIELD_LABELS[k] ?? k,
                children: <span style={{ whiteSpace: 'pre-wrap' }}>{recordValue(k, v, ui)}</span>,
              }))}
          />
        </div>
      ))}
    </Flex>
  );
}
