import { Alert, Form, Modal, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useFormErrors } from '../../api/forms.ts';
import type { JsonSchema } from '../../api/types.ts';
import type { CaseTypeUi } from './labels.ts';
import { type Blocked, BlockedAlert, blockedBy } from './problems.tsx';
import { cleanValues, defaultsFor, SchemaFields } from './SchemaFields.tsx';

export interface StepFormProps<T> {
  /** The modal title, e.g. the step's label. */
  title: string;
  /** JSON Schema of what the step needs; null or no properties: a confirmation only. */
  schema: JsonSchema | null;
  ui?: CaseTypeUi | undefined;
  /** The step's name (for per-step labels and help). */
  step?: string;
  okText?: string;
  /** Values to start from (over the schema's defaults). */
  initialValues?: Record<string, unknown>;
  /** Sends the cleaned values; a rejection shows field problems on the fields and refusals in an Alert. */
  submit: (values: Record<string, unknown>) => Promise<T>;
  onClose: () => void;
  onDone: (result: T) => void;
  /** Called when the server refused because the case changed meanwhile (to reload it). */
  onStale?: () => void;
}

/**
 * A modal form for one workflow step, rendered from the step's JSON Schema. Server field problems are put on
 * the fields (`useFormErrors`); unmet legal conditions (409 `WORKFLOW.GUARD_FAILED`) are listed in an Alert.
 */
export function StepForm<T>({
  title,
  schema,
  ui,
  step,
  okText = '提交',
  initialValues,
  submit,
  onClose,
  onDone,
  onStale,
}: StepFormProps<T>) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const onError = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const [blocked, setBlocked] = useState<Blocked | null>(null);
  const initial = useMemo(
    () => ({ ...((schema ? defaultsFor(schema) : {}) as Record<string, unknown>), ...initialValues }),
    [schema, initialValues],
  );
  const empty = !schema || Object.keys(schema.properties ?? {}).length === 0;
  const help = step ? ui?.stepHelp?.[step] : undefined;

  const finish = async (values: Record<string, unknown>) => {
    setSaving(true);
    setBlocked(null);
    try {
      onDone(await submit((cleanValues(values) ?? {}) as Record<string, unknown>));
    } catch (e) {
      const b = blockedBy(e);
      if (b) {
        setBlocked(b);
        if (b.stale) onStale?.();
      } else onError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={{ 'data-testid': 'step-form-submit' } as Record<string, string>}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={empty ? 480 : 680}
    >
      {help ? <Alert type="info" showIcon title={help} style={{ marginBottom: 16 }} /> : null}
      <BlockedAlert blocked={blocked} />
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={finish}
        aria-label={title}
        data-testid="step-form"
      >
        {empty ? (
          <Typography.Paragraph>确认办理“{title}”？</Typography.Paragraph>
        ) : (
          <SchemaFields schema={schema} ctx={{ ui, step }} />
        )}
      </Form>
    </Modal>
  );
}
