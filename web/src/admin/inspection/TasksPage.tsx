import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useFormSubmit } from '../../api/forms.ts';
import {
  GRADE_KEYS,
  GRADE_LABELS,
  type InspectionResult,
  type InspectionTask,
  inspectionApi,
  OUTCOME_LABELS,
  type PublishTaskInput,
  REDRAW_CAUSES,
  type Redraw,
  type ResultInput,
  TASK_STATUS_LABELS,
} from '../../api/inspection.ts';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { UnitTreeSelect } from '../../shared/UnitTreeSelect.tsx';
import { useRequest } from '../../shared/useRequest.ts';

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');
const statusTag = (s: string) => (
  <Tag color={s === 'published' ? 'blue' : s === 'drawn' ? 'gold' : 'green'}>
    {TASK_STATUS_LABELS[s] ?? s}
  </Tag>
);

/** 抽查任务: publish (pool, roster and future sources frozen), draw, teams, results. */
export function TasksPage() {
  const { can } = useMe();
  const mayManage = can('inspection.task.manage');
  const [reload, setReload] = useState(0);
  const tasks = useRequest(() => inspectionApi.tasks(), [reload]);
  const plans = useRequest(() => inspectionApi.plans(), []);
  const [publishing, setPublishing] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const planTitle = (id: string | null) => plans.data?.find((p) => p.id === id)?.title ?? '—';

  return (
    <>
      <PageHeader
        title="抽查任务"
        subTitle="发布时冻结抽取池、检查人员名录和将来的公开随机源；随机源产生后按 RFC 3797 抽取，任何人可在门户复算"
        extra={
          mayManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPublishing(true)}>
              发布抽查任务
            </Button>
          ) : null
        }
      />
      <Table<InspectionTask>
        rowKey="id"
        loading={tasks.loading}
        dataSource={tasks.data ?? []}
        data-testid="tasks-table"
        columns={[
          {
            title: '任务',
            dataIndex: 'title',
            render: (v: string, t) => (
              <Button type="link" onClick={() => setOpen(t.id)} style={{ padding: 0 }}>
                {v}
              </Button>
            ),
          },
          { title: '年度计划', dataIndex: 'planId', render: (v: string | null) => planTitle(v) },
          { title: '抽取池', dataIndex: 'poolSize', align: 'right' },
          { title: '抽取数', dataIndex: 'pick', align: 'right' },
          {
            title: '联合',
            dataIndex: 'jointUnitIds',
            render: (v: string[]) => (v.length ? <Tag>联合（{v.length + 1}个部门）</Tag> : '—'),
          },
          { title: '状态', dataIndex: 'status', render: statusTag },
        ]}
      />
      {publishing ? (
        <PublishModal
          onClose={(id) => {
            setPublishing(false);
            if (id) {
              setReload((r) => r + 1);
              setOpen(id);
            }
          }}
        />
      ) : null}
      {open ? (
        <TaskDrawer
          id={open}
          onClose={() => {
            setOpen(null);
            setReload((r) => r + 1);
          }}
        />
      ) : null}
    </>
  );
}

interface PublishForm {
  title: string;
  planId?: string;
  itemIds?: string[];
  jointUnitIds?: string[];
  industry?: string;
  mode: 'pick' | 'ratios';
  pick?: number;
  ratios?: Record<string, number>;
  recuseTownOfficers?: boolean;
  sources: { description: string; availableOn: Dayjs | null }[];
}

function PublishModal({ onClose }: { onClose: (id?: string) => void }) {
  const [form] = Form.useForm<PublishForm>();
  const { saving, run } = useFormSubmit(form);
  const plans = useRequest(() => inspectionApi.plans(), []);
  const items = useRequest(() => inspectionApi.items(), []);
  const mode = Form.useWatch('mode', form);
  const submit = (v: PublishForm) =>
    run(async () => {
      const body: PublishTaskInput = {
        title: v.title,
        sources: (v.sources ?? []).map((s) => ({
          description: s.description,
          availableOn: day(s.availableOn),
        })),
        ...(v.planId ? { planId: v.planId } : {}),
        ...(v.itemIds?.length ? { itemIds: v.itemIds } : {}),
        ...(v.jointUnitIds?.length ? { jointUnitIds: v.jointUnitIds } : {}),
        ...(v.industry ? { industry: v.industry } : {}),
        ...(v.recuseTownOfficers ? { recuseTownOfficers: true } : {}),
        ...(v.mode === 'ratios'
          ? {
              ratios: Object.fromEntries(
                GRADE_KEYS.map((g) => [g, v.ratios?.[g] ?? 0]),
              ) as PublishTaskInput['ratios'],
            }
          : { pick: v.pick ?? 0 }),
      };
      const t = await inspectionApi.publishTask(body);
      onClose(t.id);
    });
  return (
    <Modal
      open
      width={720}
      title="发布抽查任务"
      okText="发布"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
    >
      <Form<PublishForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ mode: 'pick', sources: [{ description: '', availableOn: null }] }}
        data-testid="publish-form"
      >
        <Form.Item name="title" label="任务名称" rules={[{ required: true, message: '请填写任务名称' }]}>
          <Input />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="planId" label="年度抽查计划" style={{ flex: 1 }}>
            <Select
              allowClear
              options={(plans.data ?? []).map((p) => ({ value: p.id, label: `${p.year} ${p.title}` }))}
            />
          </Form.Item>
          <Form.Item name="industry" label="行业（留空为全部）" style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="itemIds" label="抽查事项">
          <Select
            mode="multiple"
            options={(items.data ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))}
          />
        </Form.Item>
        <Form.Item name="jointUnitIds" label="配合部门（部门联合抽查：进一次门、查多项事）">
          <UnitTreeSelect multiple />
        </Form.Item>
        <Form.Item name="mode" label="抽取方式">
          <Radio.Group
            options={[
              { value: 'pick', label: '按数量' },
              { value: 'ratios', label: '按信用等级比例（%）' },
            ]}
          />
        </Form.Item>
        {mode === 'ratios' ? (
          <Space wrap>
            {GRADE_KEYS.map((g) => (
              <Form.Item key={g} name={['ratios', g]} label={GRADE_LABELS[g]} initialValue={0}>
                <InputNumber min={0} max={100} addonAfter="%" style={{ width: 120 }} />
              </Form.Item>
            ))}
          </Space>
        ) : (
          <Form.Item name="pick" label="抽取数量">
            <InputNumber min={1} />
          </Form.Item>
        )}
        <Form.Item name="recuseTownOfficers" valuePropName="checked">
          <Checkbox>属地回避：不派本镇街执法人员检查本镇街的主体</Checkbox>
        </Form.Item>
        <Typography.Text strong>公开随机源（须在发布之后才产生，如彩票开奖号码）</Typography.Text>
        <Form.List name="sources">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'description']} style={{ width: 380 }}>
                    <Input placeholder="随机源说明，如：中国福利彩票双色球某期开奖号码" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'availableOn']}>
                    <DatePicker placeholder="开奖日期" />
                  </Form.Item>
                  {fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(f.name)} /> : null}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ description: '' })}>
                添加随机源
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function TaskDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { message } = App.useApp();
  const { can } = useMe();
  const [reload, setReload] = useState(0);
  const task = useRequest(() => inspectionApi.task(id), [id, reload]);
  const results = useRequest(() => inspectionApi.results(id), [id, reload]);
  const t = task.data;
  const refresh = () => setReload((r) => r + 1);
  const [drawForm] = Form.useForm<{ sourceValues: string[] }>();
  const draw = useFormSubmit(drawForm);
  const [teamForm] = Form.useForm<{ inspectionDate: Dayjs | null; teamSize?: number }>();
  const teams = useFormSubmit(teamForm);
  const [recording, setRecording] = useState<string | null>(null);
  const [acting, setActing] = useState<{ kind: 'redraw' | 'correct' | 'withdraw'; entityId: string } | null>(
    null,
  );
  const roster = t?.roster ?? [];
  const resultOf = (entityId: string) => results.data?.find((r) => r.entityId === entityId);

  return (
    <Drawer open width={880} title={t?.title ?? '抽查任务'} onClose={onClose} data-testid="task-drawer">
      {!t ? null : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 's', label: '状态', children: statusTag(t.status) },
              { key: 'p', label: '抽取池 / 抽取数', children: `${t.poolSize} / ${t.pick}` },
              {
                key: 'h',
                label: '抽取池 SHA-256',
                children: <Typography.Text code>{t.poolHash}</Typography.Text>,
              },
              { key: 'r', label: '检查人员名录', children: `${roster.length}人` },
              {
                key: 'g',
                label: '分层',
                children: t.strata.length
                  ? t.strata.map((s) => `${GRADE_LABELS[s.grade]} ${s.pick}/${s.size}`).join('；')
                  : '不分层',
              },
              {
                key: 'k',
                label: '抽取密钥',
                children: t.drawKey ? <Typography.Text code>{t.drawKey}</Typography.Text> : '—',
              },
            ]}
          />
          <Card size="small" title="公开随机源">
            {t.sources.map((s, i) => (
              <div key={s.description}>
                {i + 1}. {s.description}（{s.availableOn}）：
                <Typography.Text strong>{t.sourceValues?.[i] ?? '待产生'}</Typography.Text>
              </div>
            ))}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              门户公示页：<a href={`/public/inspection/draws/${t.id}`}>/public/inspection/draws/{t.id}</a>
            </Typography.Paragraph>
          </Card>
          {t.status === 'published' && t.canManage ? (
            <Card size="small" title="录入随机源的值并抽取">
              <Form
                form={drawForm}
                layout="inline"
                data-testid="draw-form"
                onFinish={(v) =>
                  draw.run(async () => {
                    await inspectionApi.draw(t.id, v.sourceValues);
                    message.success('已按 RFC 3797 抽取');
                    refresh();
                  })
                }
              >
                {t.sources.map((s, i) => (
                  <Form.Item key={s.description} name={['sourceValues', i]} label={`随机源${i + 1}`}>
                    <Input style={{ width: 200 }} />
                  </Form.Item>
                ))}
                <Button type="primary" htmlType="submit" loading={draw.saving}>
                  抽取
                </Button>
              </Form>
            </Card>
          ) : null}
          {t.status === 'drawn' && t.canManage ? (
            <Card
              size="small"
              title="匹配检查人员（每个对象至少2名，执法证在检查日有效，回避已申报利害关系者）"
            >
              <Form
                form={teamForm}
                layout="inline"
                data-testid="teams-form"
                onFinish={(v) =>
                  teams.run(async () => {
                    await inspectionApi.teams(t.id, {
                      inspectionDate: day(v.inspectionDate),
                      ...(v.teamSize ? { teamSize: v.teamSize } : {}),
                    });
                    message.success('已匹配检查人员');
                    refresh();
                  })
                }
              >
                <Form.Item name="inspectionDate" label="检查日期">
                  <DatePicker />
                </Form.Item>
                <Form.Item name="teamSize" label="每组人数">
                  <InputNumber min={2} max={5} placeholder="2" />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={teams.saving}>
                  匹配
                </Button>
              </Form>
            </Card>
          ) : null}
          {t.selected ? (
            <Card
              size="small"
              title="检查对象、检查组与结果"
              extra={
                t.canManage && results.data?.some((r) => !r.publishedAt) ? (
                  <Button
                    onClick={async () => {
                      const r = await inspectionApi.publishResults(t.id);
                      message.success(`已公示${r.published}条检查结果`);
                      refresh();
                    }}
                  >
                    公示检查结果
                  </Button>
                ) : null
              }
            >
              <Table
                size="small"
                rowKey="position"
                pagination={false}
                data-testid="selected-table"
                dataSource={(
                  t.teams ??
                  t.selected.map((p) => ({ position: p, entityId: '', inspectors: [], skipped: [] }))
                ).map((x, i) => ({ ...x, order: i + 1 }))}
                columns={[
                  { title: '抽取顺序', dataIndex: 'order', width: 80 },
                  { title: '池中位置', dataIndex: 'position', width: 80 },
                  {
                    title: '检查人员',
                    key: 'team',
                    render: (_: unknown, x) =>
                      x.inspectors.length ? x.inspectors.map((u) => rosterLabel(t, u)).join('、') : '—',
                  },
                  {
                    title: '回避/跳过',
                    key: 'skipped',
                    render: (_: unknown, x) =>
                      x.skipped.length
                        ? x.skipped.map((s) => `${rosterLabel(t, s.userId)}：${s.reason}`).join('；')
                        : '—',
                  },
                  {
                    title: '结果',
                    key: 'result',
                    render: (_: unknown, x) => {
                      const r = x.entityId ? resultOf(x.entityId) : undefined;
                      if (r)
                        return (
                          <span>
                            {OUTCOME_LABELS[r.outcome]}
                            {r.publishedAt ? (
                              <Tag color="green">已公示</Tag>
                            ) : r.overdueAt ? (
                              <Tag color="red">逾期未公示（期限 {r.publishDue}）</Tag>
                            ) : (
                              <Tag>公示期限 {r.publishDue}</Tag>
                            )}
                            {r.withdrawnAt ? <Tag color="orange">已撤回公示</Tag> : null}
                            {r.revision ? <Tag>已更正{r.revision}次</Tag> : null}
                          </span>
                        );
                      return t.status === 'teamed' && can('inspection.result.record') ? (
                        <Button size="small" onClick={() => setRecording(x.entityId)}>
                          录入结果
                        </Button>
                      ) : (
                        '—'
                      );
                    },
                  },
                  {
                    title: '操作',
                    key: 'actions',
                    width: 150,
                    render: (_: unknown, x) => {
                      if (!x.entityId || t.status !== 'teamed') return null;
                      const r = resultOf(x.entityId);
                      const act = (kind: 'redraw' | 'correct' | 'withdraw', label: string) => (
                        <Button
                          key={kind}
                          size="small"
                          type="link"
                          style={{ padding: 0, marginRight: 8 }}
                          onClick={() => setActing({ kind, entityId: x.entityId })}
                        >
                          {label}
                        </Button>
                      );
                      if (!r) return t.canManage ? act('redraw', '重新匹配') : null;
                      return [
                        can('inspection.result.record') ? act('correct', '更正') : null,
                        t.canManage && r.publishedAt ? act('withdraw', '撤回公示') : null,
                      ];
                    },
                  },
                ]}
              />
            </Card>
          ) : null}
        </Space>
      )}
      {acting && t ? (
        <ActionModal
          taskId={t.id}
          {...acting}
          onClose={(done) => {
            setActing(null);
            if (done) refresh();
          }}
        />
      ) : null}
      {recording && t ? (
        <ResultModal
          taskId={t.id}
          entityId={recording}
          onClose={(r) => {
            setRecording(null);
            if (r) refresh();
          }}
        />
      ) : null}
    </Drawer>
  );
}

const REDRAW_CAUSE_OPTIONS = Object.entries(REDRAW_CAUSES).map(([value, label]) => ({ value, label }));

/** 单组重新匹配, 更正 or 撤回公示 of one entity, each with its reason. */
function ActionModal({
  taskId,
  entityId,
  kind,
  onClose,
}: {
  taskId: string;
  entityId: string;
  kind: 'redraw' | 'correct' | 'withdraw';
  onClose: (done?: boolean) => void;
}) {
  const [form] = Form.useForm<{
    cause?: Redraw['cause'];
    outcome?: string;
    findings?: string;
    reason: string;
  }>();
  const { saving, run } = useFormSubmit(form);
  const title = { redraw: '重新匹配该检查对象的检查组', correct: '更正检查结果', withdraw: '撤回公示' }[kind];
  return (
    <Modal
      open
      title={title}
      okText="确定"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid={`${kind}-form`}
        initialValues={kind === 'redraw' ? { cause: 'conflict' } : { outcome: 'normal' }}
        onFinish={(v) =>
          run(async () => {
            if (kind === 'redraw')
              await inspectionApi.redrawTeam(taskId, entityId, { cause: v.cause!, reason: v.reason ?? '' });
            else if (kind === 'correct')
              await inspectionApi.correctResult(taskId, entityId, {
                outcome: v.outcome as ResultInput['outcome'],
                findings: v.findings ?? '',
                reason: v.reason ?? '',
              });
            else await inspectionApi.withdrawResult(taskId, entityId, v.reason ?? '');
            onClose(true);
          })
        }
      >
        {kind === 'redraw' ? (
          <Form.Item name="cause" label="原因">
            <Select options={REDRAW_CAUSE_OPTIONS} />
          </Form.Item>
        ) : null}
        {kind === 'correct' ? (
          <>
            <Form.Item name="outcome" label="检查结果">
              <Select
                options={Object.entries(OUTCOME_LABELS)
                  .filter(([value]) => value !== 'case')
                  .map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
            <Form.Item name="findings" label="检查情况">
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="reason" label={kind === 'redraw' ? '理由（内部记录，不公开）' : '理由'}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The roster label (name and unit) of a user id. */
const rosterLabel = (t: InspectionTask, userId: string) => t.roster[t.rosterIds.indexOf(userId)] ?? '—';

/** Records one entity's result; `case` opens an enforcement case for the chosen body. */
export function ResultModal({
  taskId,
  entityId,
  onClose,
}: {
  taskId: string;
  entityId: string;
  onClose: (r?: InspectionResult) => void;
}) {
  const [form] = Form.useForm<{
    outcome: string;
    findings: string;
    inspectedOn: Dayjs | null;
    bodyId?: string;
  }>();
  const { saving, run } = useFormSubmit(form);
  const outcome = Form.useWatch('outcome', form);
  return (
    <Modal
      open
      title="录入检查结果"
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="result-form"
        initialValues={{ outcome: 'normal' }}
        onFinish={(v) =>
          run(async () => {
            const r = await inspectionApi.recordResult(taskId, {
              entityId,
              outcome: v.outcome,
              findings: v.findings ?? '',
              inspectedOn: day(v.inspectedOn),
              ...(v.bodyId ? { bodyId: v.bodyId } : {}),
            });
            onClose(r);
          })
        }
      >
        <Form.Item name="outcome" label="检查结果">
          <Select options={Object.entries(OUTCOME_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="inspectedOn" label="检查日期">
          <DatePicker />
        </Form.Item>
        <Form.Item name="findings" label="检查情况">
          <Input.TextArea rows={3} />
        </Form.Item>
        {outcome === 'case' ? (
          <Form.Item name="bodyId" label="承办执法主体">
            <BodyPicker />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function BodyPicker(props: { value?: string; onChange?: (v: string) => void }) {
  const bodies = useRequest(
    () => import('../../api/enforcement.ts').then((m) => m.enforcementApi.bodies({ page: 1, pageSize: 100 })),
    [],
  );
  return (
    <Select
      {...props}
      showSearch
      optionFilterProp="label"
      options={(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
    />
  );
}
