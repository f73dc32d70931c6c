import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { useFormErrors } from '../../api/forms.ts';
import type { Unit, UnitBody } from '../../api/types.ts';
import { invalidate } from '../../shared/cache.ts';
import { UnitTreeSelect } from '../../shared/UnitTreeSelect.tsx';
import { subtreeIds, useUnitKinds, useUnits } from '../../shared/units.ts';

interface Values {
  parentId?: string;
  kind?: string;
  name: string;
  shortName?: string;
  creditCode?: string;
  sort?: number;
}

export type UnitFormTarget = { mode: 'create'; parent: Unit } | { mode: 'edit'; unit: Unit };

const orNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** Only the fields that changed, so a PATCH never sends what the user did not touch. */
function changes(unit: Unit, v: Values): UnitBody {
  const out: UnitBody = {};
  if (v.name.trim() !== unit.name) out.name = v.name.trim();
  if (orNull(v.shortName) !== unit.shortName) out.shortName = orNull(v.shortName);
  if (orNull(v.creditCode) !== unit.creditCode) out.creditCode = orNull(v.creditCode);
  if ((v.sort ?? 0) !== unit.sort) out.sort = v.sort ?? 0;
  if (v.kind && v.kind !== unit.kind) out.kind = v.kind;
  if (v.parentId && v.parentId !== unit.parentId) out.parentId = v.parentId;
  return out;
}

/** Add a child unit, or edit a unit (including moving it under another parent). */
export function UnitFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: UnitFormTarget;
  onClose: () => void;
  onSaved: (unit: Unit) => void;
}) {
  const [form] = Form.useForm<Values>();
  const onError = useFormErrors(form);
  const kinds = useUnitKinds();
  const units = useUnits();
  const [saving, setSaving] = useState(false);
  const editing = target.mode === 'edit' ? target.unit : null;
  const isRoot = editing !== null && editing.parentId === null;
  const blocked = editing ? subtreeIds(units.data ?? [], editing.id) : new Set<string>();

  const initial: Partial<Values> = editing
    ? {
        parentId: editing.parentId ?? undefined,
        kind: editing.kind,
        name: editing.name,
        shortName: editing.shortName ?? '',
        creditCode: editing.creditCode ?? '',
        sort: editing.sort,
      }
    : { sort: 0 };

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      let saved: Unit;
      if (editing) {
        const body = changes(editing, v);
        if (Object.keys(body).length === 0) {
          onClose();
          return;
        }
        saved = await api.org.updateUnit(editing.id, body);
      } else {
        const parent = (target as { parent: Unit }).parent;
        saved = await api.org.createUnit({
          parentId: parent.id,
          kind: v.kind!,
          name: v.name.trim(),
          shortName: orNull(v.shortName),
          creditCode: orNull(v.creditCode),
          sort: v.sort ?? 0,
        });
      }
      invalidate('org.units');
      onSaved(saved);
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={
        editing
          ? `编辑单位：${editing.name}`
          : `新增下级单位（上级：${(target as { parent: Unit }).parent.name}）`
      }
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        aria-label="单位信息"
      >
        {editing && !isRoot ? (
          <Form.Item
            name="parentId"
            label="上级单位"
            rules={[{ required: true, message: '请选择上级单位' }]}
            extra="移动单位时，其下级单位和人员一并移动"
          >
            <UnitTreeSelect allowClear={false} isDisabled={(u) => blocked.has(u.id) || !u.canManage} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="name"
          label="单位名称"
          rules={[{ required: true, whitespace: true, message: '请输入单位名称' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="shortName" label="简称">
          <Input maxLength={30} />
        </Form.Item>
        {isRoot ? null : (
          <Form.Item name="kind" label="单位类型" rules={[{ required: true, message: '请选择单位类型' }]}>
            <Select
              loading={kinds.loading}
              options={(kinds.data ?? [])
                .filter((k) => k.value !== 'government')
                .map((k) => ({ value: k.value, label: k.label }))}
            />
          </Form.Item>
        )}
        <Form.Item name="creditCode" label="统一社会信用代码" extra="18位，内设机构等可不填">
          <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="sort" label="排序" extra="数字越小越靠前">
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
