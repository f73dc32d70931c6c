import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useFormSubmit } from '../../api/forms.ts';
import {
  ENTITY_STATUS_LABELS,
  ENTITY_TYPES,
  type EntityInput,
  inspectionApi,
  type MarketEntity,
} from '../../api/inspection.ts';
import { DataTable, usePagedQuery } from '../../shared/DataTable.tsx';
import { useMe } from '../../shared/me.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { UnitTreeSelect } from '../../shared/UnitTreeSelect.tsx';
import { XlsxImportButton } from '../../shared/XlsxImportButton.tsx';

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
            <XlsxImportButton
              label="市场主体名录库"
              canImport={mayManage}
              importFile={(body) => inspectionApi.importEntities(body)}
              successText={(r) => `已导入 ${r.created} 户`}
              downloadBadRows={(file) => inspectionApi.downloadBadRows(file)}
              onImported={() => setReload((r) => r + 1)}
            />
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
