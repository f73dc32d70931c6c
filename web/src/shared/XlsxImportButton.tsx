import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Modal, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { useErrorHandler } from '../api/forms.ts';

/** What an import endpoint takes: the workbook, and whether to preview it or import it. */
export interface XlsxImportBody {
  filename: string;
  contentBase64: string;
  mode: 'preview' | 'import';
  validRowsOnly?: boolean;
}

/** What the registry imports answer (enforcement registries, advisers' roster and work ledger). */
export interface XlsxImportResult {
  filename: string;
  totalRows: number;
  validRows: number;
  errorRows: number;
  created: number;
  updated: number;
  unchanged: number;
  problems: { row: number; column: string; reason: string }[];
}

const toBase64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
};

/**
 * 导入 Excel for a registry (执法事项清单, 执法人员名册, 法律顾问名册, 工作台账): the file is previewed first, every bad row
 * listed by row, column and reason, then imported in full (only when no row is bad) or valid rows only.
 */
export function XlsxImportButton({
  label,
  canImport,
  importFile,
  onImported,
}: {
  label: string;
  canImport: boolean;
  importFile: (body: XlsxImportBody) => Promise<XlsxImportResult>;
  onImported: () => void;
}) {
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [preview, setPreview] = useState<XlsxImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (f: File) => {
    setBusy(true);
    try {
      const content = await toBase64(f);
      const r = await importFile({
        filename: f.name,
        contentBase64: content,
        mode: 'preview',
      });
      setFile({ name: f.name, content });
      setPreview(r);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const run = async (validRowsOnly: boolean) => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await importFile({
        filename: file.name,
        contentBase64: file.content,
        mode: 'import',
        ...(validRowsOnly ? { validRowsOnly } : {}),
      });
      message.success(`已导入：新增 ${r.created} 条，更新 ${r.updated} 条，未变 ${r.unchanged} 条`);
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
      {canImport ? (
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          beforeUpload={(f) => {
            void choose(f);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy && !preview} data-testid="import-xlsx">
            导入 Excel
          </Button>
        </Upload>
      ) : null}
      {preview ? (
        <Modal
          open
          width={820}
          title={`导入${label}：${preview.filename}`}
          onCancel={() => setPreview(null)}
          data-testid="import-preview"
          footer={
            <Space>
              <Button onClick={() => setPreview(null)}>取消</Button>
              {preview.errorRows > 0 && preview.validRows > 0 ? (
                <Button loading={busy} onClick={() => run(true)}>
                  仅导入 {preview.validRows} 行有效数据
                </Button>
              ) : null}
              <Button
                type="primary"
                loading={busy}
                disabled={preview.errorRows > 0}
                onClick={() => run(false)}
              >
                导入
              </Button>
            </Space>
          }
        >
          <Descriptions
            size="small"
            column={3}
            style={{ marginBottom: 16 }}
            items={[
              { key: 't', label: '总行数', children: preview.totalRows },
              { key: 'v', label: '有效', children: preview.validRows },
              { key: 'e', label: '有问题', children: preview.errorRows },
              { key: 'c', label: '将新增', children: preview.created },
              { key: 'u', label: '将更新', children: preview.updated },
              { key: 'n', label: '无变化', children: preview.unchanged },
            ]}
          />
          {preview.problems.length > 0 ? (
            <>
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                title={`${preview.errorRows} 行有问题：全部改正后才能导入，或仅导入有效行`}
              />
              <Table
                size="small"
                rowKey={(p) => `${p.row}/${p.column}/${p.reason}`}
                dataSource={preview.problems}
                pagination={preview.problems.length > 10 ? { pageSize: 10 } : false}
                columns={[
                  { title: '行', dataIndex: 'row', width: 70 },
                  { title: '列', dataIndex: 'column', width: 140 },
                  { title: '问题', dataIndex: 'reason' },
                ]}
                data-testid="import-problems"
              />
            </>
          ) : (
            <Alert type="success" showIcon title="文件中没有发现问题，可以导入" />
          )}
        </Modal>
      ) : null}
    </>
  );
}
