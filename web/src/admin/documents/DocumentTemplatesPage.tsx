import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  HistoryOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  BLOCK_LABELS,
  documentsApi,
  SOURCE_LABELS,
  type TemplateBlock,
  type TemplateEdit,
  type TemplateSummary,
  type TemplateVersion,
  type TemplateView,
} from '../../api/documents.ts';
import { describeError, useErrorHandler, useFormSubmit } from '../../api/forms.ts';
import { formatTime } from '../../shared/format.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';

/**
 * 文书模板: the documents the platform generates (告知书, 决定书, 送达回证 …). An administrator edits the title,
 * recipient, body and signature of each; every save is a new version, and the standard template can be restored.
 */
export function DocumentTemplatesPage() {
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const list = useRequest(documentsApi.templates, []);
  const [editing, setEditing] = useState<string | null>(null);
  const [history, setHistory] = useState<TemplateSummary | null>(null);

  if (list.error) return <LoadFailed detail={describeError(list.error)} onRetry={list.reload} />;

  const preview = (code: string, version?: number) => documentsApi.preview(code, version).catch(onError);
  const reset = async (t: TemplateSummary) => {
    try {
      await documentsApi.reset(t.code);
      message.success(`“${t.name}”已恢复为标准模板`);
      list.reload();
    } catch (e) {
      onError(e);
    }
  };

  const columns: TableColumnsType<TemplateSummary> = [
    { title: '文书', dataIndex: 'name' },
    { title: '代码', dataIndex: 'code', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
    {
      title: '现行模板',
      dataIndex: 'source',
      render: (s: TemplateSummary['source']) => (
        <Tag color={s === 'custom' ? 'blue' : 'default'}>{SOURCE_LABELS[s]}</Tag>
      ),
    },
    { title: '版本', dataIndex: 'version', render: (v: number | null) => (v ? `第 ${v} 版` : '—') },
    {
      title: '最后修改',
      key: 'updated',
      render: (_, t) => (t.updatedAt ? `${formatTime(t.updatedAt)} ${t.updatedBy ?? ''}` : '—'),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, t) => (
        <Space wrap>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(t.code)}>
            编辑
          </Button>
          <Button size="small" icon={<DownloadOutlined />} onClick={() => preview(t.code)}>
            预览
          </Button>
          <Button size="small" icon={<HistoryOutlined />} onClick={() => setHistory(t)}>
            历史版本
          </Button>
          {t.source === 'custom' ? (
            <Popconfirm
              title={`将“${t.name}”恢复为标准模板？`}
              description="恢复也记为一个新版本，可随时再修改。"
              onConfirm={() => reset(t)}
            >
              <Button size="small" danger>
                恢复标准模板
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="文书模板"
        subTitle="执法文书和答复书按现行模板生成；每次保存为新版本，可恢复标准模板"
      />
      <Card variant="borderless">
        <Table<TemplateSummary>
          rowKey="code"
          loading={list.loading}
          dataSource={list.data ?? []}
          columns={columns}
          pagination={false}
          data-testid="document-templates"
        />
      </Card>
      {editing ? (
        <TemplateEditor
          code={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      ) : null}
      {history ? (
        <VersionsModal
          template={history}
          onClose={() => setHistory(null)}
          onPreview={(v) => preview(history.code, v)}
        />
      ) : null}
    </>
  );
}

/** The editor's form values: the edit, with a note on the change. */
type EditorValues = TemplateEdit & { note?: string };

const EDITABLE_BLOCKS = ['paragraph', 'heading', 'list'] as const;

function TemplateEditor({
  code,
  onClose,
  onSaved,
}: {
  code: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EditorValues>();
  const { saving, run } = useFormSubmit(form);
  const preview = useFormSubmit(form);
  const view = useRequest(() => documentsApi.template(code), [code]);

  // The whole store (table and signature blocks keep fields the form does not show).
  const current = (): TemplateEdit => {
    const { note: _note, ...edit } = form.getFieldsValue(true) as EditorValues;
    return {
      ...edit,
      recipient: edit.recipient?.trim() ? edit.recipient : null,
      copyTo: edit.copyTo?.trim() ? edit.copyTo : null,
      attachments: edit.attachments ?? [],
    };
  };
  const save = () =>
    run(async () => {
      const note = (form.getFieldValue('note') as string | undefined)?.trim();
      await documentsApi.save(code, { ...current(), note: note || null });
      message.success('已保存为新版本');
      onSaved();
    });
  const previewDraft = () => preview.run(() => documentsApi.previewDraft(code, current()));

  const v: TemplateView | undefined = view.data;
  return (
    <Drawer
      open
      width={1100}
      title={v ? `编辑文书模板：${v.name}` : '编辑文书模板'}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} loading={preview.saving} onClick={previewDraft} disabled={!v}>
            预览（示例数据）
          </Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} disabled={!v}>
            保存
          </Button>
        </Space>
      }
    >
      {view.error ? <LoadFailed detail={describeError(view.error)} onRetry={view.reload} /> : null}
      {v ? (
        <Row gutter={24}>
          <Col xs={24} lg={15}>
            <Form<EditorValues>
              form={form}
              layout="vertical"
              aria-label="文书模板"
              initialValues={{ ...v.edit, recipient: v.edit.recipient ?? '', copyTo: v.edit.copyTo ?? '' }}
              onFinish={save}
            >
              <Form.Item
                name="title"
                label="标题"
                rules={[{ required: true, whitespace: true, message: '请填写标题' }]}
              >
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="recipient" label="主送（当事人）" extra="留空则不印主送">
                <Input maxLength={200} />
              </Form.Item>
              <Typography.Title level={5}>正文</Typography.Title>
              <Form.List name="body">
                {(fields, { add, remove, move }) => (
                  <Flex vertical gap={8}>
                    {fields.map((f, i) => (
                      <BlockEditor
                        key={f.key}
                        index={f.name}
                        block={form.getFieldValue(['body', f.name]) as TemplateBlock}
                        onRemove={() => remove(f.name)}
                        onUp={i > 0 ? () => move(i, i - 1) : undefined}
                        onDown={i < fields.length - 1 ? () => move(i, i + 1) : undefined}
                      />
                    ))}
                    <Space>
                      <Button icon={<PlusOutlined />} onClick={() => add({ type: 'paragraph', text: '' })}>
                        段落
                      </Button>
                      <Button
                        icon={<PlusOutlined />}
                        onClick={() => add({ type: 'heading', level: 1, text: '' })}
                      >
                        标题
                      </Button>
                      <Button icon={<PlusOutlined />} onClick={() => add({ type: 'list', items: [''] })}>
                        列表
                      </Button>
                    </Space>
                  </Flex>
                )}
              </Form.List>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                落款与版记
              </Typography.Title>
              <div className="fz-two-cols">
                <Form.Item
                  name={['signature', 'issuer']}
                  label="发文机关署名"
                  rules={[{ required: true, message: '请填写署名' }]}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item
                  name={['signature', 'date']}
                  label="成文日期"
                  rules={[{ required: true, message: '请填写日期' }]}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name="copyTo" label="抄送" extra="留空则不印抄送">
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name="attachments" label="附件" extra="输入后按回车，可填多项">
                  <Select mode="tags" open={false} placeholder="输入后按回车" />
                </Form.Item>
              </div>
              <Form.Item name="note" label="修改说明（记入版本历史和全过程记录）">
                <Input maxLength={200} />
              </Form.Item>
            </Form>
          </Col>
          <Col xs={24} lg={9}>
            <Placeholders view={v} />
          </Col>
        </Row>
      ) : null}
    </Drawer>
  );
}

/** One body block: paragraph and heading as text, a list as one item per line; tables and signatures as they are. */
function BlockEditor({
  index,
  block,
  onRemove,
  onUp,
  onDown,
}: {
  index: number;
  block: TemplateBlock | undefined;
  onRemove: () => void;
  onUp: (() => void) | undefined;
  onDown: (() => void) | undefined;
}) {
  const type = block?.type ?? 'paragraph';
  const editable = (EDITABLE_BLOCKS as readonly string[]).includes(type);
  return (
    <Card
      size="small"
      title={`${index + 1}. ${BLOCK_LABELS[type]}`}
      data-testid={`block-${index}`}
      extra={
        <Space size={4}>
          <Button size="small" type="text" disabled={!onUp} onClick={onUp} aria-label="上移">
            ↑
          </Button>
          <Button size="small" type="text" disabled={!onDown} onClick={onDown} aria-label="下移">
            ↓
          </Button>
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            onClick={onRemove}
            aria-label="删除"
          />
        </Space>
      }
    >
      {type === 'paragraph' ? (
        <>
          <Form.Item name={[index, 'text']} style={{ marginBottom: 8 }}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={4000} />
          </Form.Item>
          <Form.Item
            name={[index, 'indent']}
            label="首行缩进两字"
            valuePropName="checked"
            style={{ marginBottom: 0 }}
            getValueProps={(v: boolean | undefined) => ({ checked: v !== false })}
          >
            <Switch size="small" />
          </Form.Item>
        </>
      ) : null}
      {type === 'heading' ? (
        <Flex gap={8}>
          <Form.Item name={[index, 'level']} style={{ marginBottom: 0, width: 150 }}>
            <Select
              options={[
                { value: 1, label: '一级（一、）' },
                { value: 2, label: '二级（（一））' },
              ]}
            />
          </Form.Item>
          <Form.Item name={[index, 'text']} style={{ marginBottom: 0, flex: 1 }}>
            <Input maxLength={200} />
          </Form.Item>
        </Flex>
      ) : null}
      {type === 'list' ? (
        <Form.Item
          name={[index, 'items']}
          extra="每行一项，自动编号"
          style={{ marginBottom: 0 }}
          getValueProps={(v: string[] | undefined) => ({ value: (v ?? []).join('\n') })}
          normalize={(v: string) => v.split('\n')}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
        </Form.Item>
      ) : null}
      {!editable ? (
        <Typography.Text type="secondary">
          {type === 'table'
            ? `表格（${block?.rows?.length ?? 0} 行），此处不可编辑，保存时原样保留`
            : '落款，此处不可编辑，保存时原样保留'}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

/** The placeholders the template may use, with their meanings; click to copy. */
function Placeholders({ view }: { view: TemplateView }) {
  return (
    <Card size="small" title="可用占位符" style={{ position: 'sticky', top: 0 }} data-testid="placeholders">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        只能使用下列占位符（生成时由案件填入）；可加过滤器，如 {'{{decision.amount|金额}}'}。可用过滤器：
        {view.filters.join('、')}。
      </Typography.Paragraph>
      <Flex vertical gap={6}>
        {view.placeholders.map((p) => (
          <div key={p.path}>
            <Typography.Text code copyable={{ text: `{{${p.path}}}` }}>{`{{${p.path}}}`}</Typography.Text>
            {p.used ? null : <Tag style={{ marginLeft: 4 }}>未使用</Tag>}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.meaning}
              </Typography.Text>
            </div>
          </div>
        ))}
      </Flex>
    </Card>
  );
}

function VersionsModal({
  template,
  onClose,
  onPreview,
}: {
  template: TemplateSummary;
  onClose: () => void;
  onPreview: (version: number) => void;
}) {
  const versions = useRequest(() => documentsApi.versions(template.code), [template.code]);
  const columns: TableColumnsType<TemplateVersion> = [
    { title: '版本', dataIndex: 'version', render: (v: number) => `第 ${v} 版` },
    {
      title: '内容',
      dataIndex: 'status',
      render: (s: TemplateVersion['status']) =>
        s === 'seed' ? <Tag>恢复标准模板</Tag> : <Tag color="blue">本地修改</Tag>,
    },
    { title: '说明', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
    { title: '修改人', dataIndex: 'updatedBy' },
    { title: '时间', dataIndex: 'updatedAt', render: (t: string) => formatTime(t) },
    {
      title: '',
      key: 'preview',
      render: (_, v) => (
        <Button size="small" icon={<DownloadOutlined />} onClick={() => onPreview(v.version)}>
          预览
        </Button>
      ),
    },
  ];
  return (
    <Modal open width={860} title={`历史版本：${template.name}`} footer={null} onCancel={onClose}>
      {versions.error ? (
        <LoadFailed detail={describeError(versions.error)} onRetry={versions.reload} />
      ) : null}
      <Table<TemplateVersion>
        rowKey="version"
        size="small"
        loading={versions.loading}
        dataSource={versions.data ?? []}
        columns={columns}
        pagination={false}
        locale={{ emptyText: <Empty description="尚未修改，现行为标准模板" /> }}
      />
    </Modal>
  );
}
