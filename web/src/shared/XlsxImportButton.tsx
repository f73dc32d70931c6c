import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
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

/**
 * What the imports answer (enforcement registries, advisers' roster and work ledger, 市场主体名录库). A registry
 * that updates rows says what the import will create, update and leave (`updated`, `unchanged`); a long file may
 * list only its first problems (`problemCount` counts them all).
 */
export interface XlsxImportResult {
  filename: string;
  totalRows: number;
  validRows: number;
  errorRows: number;
  created: number;
  updated?: number;
  unchanged?: number;
  problemCount?: number;
  problems: { row: number; column: string; reason: string }[];
}

const toBase64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
};

const registrySuccess = (r: XlsxImportResult) =>
  `已导入：新增 ${r.created} 条，更新 ${r.updated ?? 0} 条，未变 ${r.unchanged ?? 0} 条`;

/**
 * 导入 Excel: the file is previewed first, every bad row listed by row, column and reason (the first ones, with the
 * count, when there are very many; `downloadBadRows` then offers every bad row as a workbook to correct and import
 * again), then imported in full (only when no row is bad) or valid rows only.
 */
export function XlsxImportButton<R extends XlsxImportResult>({
  label,
  canImport,
  importFile,
  onImported,
  successText = registrySuccess,
  downloadBadRows,
}: {
  label: string;
  canImport: boolean;
  importFile: (body: XlsxImportBody) => Promise<R>;
  onImported: () => void;
  successText?: (r: R) => string;
  downloadBadRows?: (file: { filename: string; contentBase64: string }) => Promise<void>;
}) {
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [preview, setPreview] = useState<R | null>(null);
  const [busy, setBusy] = useState(false);
  const [downloading, setDownloading] = useState(false);

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
      message.success(successText(r));
      setPreview(null);
      setFile(null);
      onImported();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const download = async () => {
    if (!file || !downloadBadRows) return;
    setDownloading(true);
    try {
      await downloadBadRows({ filename: file.name, contentBase64: file.content });
    } catch (e) {
      onError(e);
    } finally {
      setDownloading(false);
    }
  };
  const counted = preview?.problemCount ?? preview?.problems.length ?? 0;

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
              ...(preview.updated !== undefined
                ? [
                    { key: 'c', label: '将新增', children: preview.created },
                    { key: 'u', label: '将更新', children: preview.updated },
                    { key: 'n', label: '无变化', children: preview.unchanged ?? 0 },
                  ]
                : []),
            ]}
          />
          {preview.problems.length > 0 ? (
            <>
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                title={`${preview.errorRows} 行有问题：全部改正后才能导入，或仅导入有效行`}
                description={
                  counted > preview.problems.length
                    ? `共${counted}处问题，此处列出前${preview.problems.length}处；全部有问题的行请下载后在 Excel 中改正，再导入。`
                    : undefined
                }
                action={
                  downloadBadRows && preview.errorRows > 0 ? (
                    <Button
                      size="small"
                      icon={<DownloadOutlined />}
                      loading={downloading}
                      onClick={download}
                      data-testid="download-bad-rows"
                    >
                      下载有问题的行
                    </Button>
                  ) : null
                }
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
