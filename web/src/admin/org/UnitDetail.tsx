import {
  CheckCircleOutlined,
  EditOutlined,
  PlusOutlined,
  StopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/endpoints.ts';
import { useErrorHandler } from '../../api/forms.ts';
import type { Position, Unit } from '../../api/types.ts';
import { invalidate } from '../../shared/cache.ts';
import { useMe } from '../../shared/me.tsx';
import { useUnitKinds } from '../../shared/units.ts';
import { useRequest } from '../../shared/useRequest.ts';
import { PositionFormModal } from './PositionFormModal.tsx';
import { UnitFormModal, type UnitFormTarget } from './UnitFormModal.tsx';

/** The selected unit: its details, its positions and (for managers) what can be done with it. */
export function UnitDetail({
  unit,
  parent,
  childCount,
  onSelect,
}: {
  unit: Unit;
  parent: Unit | undefined;
  childCount: number;
  onSelect: (id: string) => void;
}) {
  const { can } = useMe();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const navigate = useNavigate();
  const kinds = useUnitKinds();
  const positions = useRequest(() => api.org.positions(unit.id), [unit.id]);
  const [form, setForm] = useState<UnitFormTarget | null>(null);
  const [addingPosition, setAddingPosition] = useState(false);
  const [toggling, setToggling] = useState(false);
  const manage = unit.canManage && can('org.unit.manage');
  const active = unit.status === 'active';

  const toggleStatus = async () => {
    setToggling(true);
    try {
      await api.org.updateUnit(unit.id, { status: active ? 'disabled' : 'active' });
      message.success(active ? '单位已停用' : '单位已启用');
      invalidate('org.units');
    } catch (e) {
      onError(e);
    } finally {
      setToggling(false);
    }
  };

  const actions = manage ? (
    <Space wrap>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setForm({ mode: 'create', parent: unit })}
      >
        新增下级单位
      </Button>
      <Button icon={<EditOutlined />} onClick={() => setForm({ mode: 'edit', unit })}>
        编辑
      </Button>
      {unit.parentId ? (
        <Popconfirm
          title={active ? '停用该单位？' : '启用该单位？'}
          description={active ? '须先停用其下级单位和人员。停用后不能在该单位下新建用户。' : undefined}
          okText={active ? '停用' : '启用'}
          okButtonProps={{ danger: active }}
          onConfirm={toggleStatus}
        >
          <Button
            danger={active}
            icon={active ? <StopOutlined /> : <CheckCircleOutlined />}
            loading={toggling}
          >
            {active ? '停用' : '启用'}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  ) : null;

  return (
    <Flex vertical gap={16}>
      <Card
        variant="borderless"
        title={
          <Space>
            <span>{unit.name}</span>
            <Tag color={active ? 'green' : 'default'}>{active ? '启用' : '停用'}</Tag>
          </Space>
        }
        extra={actions}
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="unit-details">
          <Descriptions.Item label="单位名称">{unit.name}</Descriptions.Item>
          <Descriptions.Item label="简称">{unit.shortName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="单位类型">{kinds.label(unit.kind)}</Descriptions.Item>
          <Descriptions.Item label="统一社会信用代码">
            {unit.creditCode ? <Typography.Text copyable>{unit.creditCode}</Typography.Text> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="上级单位">
            {parent ? (
              <Typography.Link onClick={() => onSelect(parent.id)}>{parent.name}</Typography.Link>
            ) : unit.parentId ? (
              '（无权查看）'
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="下级单位">{childCount} 个</Descriptions.Item>
          <Descriptions.Item label="排序">{unit.sort}</Descriptions.Item>
          <Descriptions.Item label="层级">{unit.depth + 1} 级</Descriptions.Item>
        </Descriptions>
        {can('access.user.read') ? (
          <Button
            type="link"
            icon={<TeamOutlined />}
            style={{ paddingInline: 0, marginTop: 8 }}
            onClick={() => navigate(`/admin/users?unitId=${unit.id}`)}
          >
            查看本单位及下级的用户
          </Button>
        ) : null}
      </Card>
      <Card
        variant="borderless"
        title="岗位"
        extra={
          manage ? (
            <Button icon={<PlusOutlined />} onClick={() => setAddingPosition(true)}>
              新增岗位
            </Button>
          ) : null
        }
      >
        <Table<Position>
          size="small"
          rowKey="id"
          loading={positions.loading}
          dataSource={positions.data ?? []}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无岗位" /> }}
          columns={[
            { title: '岗位名称', dataIndex: 'name' },
            { title: '排序', dataIndex: 'sort', width: 100 },
          ]}
        />
      </Card>
      {form ? (
        <UnitFormModal
          target={form}
          onClose={() => setForm(null)}
          onSaved={(saved) => {
            message.success(form.mode === 'create' ? '单位已新增' : '单位已保存');
            setForm(null);
            onSelect(saved.id);
          }}
        />
      ) : null}
      {addingPosition ? (
        <PositionFormModal
          unit={unit}
          onClose={() => setAddingPosition(false)}
          onSaved={(p) => {
            message.success(`岗位“${p.name}”已新增`);
            setAddingPosition(false);
            positions.reload();
          }}
        />
      ) : null}
    </Flex>
  );
}
