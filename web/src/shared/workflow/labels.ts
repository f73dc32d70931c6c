import type { ComponentType, ReactElement } from 'react';
import type { CaseDetail, DeadlineColour, JsonSchema } from '../../api/types.ts';

/**
 * What a module tells the shared workflow screens about its case type, until the server's JSON Schemas carry
 * Chinese titles and enum labels themselves (a schema's own `title` and enum labels always win).
 */
export interface CaseTypeUi {
  /** Chinese names of fields, by dotted path (`applicant.name`) or by name alone (`reason`). */
  fields?: Record<string, string>;
  /** Per step: names that differ from `fields` (e.g. `receivedOn` of 收到补正材料). */
  stepFields?: Record<string, Record<string, string>>;
  /** Chinese labels of enum values, by field path or name. */
  enums?: Record<string, Record<string, string>>;
  /** Per step: one line of guidance shown at the top of its form. */
  stepHelp?: Record<string, string>;
  /** The `step` values of approvals that this case type's rules look for. */
  approvalSteps?: { value: string; label: string }[];
  /**
   * Per step: a control that replaces the one the schema would give, by dotted field path (e.g. a select of
   * officers for a list of user ids). The form item passes it `value` and `onChange`.
   */
  controls?: Record<string, Record<string, () => ReactElement>>;
  /** Facts not shown in the facts panel (internal flags). */
  hiddenFacts?: string[];
  /** Cards shown under the case's facts for what only this case type has (e.g. its documents). */
  panels?: ComponentType<{ detail: CaseDetail }>[];
  /**
   * Per step: values the form starts from, fetched when it opens (e.g. the masked public version of a decision
   * for the publish step); undefined when the step has none.
   */
  stepInitialValues?: (step: string, caseId: string) => Promise<Record<string, unknown>> | undefined;
}

/** Names common to every case type. */
const COMMON_FIELDS: Record<string, string> = {
  reason: '理由',
  note: '备注',
  content: '内容',
  opinion: '意见',
  comment: '意见',
  date: '日期',
  basis: '依据',
};

export type Path = (string | number)[];

const dotted = (path: Path) => path.filter((p) => typeof p === 'string').join('.');

/** A field's Chinese name: the schema's title, the module's name for it, a common name, then its description. */
export function fieldLabel(path: Path, schema?: JsonSchema, ui?: CaseTypeUi, step?: string): string {
  if (schema?.title) return schema.title;
  const full = dotted(path);
  const last = full.split('.').pop() ?? full;
  const forStep = step ? ui?.stepFields?.[step] : undefined;
  return (
    forStep?.[full] ??
    forStep?.[last] ??
    ui?.fields?.[full] ??
    ui?.fields?.[last] ??
    COMMON_FIELDS[last] ??
    schema?.description ??
    last
  );
}

/** The values of an enum schema (from `enum`, or `oneOf`/`anyOf` of `const`s). */
export function enumValues(schema: JsonSchema): unknown[] | undefined {
  if (schema.enum) return schema.enum;
  const alts = schema.oneOf ?? schema.anyOf;
  if (alts && alts.length > 0 && alts.every((a) => a.const !== undefined)) return alts.map((a) => a.const);
  return undefined;
}

/** An enum value's Chinese label: from the schema when it has one, else the module's, else the raw value. */
export function enumLabel(value: unknown, path: Path, schema?: JsonSchema, ui?: CaseTypeUi): string {
  const key = String(value);
  if (schema) {
    const fromMap = schema['x-enumLabels']?.[key];
    if (fromMap) return fromMap;
    const i = schema.enum?.indexOf(value) ?? -1;
    const fromNames = i >= 0 ? schema['x-enumNames']?.[i] : undefined;
    if (fromNames) return fromNames;
    const alt = (schema.oneOf ?? schema.anyOf)?.find((a) => a.const === value);
    if (alt?.title) return alt.title;
  }
  const full = dotted(path);
  const last = full.split('.').pop() ?? full;
  return ui?.enums?.[full]?.[key] ?? ui?.enums?.[last]?.[key] ?? key;
}

/** Deadline colours: what they mean and how antd shows them. */
export const COLOUR_META: Record<
  DeadlineColour,
  {
    label: string;
    badge: 'success' | 'warning' | 'error' | 'default' | 'processing';
    tag: string;
    hex: string;
  }
> = {
  red: { label: '已逾期', badge: 'error', tag: 'error', hex: '#ff4d4f' },
  yellow: { label: '即将到期', badge: 'warning', tag: 'warning', hex: '#faad14' },
  green: { label: '期限内', badge: 'success', tag: 'success', hex: '#52c41a' },
  paused: { label: '已中止计算', badge: 'default', tag: 'default', hex: '#bfbfbf' },
  done: { label: '已结束', badge: 'default', tag: 'default', hex: '#d9d9d9' },
};

export const DEADLINE_STATUS_LABELS: Record<string, string> = {
  running: '计时中',
  paused: '已中止计算',
  met: '已完成',
  cancelled: '不再计算',
};

/** Outcomes of records (as the engine's OUTCOME_LABELS). */
export const RECORD_OUTCOME_LABELS: Record<string, string> = {
  pass: '通过',
  'pass-with-changes': '修改后通过',
  fail: '不通过',
  approved: '同意',
  rejected: '不同意',
  deferred: '暂缓',
};

export const RECORD_OUTCOME_COLOURS: Record<string, string> = {
  pass: 'success',
  'pass-with-changes': 'processing',
  fail: 'error',
  approved: 'success',
  rejected: 'error',
  deferred: 'warning',
};

export const RECORD_KIND_LABELS: Record<string, string> = {
  'legal-review': '法制审核',
  approval: '审批',
  'collective-discussion': '集体讨论',
};

export const LEGAL_REVIEW_STAGES: Record<string, string> = { unit: '本单位法制审核', justice: '司法局审核' };
