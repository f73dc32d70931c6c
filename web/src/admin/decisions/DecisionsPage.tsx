import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import {
  type Catalogue,
  type CatalogueItem,
  decisionsApi,
  FIVE_STEPS,
  type ItemBody,
} from '../../api/decisions.ts';
import { api } from '../../api/endpoints.ts';
import { describeError, useFormSubmit } from '../../api/forms.ts';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { UnitTreeSelect } from '../../shared/UnitTreeSelect.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { CaseList, caseLink, fromHere } from '../../shared/workflow/CaseList.tsx';
import { dateField, today } from '../../shared/workflow/SchemaFields.tsx';
import { SECTIONS } from '../nav.tsx';
import { DECISION_CATEGORIES, DECISION_TYPE } from './decisions.ui.ts';

const STEP_STATUS = { done: 'finish', doing: 'process', todo: 'wait' } as const;
const ACTIONS: Record<string, string> = { add: '增列', change: '调整', withdraw: '调出' };
const categoryOptions = Object.entries(DECISION_CATEGORIES).map(([value, label]) => ({ value, label }));

/** The five steps of one decision as a compact Steps display. */
export function FiveStepsBar({ item }: { item: CatalogueItem }) {
  if (!item.decision) return <Typography.Text type="secondary">尚未启动</Typography.Text>;
  const steps = item.decision.steps;
  return (
    <Steps
      size="small"
      type="inline"
      items={FIVE_STEPS.map((s) => ({ title: s.label, status: STEP_STATUS[steps[s.key]] }))}
      aria-label={`${item.title}五步程序进度`}
    />
  );
}

type Editing =
  | { kind: 'add' }
  | { kind: 'change'; item: CatalogueItem }
  | { kind: 'withdraw'; item: CatalogueItem };

/** 重大行政决策: the year's catalogue with each decision's five steps, its adjustments, and the decision cases. */
export function DecisionsPage() {
  const { can } = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [year, setYear] = useState(dayjs().year());
  const cat = useRequest(() => decisionsApi.catalogue(year), [year]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [starting, setStarting] = useState<CatalogueItem | null>(null);
  const manage = can('decisions.catalogue.manage');
  const published = cat.data?.status === 'published';

  return (
    <>
      <PageHeader
        title="重大行政决策"
        subTitle="年度决策事项目录，公众参与、专家论证、风险评估、合法性审查、集体讨论决定五步程序（《重大行政决策程序暂行条例》）"
        extra={
          <Select
            aria-label="年度"
            value={year}
            onChange={setYear}
            options={[-2, -1, 0, 1].map((d) => ({
              value: dayjs().year() + d,
              label: `${dayjs().year() + d}年度`,
            }))}
          />
        }
      />
      <Card
        variant="borderless"
        title={
          <Space>
            {`${year}年度重大行政决策事项目录`}
            {cat.data ? (
              published ? (
                <Tag color="green">已公布（{cat.data.publishedOn}）</Tag>
              ) : (
                <Tag>未公布</Tag>
              )
            ) : null}
          </Space>
        }
        extra={
          manage ? (
            <Space>
              <Button icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'add' })}>
                增列事项
              </Button>
              {!published ? (
                <Button type="primary" disabled={!cat.data?.items.length} onClick={() => setPublishing(true)}>
                  公布目录
                </Button>
              ) : null}
            </Space>
          ) : null
        }
      >
        {cat.error ? <Typography.Text type="danger">{describeError(cat.error)}</Typography.Text> : null}
        <Table<CatalogueItem>
          rowKey="id"
          size="small"
          loading={cat.loading}
          dataSource={cat.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1100 }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 60 },
            {
              title: '决策事项',
              dataIndex: 'title',
              render: (t: string, r) => (
                <Space direction="vertical" size={0}>
                  <span>{r.status === 'withdrawn' ? <Typography.Text delete>{t}</Typography.Text> : t}</span>
                  <Typography.Text type="secondary">
                    {DECISION_CATEGORIES[r.category] ?? r.category}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: '提出单位', dataIndex: 'proposingUnitName', width: 160 },
            {
              title: '计划',
              dataIndex: 'plannedQuarter',
              width: 80,
              render: (q: number | null) => (q ? `第${q}季度` : '—'),
            },
            {
              title: '五步程序',
              key: 'steps',
              width: 460,
              render: (_, r) =>
                r.status === 'withdrawn' ? <Tag>已调出目录</Tag> : <FiveStepsBar item={r} />,
            },
            {
              title: '操作',
              key: 'actions',
              width: 200,
              render: (_, r) => (
                <Space wrap size={4}>
                  {r.decision ? (
                    <Link to={caseLink(r.decision.id)} state={fromHere(pathname)}>
                      {r.decision.stateLabel}
                    </Link>
                  ) : null}
                  {!r.decision && r.status === 'listed' && published && can('decisions.decision.handle') ? (
                    <Button size="small" type="link" onClick={() => setStarting(r)}>
                      启动决策程序
                    </Button>
                  ) : null}
                  {manage && r.status === 'listed' ? (
                    <>
                      <Button
                        size="small"
                        type="link"
                        onClick={() => setEditing({ kind: 'change', item: r })}
                      >
                        调整
                      </Button>
                      <Button
                        size="small"
                        type="link"
                        danger
                        onClick={() => setEditing({ kind: 'withdraw', item: r })}
                      >
                        调出
                      </Button>
                    </>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
        {cat.data?.adjustments.length ? (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              目录调整记录
            </Typography.Title>
            <ul aria-label="目录调整记录">
              {cat.data.adjustments.map((a) => (
                <li key={a.id}>
                  {dayjs(a.at).format('YYYY-MM-DD')} {ACTIONS[a.action] ?? a.action}
                  {cat.data?.items.find((i) => i.id === a.itemId)?.title ?? ''}：{a.reason}（{a.actorName}）
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Card>
      <Card variant="borderless" title="决策案件" style={{ marginTop: 16 }}>
        <CaseList type={DECISION_TYPE} />
      </Card>
      {editing && cat.data ? (
        <ItemModal
          catalogue={cat.data}
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            message.success('目录已更新');
            cat.reload();
          }}
        />
      ) : null}
      {publishing ? (
        <PublishModal
          year={year}
          onClose={() => setPublishing(false)}
          onSaved={() => {
            setPublishing(false);
            message.success(`${year}年度目录已公布`);
            cat.reload();
          }}
        />
      ) : null}
      {starting ? (
        <StartModal
          item={starting}
          onClose={() => setStarting(null)}
          onCreated={(id, number) => {
            message.success(`已启动决策程序 ${number}`);
            navigate(caseLink(id), { state: fromHere(SECTIONS.decisions.path) });
          }}
        />
      ) : null}
    </>
  );
}

function ItemModal({
  catalogue,
  editing,
  onClose,
  onSaved,
}: {
  catalogue: Catalogue;
  editing: Editing;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<ItemBody>();
  const { saving, run } = useFormSubmit(form);
  const published = catalogue.status === 'published';
  const withdraw = editing.kind === 'withdraw';
  const item = editing.kind === 'add' ? null : editing.item;
  const title =
    editing.kind === 'add' ? '增列决策事项' : withdraw ? `调出“${item?.title}”` : `调整“${item?.title}”`;
  const submit = (v: ItemBody) =>
    run(async () => {
      if (item)
        await decisionsApi.updateItem(
          catalogue.year,
          item.id,
          withdraw ? { withdrawn: true, reason: v.reason } : v,
        );
      else await decisionsApi.addItem(catalogue.year, v);
      onSaved();
    });
  return (
    <Modal
      open
      title={title}
      okText="保存"
      okButtonProps={{ 'data-testid': 'catalogue-item-submit' } as Record<string, string>}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form<ItemBody>
        form={form}
        layout="vertical"
        onFinish={submit}
        aria-label={title}
        initialValues={
          item
            ? {
                title: item.title,
                category: item.category,
                proposingUnitId: item.proposingUnitId,
                plannedQuarter: item.plannedQuarter ?? undefined,
                description: item.description ?? undefined,
              }
            : {}
        }
      >
        {!withdraw ? (
          <>
            <Form.Item
              name="title"
              label="决策事项名称"
              rules={[{ required: true, whitespace: true, message: '请填写决策事项名称' }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              name="category"
              label="决策事项类别"
              rules={[{ required: true, message: '请选择决策事项类别' }]}
            >
              <Select options={categoryOptions} />
            </Form.Item>
            <Form.Item
              name="proposingUnitId"
              label="提出单位"
              rules={[{ required: true, message: '请选择提出单位' }]}
            >
              <UnitTreeSelect />
            </Form.Item>
            <Form.Item name="plannedQuarter" label="计划季度">
              <InputNumber min={1} max={4} />
            </Form.Item>
            <Form.Item name="description" label="事项说明">
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </>
        ) : null}
        {published || withdraw ? (
          <Form.Item
            name="reason"
            label="调整理由"
            extra="目录已公布，调整须说明理由并记录在案"
            rules={[{ required: published, whitespace: true, message: '请填写调整理由' }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function PublishModal({
  year,
  onClose,
  onSaved,
}: {
  year: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<{ partyConsentOn: string; note?: string }>();
  const { saving, run } = useFormSubmit(form);
  return (
    <Modal
      open
      title={`公布${year}年度目录`}
      okText="公布"
      okButtonProps={{ 'data-testid': 'catalogue-publish-submit' } as Record<string, string>}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ partyConsentOn: today() }}
        onFinish={(v) =>
          run(async () => {
            await decisionsApi.publish(year, v);
            onSaved();
          })
        }
        aria-label="公布目录"
      >
        <Form.Item
          name="partyConsentOn"
          label="同级党委同意日期"
          {...dateField}
          rules={[{ required: true, message: '请选择日期' }]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function StartModal({
  item,
  onClose,
  onCreated,
}: {
  item: CatalogueItem;
  onClose: () => void;
  onCreated: (id: string, number: string) => void;
}) {
  const [form] = Form.useForm<{ title: string; description: string; proposer: string }>();
  const { saving, run } = useFormSubmit(form, {
    'data.title': 'title',
    'data.description': 'description',
    'data.proposer': 'proposer',
  });
  return (
    <Modal
      open
      title="启动决策程序"
      okText="启动"
      okButtonProps={{ 'data-testid': 'decision-start-submit' } as Record<string, string>}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        aria-label="启动决策程序"
        initialValues={{
          title: item.title,
          description: item.description ?? '',
          proposer: item.proposingUnitName,
        }}
        onFinish={(v) =>
          run(async () => {
            const c = await api.workflow.create({
              type: DECISION_TYPE,
              data: { ...v, category: item.category, catalogueItemId: item.id },
            });
            onCreated(c.id, c.number);
          })
        }
      >
        <Form.Item
          name="title"
          label="决策事项名称"
          rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="proposer"
          label="决策事项建议提出方"
          rules={[{ required: true, whitespace: true, message: '请填写提出方' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="description"
          label="决策事项说明"
          rules={[{ required: true, whitespace: true, message: '请填写说明' }]}
        >
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
