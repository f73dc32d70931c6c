import { Select, type SelectProps } from 'antd';
import { api } from '../api/endpoints.ts';
import { useRequest } from './useRequest.ts';

/** The positions (岗位) of one unit; empty and disabled until a unit is chosen. */
export function PositionSelect({
  unitId,
  ...rest
}: { unitId: string | undefined } & Omit<SelectProps<string | null>, 'options' | 'loading'>) {
  const positions = useRequest(() => api.org.positions(unitId!), [unitId], !!unitId);
  const options = unitId ? (positions.data ?? []).map((p) => ({ value: p.id, label: p.name })) : [];
  return (
    <Select<string | null>
      allowClear
      placeholder={
        unitId ? (options.length === 0 && !positions.loading ? '该单位暂无岗位' : '选择岗位') : '请先选择单位'
      }
      disabled={!unitId}
      loading={positions.loading}
      options={options}
      {...rest}
    />
  );
}
