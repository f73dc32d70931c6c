import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { enforcementApi, type RegistryKind } from '../../api/enforcement.ts';
import { XlsxImportButton } from '../../shared/XlsxImportButton.tsx';

const LABELS: Record<RegistryKind, string> = { matters: '执法事项清单', officers: '执法人员名册' };

/**
 * 导出 Excel (anyone who may read the registry) and 导入 Excel (`manage`, previewed first: XlsxImportButton).
 */
export function RegistryFileButtons({
  kind,
  canImport,
  onImported,
}: {
  kind: RegistryKind;
  canImport: boolean;
  onImported: () => void;
}) {
  return (
    <>
      <Button
        icon={<DownloadOutlined />}
        href={enforcementApi.exportUrl(kind)}
        download
        data-testid="export-xlsx"
      >
        导出 Excel
      </Button>
      <XlsxImportButton
        label={LABELS[kind]}
        canImport={canImport}
        importFile={(body) => enforcementApi.importFile(kind, body)}
        onImported={onImported}
      />
    </>
  );
}
