import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Progress,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import {
  type CreditModel,
  creditApi,
  GRADE_NAMES,
  type ModelDefinition,
  type RegradeRun,
} from '../../api/credit.ts';
import { useErrorHandler, useFormSubmit } from '../../api/forms.ts';
import { formatTime } from '../../shared/format.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { kindOptions, severityOptions } from './RecordsPage.tsx';

const gradeOptions = Object.entries(GRADE_NAMES).map(([value, label]) => ({ value, label }));

/**
 * 评分模型: the versions of the scoring model; a draft is edited (indicators, weights, points, thresholds) and
 * published, which re-grades every subject (the progress is polled batch by batch); the active version can
 * re-grade again.
 */
export function ModelsPage() {
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const models = useRequest(creditApi.models, []);
  const [editing, setEditing] = useState<CreditModel | null>(null);
  const [creating, setCreating] = useState(false);
  const [running, setRunning] = useState<{ modelId: string; run: RegradeRun | null } | null>(null);
  const [lastRun, setLastRun] = useState<RegradeRun | null>(null);
  const polling = useRef<number | null>(null);

  useEffect(
    () => () => {
      if (polling.current) window.clearInterval(polling.current);
    },
    [],
  );

  /** Runs a publication or a re-grade, polling the version's latest run for the progress meanwhile. */
  const regrade = async (m: CreditModel, work: () => Promise<RegradeRun>, done: string) => {
    const started = Date.now();
    setRunning({ modelId: m.id, run: null });
    polling.current = window.setInterval(() => {
      creditApi
        .runs(m.id)
        .then((runs) => {
          const r = runs.find((x) => Date.parse(x.startedAt) >= started - 60_000) ?? null;
          setRunning((cur) => (cur ? { ...cur, run: r } : cur));
        })
        .catch(() => {});
    }, 1000);
    try {
      const run = await work();
      setLastRun(run);
      message.success(`${done}：${run.done} 个主体，${run.changed} 个变化`);
    } catch (e) {
      onError(e);
    } finally {
      if (polling.current) window.clearInterval(polling.current);
      polling.current = null;
      setRunning(null);
      models.reload();
    }
  };

  const columns: TableColumnsType<CreditModel> = [
    { title: '版本', dataIndex: 'version', width: 80, render: (v: number) => `第${v}版` },
    { title: '名称', dataIndex: 'name' },
    {
      title: '状态',
      key: 'status',
      width: 160,
      render: (_: unknown, m) => (
        <Space>
          {m.status === 'draft' ? <Tag color="gold">草稿</Tag> : <Tag color="blue">已发布</Tag>}
          {m.active ? <Tag color="green">现行</Tag> : null}
        </Space>
      ),
    },
    { title: '发布时间', dataIndex: 'publishedAt', width: 170, render: (v: string | null) => formatTime(v) },
    {
      title: '操作',
      key: 'ops',
      width: 260,
      render: (_: unknown, m) => (
        <Space>
          <Button type="link" size="small" onClick={() => setEditing(m)}>
            {m.status === 'draft' ? '编辑' : '查看'}
          </Button>
          {m.status === 'draft' ? (
            <Popconfirm
              title={`发布第${m.version}版？`}
              description="发布后不可修改，并将按该版本对全部主体重新评级"
              okText="发布"
              onConfirm={() =>
                regrade(
                  m,
                  async () => (await creditApi.publishModel(m.id)).run,
                  `第${m.version}版已发布并重新评级`,
                )
              }
            >
              <Button type="link" size="small" disabled={!!running}>
                发布
              </Button>
            </Popconfirm>
          ) : null}
          {m.active ? (
            <Button
              type="link"
              size="small"
              disabled={!!running}
              onClick={() => regrade(m, () => creditApi.regrade(m.id), '重新评级完成')}
            >
              重新评级
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const r = running?.run;
  return (
    <>
      <PageHeader
        title="评分模型"
        subTitle="基础分、评价指标及权重、各类信用记录的加减分和 A/B/C/D 等级分数线；发布后生效并重新评级"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建版本
          </Button>
        }
      />
      <Card variant="borderless">
        {running ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="正在重新评级"
            data-testid="regrade-progress"
            description={
              <Progress
                percent={r && r.total > 0 ? Math.floor((r.done / r.total) * 100) : 0}
                format={() => (r ? `${r.done} / ${r.total}（第${r.batches}批）` : '准备中')}
              />
            }
          />
        ) : lastRun ? (
          <Alert
            type={lastRun.status === 'done' ? 'success' : 'error'}
            showIcon
            closable
            style={{ marginBottom: 16 }}
            data-testid="regrade-result"
            title={`重新评级${lastRun.status === 'done' ? '完成' : '失败'}：共 ${lastRun.total} 个主体，已处理 ${lastRun.done} 个，${lastRun.changed} 个变化，${lastRun.batches} 批`}
          />
        ) : null}
        {models.error ? <Alert type="error" showIcon title="加载失败" /> : null}
        <Table<CreditModel>
          rowKey="id"
          loading={models.loading}
          dataSource={models.data}
          columns={columns}
          pagination={false}
          aria-label="评分模型版本"
          data-testid="credit-models-table"
          locale={{ emptyText: '尚未建立评分模型' }}
        />
      </Card>
      {creating ? (
        <CreateModel
          onClose={() => setCreating(false)}
          onSaved={(m) => {
            setCreating(false);
            models.reload();
            setEditing(m);
          }}
        />
      ) : null}
      {editing ? (
        <ModelEditor
          model={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            models.reload();
          }}
        />
      ) : null}
    </>
  );
}

function CreateModel({ onClose, onSaved }: { onClose: () => void; onSaved: (m: CreditModel) => void }) {
  const [form] = Form.useForm<{ name: string }>();
  const { saving, run } = useFormSubmit(form);
  return (
    <Modal
      open
      title="新建评分模型版本"
      okText="创建草稿"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        aria-label="新建评分模型版本"
        onFinish={(v) => run(async () => onSaved(await creditApi.createModel(v.name)))}
      >
        <Form.Item
          name="name"
          label="版本名称"
          extra="草稿复制现行版本（尚无时为默认模型），可再修改"
          rules={[{ required: true, whitespace: true, message: '请填写版本名称' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EditorValues {
  name: string;
  definition: ModelDefinition;
}

function ModelEditor({
  model,
  onClose,
  onSaved,
}: {
  model: CreditModel;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EditorValues>();
  const { saving, run } = useFormSubmit(form);
  const readOnly = model.status !== 'draft';
  return (
    <Modal
      open
      width={980}
      title={`第${model.version}版：${model.name}${readOnly ? '（已发布，只读）' : ''}`}
      okText="保存草稿"
      okButtonProps={{ disabled: readOnly }}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<EditorValues>
        form={form}
        layout="vertical"
        disabled={readOnly}
        aria-label="评分模型"
        initialValues={{ name: model.name, definition: model.definition }}
        onFinish={(v) =>
          run(async () => {
            await creditApi.updateModel(model.id, v);
            message.success('草稿已保存');
            onSaved();
          })
        }
      >
        <Flex gap={16} wrap>
          <Form.Item
            name="name"
            label="版本名称"
            rules={[{ required: true, whitespace: true, message: '请填写版本名称' }]}
          >
            <Input maxLength={100} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name={['definition', 'baseScore']} label="基础分">
            <InputNumber min={0} max={10000} />
          </Form.Item>
          <Form.Item name={['definition', 'thresholds', 'A']} label="A 级分数线">
            <InputNumber />
          </Form.Item>
          <Form.Item name={['definition', 'thresholds', 'B']} label="B 级分数线">
            <InputNumber />
          </Form.Item>
          <Form.Item name={['definition', 'thresholds', 'C']} label="C 级分数线">
            <InputNumber />
          </Form.Item>
          <Form.Item name={['definition', 'gradePublic']} label="对外公示等级" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
        <Divider plain titlePlacement="start">
          评价指标
        </Divider>
        <Form.List name={['definition', 'indicators']}>
          {(indicators, { add, remove }, { errors }) => (
            <>
              {indicators.map((ind) => (
                <Card
                  key={ind.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={
                    <Flex gap={8} wrap>
                      <Form.Item name={[ind.name, 'code']} label="代码" style={{ marginBottom: 0 }}>
                        <Input style={{ width: 140 }} maxLength={32} />
                      </Form.Item>
                      <Form.Item name={[ind.name, 'name']} label="名称" style={{ marginBottom: 0 }}>
                        <Input style={{ width: 180 }} maxLength={50} />
                      </Form.Item>
                      <Form.Item name={[ind.name, 'weight']} label="权重" style={{ marginBottom: 0 }}>
                        <InputNumber min={0} max={100} step={0.1} />
                      </Form.Item>
                    </Flex>
                  }
                  extra={
                    readOnly ? null : (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => remove(ind.name)}
                        aria-label="删除指标"
                      />
                    )
                  }
                >
                  <Form.List name={[ind.name, 'rules']}>
                    {(rules, { add: addRule, remove: removeRule }) => (
                      <>
                        {rules.map((rule) => (
                          <Flex key={rule.key} gap={8} align="start" wrap>
                            <Form.Item name={[rule.name, 'kind']} style={{ marginBottom: 8 }}>
                              <Select options={kindOptions} style={{ width: 170 }} aria-label="记录类别" />
                            </Form.Item>
                            <Form.Item name={[rule.name, 'severity']} style={{ marginBottom: 8 }}>
                              <Select
                                options={[{ value: '*', label: '任意程度' }, ...severityOptions]}
                                style={{ width: 110 }}
                                aria-label="严重程度"
                              />
                            </Form.Item>
                            <Form.Item name={[rule.name, 'points']} style={{ marginBottom: 8 }}>
                              <InputNumber addonAfter="分" aria-label="分值" style={{ width: 130 }} />
                            </Form.Item>
                            <Form.Item name={[rule.name, 'forceGrade']} style={{ marginBottom: 8 }}>
                              <Select
                                allowClear
                                placeholder="不限等级"
                                options={gradeOptions}
                                style={{ width: 150 }}
                                aria-label="最高等级"
                              />
                            </Form.Item>
                            {readOnly ? null : (
                              <Button
                                type="text"
                                icon={<DeleteOutlined />}
                                onClick={() => removeRule(rule.name)}
                                aria-label="删除规则"
                              />
                            )}
                          </Flex>
                        ))}
                        {readOnly ? null : (
                          <Button
                            size="small"
                            onClick={() => addRule({ kind: 'penalty', severity: '*', points: 0 })}
                          >
                            添加计分规则
                          </Button>
                        )}
                      </>
                    )}
                  </Form.List>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              {readOnly ? null : (
                <Button
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add({ code: `ind_${indicators.length + 1}`, name: '', weight: 1, rules: [] })
                  }
                >
                  添加指标
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
