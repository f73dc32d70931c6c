import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { describeError, useErrorHandler } from '../../api/forms.ts';
import type { RuleView } from '../../api/types.ts';
import { formatTime } from '../../shared/format.ts';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { RuleFormModal } from './RuleFormModal.tsx';
import { AREA_LABELS, amountText, areaOf, POLICY_LABELS, TAG_META } from './ruleLabels.ts';

/**
 * 法定期限: every statutory period the platform counts, its statute and the district's local version.
 * Everyone may read them; with clock.rule.manage a period may be set within what the statute allows, or reset.
 */
export function DeadlineRulesPage() {
  const { can } = useMe();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const rules = useRequest(api.clock.rules, []);
  const [q, setQ] = useState('');
  const [area, setArea] = useState<string | undefined>(undefined);
  const [localOnly, setLocalOnly] = useState(false);
  const [editing, setEditing] = useState<RuleView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const mayManage = can('clock.rule.manage');

  if (rules.error) return <LoadFailed detail={describeError(rules.error)} onRetry={rules.reload} />;

  const all = rules.data ?? [];
  const areas = [...new Set(all.map((r) => areaOf(r.code)))];
  const needle = q.trim();
  const shown = all.filter(
    (r) =>
      (!area || areaOf(r.code) === area) &&
      (!localOnly || r.override) &&
      (!needle ||
        r.statutory.name.includes(needle) ||
        r.statutory.statute.includes(needle) ||
        r.code.includes(needle)),
  );

  const replace = (updated: RuleView) =>
    rules.setData((list) => (list ?? []).map((r) => (r.code === updated.code ? updated : r)));

  const reset = async (r: RuleView) => {
    setBusy(r.code);
    try {
      replace(await api.clock.resetRule(r.code));
      message.success(`“${r.statutory.name}”已恢复法定期限`);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<RuleView> = [
    {
      title: '期限',
      dataIndex: 'code',
      fixed: 'left',
      render: (_: unknown, r) => {
        const t = r.statutory.tag ? TAG_META[r.statutory.tag] : undefined;
        return (
          <div style={{ minWidth: 200, maxWidth: 300 }}>
            <Typography.Text strong>{r.statutory.name}</Typography.Text>
            <div>
              {t ? (
                <Tooltip title={t.hint}>
                  <Tag color={t.color} style={{ fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
                    {t.label}
                  </Tag>
                </Tooltip>
              ) : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.code}
              </Typography.Text>
            </div>
          </div>
        );
      },
    },
    {
      title: '法律依据',
      dataIndex: ['statutory', 'statute'],
      render: (v: string) => <div style={{ maxWidth: 220 }}>{v}</div>,
    },
    {
      title: '期间',
      key: 'amount',
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong data-testid="rule-amount">
            {amountText(r.effective)}
          </Typography.Text>
          {r.overridden ? (
            <Typography.Text type="secondary" delete style={{ fontSize: 12 }}>
              法定 {amountText(r.statutory)}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: '起算',
      key: 'start',
      render: (_: unknown, r) => (
        <Typography.Text ellipsis={{ tooltip: true }} style={{ maxWidth: 160 }}>
          {r.statutory.startEventName ?? r.statutory.startEvent}
        </Typography.Text>
      ),
    },
    {
      title: '本地规定',
      key: 'override',
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={2}>
          {r.overridden ? (
            <Tag color="green">已按本地规定</Tag>
          ) : r.override ? (
            <Tooltip title={r.overrideProblems.map((p) => p.detail).join('；')}>
              <Tag color="warning">本地规定未生效</Tag>
            </Tooltip>
          ) : (
            <Typography.Text type="secondary">按法定期限</Typography.Text>
          )}
          <Tooltip title={r.policyText}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {POLICY_LABELS[r.policy]}
              {r.statutory.configurable ? '（可配置）' : ''}
            </Typography.Text>
          </Tooltip>
        </Space>
      ),
    },
  ];
  if (mayManage)
    columns.push({
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(r)}>
            设置本地规定
          </Button>
          {r.override ? (
            <Popconfirm
              title={`“${r.statutory.name}”恢复为法定期限？`}
              description={`恢复后按 ${amountText(r.statutory)} 计算（${r.statutory.statute}）。已起算的期限不受影响。`}
              okText="恢复"
              onConfirm={() => reset(r)}
            >
              <Button type="link" size="small" danger loading={busy === r.code}>
                恢复法定
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    });

  return (
    <>
      <PageHeader
        title="法定期限"
        subTitle="平台计算的各项法定期限、法律依据，以及本区在法律允许范围内的本地规定"
      />
      <Card variant="borderless">
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }} role="search" aria-label="筛选期限">
          <Input.Search
            placeholder="名称、法律依据或代码"
            allowClear
            onSearch={setQ}
            onChange={(e) => !e.target.value && setQ('')}
            style={{ width: 260 }}
            aria-label="关键字"
          />
          <Select<string | undefined>
            value={area}
            onChange={setArea}
            allowClear
            placeholder="全部领域"
            style={{ width: 180 }}
            options={areas.map((a) => ({ value: a, label: AREA_LABELS[a] ?? a }))}
            aria-label="领域"
          />
          <Flex gap={8} align="center">
            <Switch size="small" checked={localOnly} onChange={setLocalOnly} id="rules-local-only" />
            <label htmlFor="rules-local-only">只看有本地规定的</label>
          </Flex>
        </Flex>
        <section aria-label="法定期限列表" data-testid="rules-table">
          <Table<RuleView>
            size="middle"
            rowKey="code"
            scroll={{ x: 'max-content' }}
            loading={rules.loading}
            columns={columns}
            dataSource={shown}
            pagination={false}
            expandable={{ expandedRowRender: (r) => <RuleDetail rule={r} /> }}
          />
        </section>
      </Card>
      {editing ? (
        <RuleFormModal
          rule={editing}
          onClose={() => setEditing(null)}
          onSaved={(r) => {
            replace(r);
            setEditing(null);
            message.success(`“${r.statutory.name}”的本地规定已保存`);
          }}
        />
      ) : null}
    </>
  );
}

function RuleDetail({ rule: r }: { rule: RuleView }) {
  const s = r.statutory;
  const items = [
    {
      key: 'kind',
      label: '性质',
      children: s.kind === 'minimum' ? '最短期间（须给足）' : '办理时限（须在届满前完成）',
    },
    { key: 'obligor', label: '义务人', children: s.obligor === 'party' ? '当事人或第三方' : '行政机关' },
    {
      key: 'count',
      label: '计算方法',
      children: `${s.countStartDay ? '起算日计入' : '起算日不计入'}；${s.unit === 'workday' ? '按工作日计算' : r.effective.rollToWorkday ? '届满日遇休息日顺延' : '届满日遇休息日不顺延'}`,
    },
    {
      key: 'warn',
      label: '预警',
      children: `届满前 ${amountText(r.effective.warnBefore ?? { amount: 3, unit: 'workday' })}`,
    },
    ...(s.extension
      ? [
          {
            key: 'ext',
            label: '可延长',
            children: `${s.extension.amount && s.extension.unit ? amountText({ amount: s.extension.amount, unit: s.extension.unit }) : ''} ${s.extension.approval}`,
          },
        ]
      : []),
    ...(s.ref ? [{ key: 'ref', label: '规则编号', children: s.ref }] : []),
    ...(s.note ? [{ key: 'note', label: '说明', children: s.note, span: 2 }] : []),
    ...(r.override
      ? [
          {
            key: 'override',
            label: '本地规定',
            span: 2,
            children: `${amountText(r.override)}${r.override.note ? `：${r.override.note}` : ''}（${formatTime(r.override.updatedAt)}，${r.override.updatedBy}）`,
          },
        ]
      : []),
    ...(r.overrideProblems.length > 0
      ? [
          {
            key: 'problems',
            label: '未生效原因',
            span: 2,
            children: r.overrideProblems.map((p) => p.detail).join('；'),
          },
        ]
      : []),
  ];
  return <Descriptions size="small" column={2} items={items} style={{ maxWidth: 960 }} />;
}
