import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import type { JsonSchema } from '../../api/types.ts';
import { type CaseTypeUi, enumLabel, enumValues, fieldLabel, type Path } from './labels.ts';

/**
 * A small JSON Schema → antd Form renderer for the inputs of workflow steps: strings (short ones as Input,
 * long ones as TextArea), enums (Select), dates (DatePicker giving YYYY-MM-DD), booleans (Switch), numbers,
 * nested objects (a fieldset) and arrays of objects (Form.List). Required fields come from the schema; the
 * server checks everything again and its field problems land on these fields.
 */

/** Strings longer than this get a TextArea. */
const LONG_TEXT = 200;

type Kind =
  | 'enum'
  | 'date'
  | 'text'
  | 'textarea'
  | 'boolean'
  | 'number'
  | 'object'
  | 'list'
  | 'multi'
  | 'tags';

const typeOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

/** `anyOf: [X, { type: 'null' }]` (a nullable X) is X. */
function unwrap(s: JsonSchema): JsonSchema {
  const alts = s.anyOf ?? s.oneOf;
  if (!alts || enumValues(s)) return s;
  const real = alts.filter((a) => a.type !== 'null');
  if (real.length !== 1) return s;
  return {
    ...real[0],
    ...(s.title ? { title: s.title } : {}),
    ...(s.description ? { description: s.description } : {}),
  };
}

function kindOf(s: JsonSchema): Kind {
  if (enumValues(s)) return 'enum';
  switch (typeOf(s)) {
    case 'boolean':
      return 'boolean';
    case 'number':
    case 'integer':
      return 'number';
    case 'object':
      return 'object';
    case 'array': {
      const item = unwrap(s.items ?? {});
      if (typeOf(item) === 'object') return 'list';
      return enumValues(item) ? 'multi' : 'tags';
    }
    default:
      if (s.format === 'date') return 'date';
      return (s.maxLength ?? 0) > LONG_TEXT ? 'textarea' : 'text';
  }
}

/** Form.Item props that keep a date as `YYYY-MM-DD` in the form values while the DatePicker works on dayjs. */
export const dateField = {
  getValueProps: (v?: string | null) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};

export const today = () => dayjs().format('YYYY-MM-DD');

/**
 * Starting values: schema defaults, `false` for switches, today for required dates, and the minimum number of
 * rows for lists.
 */
export function defaultsFor(schema: JsonSchema, required = false): unknown {
  const s = unwrap(schema);
  if (s.default !== undefined) return s.default;
  switch (kindOf(s)) {
    case 'object': {
      const req = new Set(s.required ?? []);
      const out: Record<string, unknown> = {};
      for (const [k, p] of Object.entries(s.properties ?? {})) {
        const v = defaultsFor(p, req.has(k));
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    case 'boolean':
      return false;
    case 'date':
      return required ? today() : undefined;
    case 'list':
      return Array.from({ length: s.minItems ?? 0 }, () => defaultsFor(s.items ?? {}));
    default:
      return undefined;
  }
}

/** Drops empty strings and nulls (an empty optional field is left out, not sent as ""), recursively. */
export function cleanValues(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (Array.isArray(v)) return v.map(cleanValues).filter((x) => x !== undefined);
  if (typeof v === 'object' && !dayjs.isDayjs(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const c = cleanValues(x);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return v;
}

export interface SchemaContext {
  ui?: CaseTypeUi | undefined;
  /** The step the form is for (labels may differ per step). */
  step?: string | undefined;
}

/** The fields of an object schema. `name` is the form name prefix (relative inside a Form.List). */
export function SchemaFields({
  schema,
  name = [],
  path = [],
  ctx = {},
}: {
  schema: JsonSchema;
  name?: Path;
  /** Where the fields sit in the data, without list indices (for labels). */
  path?: Path;
  ctx?: SchemaContext;
}) {
  const s = unwrap(schema);
  const required = new Set(s.required ?? []);
  return (
    <div className="fz-schema-grid">
      {Object.entries(s.properties ?? {}).map(([key, prop]) => (
        <SchemaField
          key={key}
          schema={prop}
          name={[...name, key]}
          path={[...path, key]}
          required={required.has(key)}
          ctx={ctx}
        />
      ))}
    </div>
  );
}

function SchemaField({
  schema,
  name,
  path,
  required,
  ctx,
}: {
  schema: JsonSchema;
  name: Path;
  path: Path;
  required: boolean;
  ctx: SchemaContext;
}) {
  const s = unwrap(schema);
  const kind = kindOf(s);
  const label = fieldLabel(path, s, ctx.ui, ctx.step);
  const custom = ctx.step
    ? ctx.ui?.controls?.[ctx.step]?.[path.filter((p) => typeof p === 'string').join('.')]
    : undefined;
  const wide = kind === 'textarea' || kind === 'object' || kind === 'list' || kind === 'tags';

  if (kind === 'object')
    return (
      <fieldset className="fz-fieldset fz-span">
        <legend>{label}</legend>
        <SchemaFields schema={s} name={name} path={path} ctx={ctx} />
      </fieldset>
    );
  if (kind === 'list') return <SchemaList schema={s} name={name} path={path} label={label} ctx={ctx} />;

  const choose = kind === 'enum' || kind === 'date' || kind === 'multi';
  const rules: Rule[] = [];
  if (required && kind !== 'boolean')
    // Only text gets `whitespace`: with a second key async-validator checks the value as a string, which
    // refused every chosen value of a multiple select (an array) and every number.
    rules.push({
      required: true,
      // Without a type the rule checks for a string, and a filled list or number fails with this message.
      ...(kind === 'multi' || kind === 'tags'
        ? { type: 'array' as const }
        : kind === 'number'
          ? { type: 'number' as const }
          : {}),
      ...(kind === 'text' || kind === 'textarea' ? { whitespace: true } : {}),
      message: `${choose ? '请选择' : '请填写'}${label}`,
    });
  if ((kind === 'text' || kind === 'textarea') && s.maxLength)
    rules.push({ max: s.maxLength, message: `${label}不能超过${s.maxLength}个字` });
  if ((kind === 'multi' || kind === 'tags') && s.minItems)
    rules.push({ type: 'array', min: s.minItems, message: `${label}至少${s.minItems}项` });
  // The description is help text unless it already served as the label.
  const extra = s.description && s.description !== label ? s.description : undefined;

  return (
    <Form.Item
      name={name}
      label={label}
      rules={rules}
      extra={extra}
      className={wide ? 'fz-span' : undefined}
      {...(kind === 'boolean' ? { valuePropName: 'checked' } : {})}
      {...(kind === 'date' ? dateField : {})}
    >
      {custom ? custom() : control(kind, s, path, required, ctx)}
    </Form.Item>
  );
}

function control(kind: Kind, s: JsonSchema, path: Path, required: boolean, ctx: SchemaContext) {
  const options = (schema: JsonSchema) =>
    (enumValues(schema) ?? []).map((v) => ({
      value: v as string,
      label: enumLabel(v, path, schema, ctx.ui),
    }));
  switch (kind) {
    case 'enum':
      return <Select options={options(s)} placeholder="请选择" allowClear={!required} />;
    case 'multi':
      return <Select mode="multiple" options={options(unwrap(s.items ?? {}))} placeholder="请选择" />;
    case 'tags':
      return <Select mode="tags" open={false} placeholder="输入后按回车" />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} />;
    case 'boolean':
      return <Switch checkedChildren="是" unCheckedChildren="否" />;
    case 'number':
      return (
        <InputNumber
          style={{ width: '100%' }}
          {...(s.minimum !== undefined ? { min: s.minimum } : {})}
          {...(s.maximum !== undefined ? { max: s.maximum } : {})}
          {...(typeOf(s) === 'integer' ? { precision: 0 } : {})}
        />
      );
    case 'textarea':
      return <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={s.maxLength} showCount />;
    default:
      return <Input maxLength={s.maxLength} />;
  }
}

/** An array of objects: one bordered row per item, add and remove buttons, and the minimum count checked. */
function SchemaList({
  schema,
  name,
  path,
  label,
  ctx,
}: {
  schema: JsonSchema;
  name: Path;
  path: Path;
  label: string;
  ctx: SchemaContext;
}) {
  const items = unwrap(schema.items ?? {});
  const min = schema.minItems ?? 0;
  const max = schema.maxItems;
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_, value?: unknown[]) => {
            if ((value?.length ?? 0) < min) throw new Error(`${label}至少${min}项`);
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <fieldset className="fz-fieldset fz-span">
          <legend>{label}</legend>
          {fields.map((f, i) => (
            <fieldset key={f.key} className="fz-list-row" aria-label={`${label}第${i + 1}项`}>
              <SchemaFields schema={items} name={[f.name]} path={path} ctx={ctx} />
              <Button
                type="text"
                danger
                icon={<MinusCircleOutlined />}
                aria-label={`删除第${i + 1}项`}
                onClick={() => remove(f.name)}
              />
            </fieldset>
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            disabled={max !== undefined && fields.length >= max}
            onClick={() => add(defaultsFor(items))}
          >
            添加{label}
          </Button>
          <Form.ErrorList errors={errors} />
        </fieldset>
      )}
    </Form.List>
  );
}
