import { Tag, TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import type { Unit } from '../api/types.ts';
import { buildUnitTree, type UnitNode, useUnits } from './units.ts';

interface TreeOption {
  value: string;
  title: React.ReactNode;
  label: string;
  disabled?: boolean;
  children?: TreeOption[];
}

export interface UnitTreeSelectProps
  extends Omit<TreeSelectProps<string | string[]>, 'treeData' | 'loading' | 'value' | 'onChange'> {
  value?: string | string[] | null;
  onChange?: (value: string | string[] | undefined) => void;
  /** Units that cannot be chosen (shown greyed out). */
  isDisabled?: (unit: Unit) => boolean;
  /** Disabled (停用) units cannot be chosen unless this is set. */
  allowInactive?: boolean;
  multiple?: boolean;
}

function toOptions(nodes: UnitNode[], isOff: (u: Unit) => boolean): TreeOption[] {
  return nodes.map(({ unit, children }) => ({
    value: unit.id,
    label: unit.name,
    title:
      unit.status === 'active' ? (
        unit.name
      ) : (
        <span>
          {unit.name}{' '}
          <Tag color="default" style={{ marginInlineStart: 4 }}>
            停用
          </Tag>
        </span>
      ),
    disabled: isOff(unit),
    ...(children.length > 0 ? { children: toOptions(children, isOff) } : {}),
  }));
}

/** A searchable tree of the units the user may see (virtual scroll, ~450 units in a district). */
export function UnitTreeSelect({
  isDisabled,
  allowInactive,
  multiple,
  value,
  onChange,
  ...rest
}: UnitTreeSelectProps) {
  const { data, loading } = useUnits();
  const treeData = useMemo(() => {
    const off = (u: Unit) => (!allowInactive && u.status !== 'active') || (isDisabled?.(u) ?? false);
    return toOptions(buildUnitTree(data ?? []), off);
  }, [data, isDisabled, allowInactive]);
  const roots = treeData.map((n) => n.value);
  return (
    <TreeSelect<string | string[]>
      showSearch={{ treeNodeFilterProp: 'label' }}
      treeNodeLabelProp="label"
      allowClear
      placeholder="选择单位"
      treeDefaultExpandedKeys={roots}
      listHeight={360}
      loading={loading}
      treeData={treeData}
      multiple={multiple}
      {...(multiple ? { maxTagCount: 'responsive' as const } : {})}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      {...rest}
    />
  );
}
