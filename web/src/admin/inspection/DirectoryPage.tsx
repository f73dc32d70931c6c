import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useErrorHandler, useFormSubmit } from '../../api/forms.ts';
import {
  ENTITY_STATUS_LABELS,
  ENTITY_TYPES,
  type EntityImportResult,
  type EntityInput,
  inspectionApi,
  type MarketEntity,
} from '../../api/inspection.ts';
import { DataTable, usePagedQuery } from '../../shared/DataTable.tsx';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { UnitTreeSelect } from '../../shared/UnitTreeSelect.tsx';

const toBase64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
};

/** 市场主体名录库: list and search, register and edit, Excel import (every bad row with its reason) and export. */
export function DirectoryPage() {
  const { can } = useMe();
  const mayManage = can('inspection.directory.manage');
  const [q, setQ] = useState<string | undefined>();
  const [reload, setReload] = useState(0);
  const query = usePagedQuery(
    (f: { q?: string | undefined; reload: number }, page, pageSize) =>
      inspectionApi.entities({ ...(f.q ? { q: f.q } : {}), page, pageSize }),
    { q, reload },
  );
  const [editing, setEditing] = useState<MarketEntity | 'new' | null>(null);
  return (
    <>
      <PageHeader
        title="市场主体名录库"
        subTitle="检查对象名录：统一社会信用代码（GB 32100 校验）、类型、行业、住所、所属镇街、法定代表人、状态"
        extra={
          <Space>
            <Button
              icon={<DownloadOutlined />}
              href={inspectionApi.exportUrl}
              download
              data-testid="export-xlsx"
            >
              导出 Excel
            </Button>
            {mayManage ? <ImportButton onImported={() => setReload((r) => r + 1)} /> : null}
            {mayManage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                登记市场主体
              </Button>
            ) : null}
          </Space>
        }
      />
      <Input.Search
        allowClear
        placeholder="名称或统一社会信用代码"
        style={{ maxWidth: 320, marginBottom: 12 }}
        onSearch={(v) => setQ(v || undefined)}
      />
      <DataTable<MarketEntity>
        rowKey="id"
        query={query}
        data-testid="entities-table"
        columns={[
          { title: '统一社会信用代码', dataIndex: 'uscc' },
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'entityType' },
          { title: '行业', dataIndex: 'industry' },
          { title: '所属镇街', dataIndex: 'townName' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (v: string) => (
              <Tag color={v === 'active' ? 'green' : 'default'}>{ENTITY_STATUS_LABELS[v]}</Tag>
            ),
          },
          {
            title: '操作',
            key: 'ops',
            render: (_: unknown, e) =>
              e.canManage ? (
                <Button type="link" size="small" onClick={() => setEditing(e)}>
                  编辑
                </Button>
              ) : null,
          },
        ]}
      />
      {editing ? (
        <EntityModal
          entity={editing === 'new' ? null : editing}
          onClose={() => {
            setEditing(null);
            setReload((r) => r + 1);
          }}
        />
      ) : null}
    </>
  );
}

function EntityModal({ entity, onClose }: { entity: MarketEntity | null; onClose: () => void }) {
  const [form] = Form.useForm<EntityInput>();
  const { saving, run } = useFormSubmit(form);
  return (
    <Modal
      open
      title={entity ? '编辑市场主体' : '登记市场主体'}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<EntityInput>
        form={form}
        layout="vertical"
        initialValues={entity ?? { entityType: '企业', status: 'active' }}
        data-testid="entity-form"
        onFinish={(v) =>
          run(async () => {
            if (entity) {
              const { uscc: _uscc, ...patch } = v;
              await inspectionApi.updateEntity(entity.id, patch);
            } else await inspectionApi.createEntity(v);
            onClose();
          })
        }
      >
        <Form.Item name="uscc" label="统一社会信用代码">
          <Input disabled={!!entity} maxLength={18} />
        </Form.Item>
        <Form.Item name="name" label="名称">
          <Input />
        </Form.Item>
        <Form.Item name="entityType" label="类型">
          <Select options={ENTITY_TYPES.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Form.Item name="industry" label="行业">
          <Input />
        </Form.Item>
        <Form.Item name="address" label="住所">
          <Input />
        </Form.Item>
        <Form.Item name="townId" label="所属镇街">
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item name="legalRepresentative" label="法定代表人/负责人/经营者">
          <Input />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select
            options={Object.entries(ENTITY_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Preview first: the bad rows with their column and reason (the first 1,000 problems; every bad row as a
 * downloadable workbook to correct and import again); then import all (no bad row) or the valid rows only.
 */
function ImportButton({ onImported }: { onImported: () => void }) {
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [preview, setPreview] = useState<EntityImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const choose = async (f: File) => {
    setBusy(true);
    try {
      const content = await toBase64(f);
      setPreview(
        await inspectionApi.importEntities({ filename: f.name, contentBase64: content, mode: 'preview' }),
      );
      setFile({ name: f.name, content });
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const [downloading, setDownloading] = useState(false);
  /** Every bad row with its reasons, as an .xlsx in the import's layout (corrected, it can be imported again). */
  const downloadBadRows = async () => {
    if (!file) return;
    setDownloading(true);
    try {
      await inspectionApi.downloadBadRows({ filename: file.name, contentBase64: file.content });
    } catch (e) {
      onError(e);
    } finally {
      setDownloading(false);
    }
  };
  const run = async (validRowsOnly: boolean) => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await inspectionApi.importEntities({
        filename: file.name,
        contentBase64: file.content,
        mode: 'import',
        ...(validRowsOnly ? { validRowsOnly } : {}),
      });
      message.success(`已导入 ${r.created} 户`);
      setPreview(null);
      setFile(null);
      onImported();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Upload
        accept=".xlsx"
        showUploadList={false}
        beforeUpload={(f) => {
          void choose(f);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-testid="import-xlsx">
          导入 Excel
        </Button>
      </Upload>
      {preview ? (
        <Modal
          open
          width={760}
          title={`导入预览：${preview.filename}`}
          onCancel={() => setPreview(null)}
          footer={
            <Space>
              <Button onClick={() => setPreview(null)}>取消</Button>
              {preview.errorRows > 0 && preview.validRows > 0 ? (
                <Button loading={busy} onClick={() => run(true)}>
                  只导入{preview.validRows}行正确数据
                </Button>
              ) : null}
              <Button
                type="primary"
                loading={busy}
                disabled={preview.errorRows > 0}
                onClick={() => run(false)}
              >
                全部导入
              </Button>
            </Space>
          }
        >
          <Descriptions
            size="small"
            column={3}
            items={[
              { key: 't', label: '数据行', children: preview.totalRows },
              { key: 'v', label: '正确', children: preview.validRows },
              { key: 'e', label: '有误', children: preview.errorRows },
            ]}
          />
          {preview.problems.length ? (
            <>
              <Alert
                type="warning"
                showIcon
                title="以下数据有误；文件有误时不导入，除非选择只导入正确的行"
                description={
                  preview.problemCount > preview.problems.length
                    ? `共${preview.problemCount}处问题，此处列出前${preview.problems.length}处；全部有误的行请下载后在 Excel 中改正，再导入。`
                    : undefined
                }
                action={
                  preview.errorRows > 0 && file ? (
                    <Button
                      size="small"
                      icon={<DownloadOutlined />}
                      loading={downloading}
                      onClick={downloadBadRows}
                      data-testid="download-bad-rows"
                    >
                      下载有误的行
                    </Button>
                  ) : null
                }
              />
              <Table
                size="small"
                rowKey={(p) => `${p.row}/${p.column}/${p.reason}`}
                dataSource={preview.problems}
                pagination={{ pageSize: 10 }}
                data-testid="import-problems"
                columns={[
                  { title: '行', dataIndex: 'row', width: 60 },
                  { title: '列', dataIndex: 'column', width: 140 },
                  { title: '原因', dataIndex: 'reason' },
                ]}
              />
            </>
          ) : (
            <Alert type="success" showIcon title="全部数据正确" />
          )}
        </Modal>
      ) : null}
    </>
  );
}
