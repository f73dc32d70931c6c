/** Wire types of the Fazhi API (see GET /openapi.json). Timestamps are ISO 8601 strings. */

export type Permission =
  | 'org.unit.read'
  | 'org.unit.manage'
  | 'access.user.read'
  | 'access.user.manage'
  | 'access.role.read'
  | 'access.role.manage'
  | 'access.token.manage'
  | 'dashboard.view'
  | 'log.read'
  | 'calendar.manage'
  | 'clock.rule.manage'
  | 'documents.template.read'
  | 'documents.template.manage'
  | 'disclosure.request.read'
  | 'disclosure.request.create'
  | 'disclosure.request.handle'
  | 'disclosure.request.review'
  | 'disclosure.request.approve'
  | 'enforcement.registry.read'
  | 'enforcement.registry.manage'
  | 'enforcement.case.read'
  | 'enforcement.case.create'
  | 'enforcement.case.handle'
  | 'enforcement.case.review'
  | 'enforcement.case.approve'
  | 'enforcement.casefile.review'
  | 'enforcement.casefile.standard'
  | 'inspection.directory.read'
  | 'inspection.directory.manage'
  | 'inspection.task.read'
  | 'inspection.task.manage'
  | 'inspection.result.record'
  | 'credit.record.read'
  | 'credit.record.manage'
  | 'credit.model.manage'
  | 'credit.measure.manage'
  | 'credit.feedback.record'
  | 'credit.repair.handle'
  | 'legality.review.read'
  | 'legality.review.request'
  | 'legality.review.unit'
  | 'legality.review.justice'
  | 'legality.settings.manage'
  | 'normative.document.read'
  | 'normative.document.draft'
  | 'normative.document.deliberate'
  | 'normative.document.register'
  | 'normative.document.filing'
  | 'normative.settings.manage'
  | 'decisions.catalogue.read'
  | 'decisions.catalogue.manage'
  | 'decisions.decision.read'
  | 'decisions.decision.handle'
  | 'decisions.decision.discuss'
  | 'advisers.roster.read'
  | 'advisers.roster.manage'
  | 'advisers.work.read'
  | 'advisers.work.record';

export type DataScope = 'self' | 'unit' | 'unit_tree' | 'custom' | 'tenant' | 'all';
export type Status = 'active' | 'disabled';

export interface Tenant {
  id: string;
  name: string;
  level: string;
}
export interface Tenants {
  defaultTenant: string;
  items: Tenant[];
}

export interface Me {
  id: string;
  tenantId: string;
  tenantName: string;
  username: string;
  displayName: string;
  unitId: string | null;
  unitName: string | null;
  roles: { code: string; name: string; scope: string }[];
  permissions: string[];
  csrfToken: string | null;
  mustChangePassword: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Unit {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  shortName: string | null;
  creditCode: string | null;
  depth: number;
  sort: number;
  status: string;
  canManage: boolean;
}

export interface UnitKind {
  value: string;
  label: string;
}

export interface Position {
  id: string;
  unitId: string;
  name: string;
  sort: number;
}

export interface RoleRef {
  id: string;
  code: string;
  name: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  kind: string;
  unitId: string | null;
  unitName: string | null;
  positionId: string | null;
  mobileMasked: string | null;
  status: string;
  locked: boolean;
  lastLoginAt: string | null;
  roles: RoleRef[];
  canManage: boolean;
}

export interface UserQuery {
  q?: string | undefined;
  unitId?: string | undefined;
  includeBelow?: boolean | undefined;
  status?: Status | undefined;
  page: number;
  pageSize: number;
}

export interface Role {
  id: string;
  code: string;
  name: string;
  description: string | null;
  scope: string;
  scopeUnitIds: string[];
  permissions: string[];
  builtin: boolean;
  userCount: number;
}

export interface AssignableRole extends RoleRef {
  scope: string;
}

export interface PermissionInfo {
  code: string;
  name: string;
  module: string;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  userId: string;
  username: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface Overview {
  unitsByKind: { kind: string; count: number }[];
  users: { total: number; active: number; signedInLast30Days: number };
  logEntries: number;
}

export interface UnitBody {
  parentId?: string;
  kind?: string;
  name?: string;
  shortName?: string | null;
  creditCode?: string | null;
  sort?: number;
  status?: Status;
}

export interface CreateUserBody {
  username: string;
  displayName: string;
  unitId: string;
  positionId?: string | null;
  mobile?: string | null;
  password: string;
  roleIds: string[];
  mustChangePassword?: boolean;
}

export interface UpdateUserBody {
  displayName?: string;
  unitId?: string;
  positionId?: string | null;
  mobile?: string | null;
  status?: Status;
  unlock?: boolean;
}

export interface RoleBody {
  code: string;
  name: string;
  description?: string | null;
  scope: DataScope;
  scopeUnitIds?: string[];
  permissions: string[];
}

// ---------- workflow (docs/adr/0008-workflow-engine.md) ----------

/** The part of JSON Schema (2020-12) the workflow API emits for case and step inputs. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  /** Chinese labels of `enum` values, when the server gives them (either form). */
  'x-enumNames'?: string[];
  'x-enumLabels'?: Record<string, string>;
}

/** Deadline colour: green (running), yellow (due soon), red (overdue), paused (stopped), done (met or cancelled). */
export type DeadlineColour = 'green' | 'yellow' | 'red' | 'paused' | 'done';

export interface MachineState {
  value: string;
  label: string;
  final: boolean;
}

/** A case type the user can read, with its states and steps. */
export interface Machine {
  type: string;
  name: string;
  canCreate: boolean;
  createSchema: JsonSchema;
  states: MachineState[];
  transitions: { name: string; label: string; from: string[]; to: string }[];
}

export interface CaseDeadline {
  key: string;
  name: string;
  statute: string;
  startDate: string;
  dueDate: string | null;
  /** running, paused, met or cancelled. */
  status: string;
  colour: DeadlineColour;
  metOn: string | null;
  events: unknown[];
}

export interface CaseSummary {
  id: string;
  type: string;
  typeName: string;
  number: string;
  title: string;
  state: string;
  stateLabel: string;
  createdAt: string;
  updatedAt: string;
  colour: DeadlineColour;
  nextDue: string | null;
}

export interface InboxItem extends Omit<CaseSummary, 'createdAt' | 'updatedAt'> {
  deadlines: CaseDeadline[];
}

export interface CaseAction {
  name: string;
  label: string;
  to: string;
  inputSchema: JsonSchema | null;
}

export type RecordKind = 'legal-review' | 'collective-discussion' | 'approval';

export interface CaseRecord {
  id: string;
  kind: string;
  outcome: string;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface TimelineEvent {
  seq: number;
  /** created, transition, record, deadline.started, deadline.stopped, deadline.overdue… */
  kind: string;
  name: string | null;
  label: string;
  fromState: string | null;
  toState: string | null;
  actorName: string | null;
  at: string;
  data: unknown;
  logEntryId: string | null;
}

export interface CaseDetail {
  id: string;
  type: string;
  typeName: string;
  number: string;
  title: string;
  state: string;
  stateLabel: string;
  final: boolean;
  unitId: string;
  ownerId: string | null;
  data: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  actions: CaseAction[];
  recordKinds: { kind: RecordKind; label: string }[];
  deadlines: CaseDeadline[];
  records: CaseRecord[];
  timeline: TimelineEvent[];
}

export interface CaseQuery {
  type?: string | undefined;
  state?: string | undefined;
  q?: string | undefined;
  mine?: boolean | undefined;
  page: number;
  pageSize: number;
}

// ---------- calendar and deadline rules ----------

/** How far the loaded years reach from today (`GET /api/calendar/coverage`). */
export interface CalendarCoverage {
  today: string;
  knownThrough: number | null;
  missingYear: number;
  daysLeft: number;
  warn: boolean;
}

export interface CalendarDay {
  date: string;
  name: string;
  source?: string;
}

export interface CalendarYearSummary {
  year: number;
  source: string;
  holidays: number;
  makeupWorkdays: number;
  loadedAt: string;
  loadedBy: string;
}

export interface CalendarYearDetail extends CalendarYearSummary {
  holidayDays: CalendarDay[];
  makeupWorkdayDays: CalendarDay[];
  workdays: number;
  restDays: number;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup-workday';
export type AddUnit = 'workday' | 'day' | 'month';

export interface DayInfo {
  date: string;
  weekday: number;
  kind: DayKind;
  workday: boolean;
  name?: string;
  source?: string;
}

export interface AddResult {
  from: string;
  amount: number;
  unit: AddUnit;
  roll: boolean;
  unrolled: string;
  result: string;
  weekday: number;
  weekdayName: string;
  day: DayInfo;
  text: string;
}

interface ListedDay {
  kind: 'holiday' | 'makeup-workday';
  name: string;
  source?: string;
}

/** What loading a year would do (POST /api/calendar/years/preview, or /api/calendar/import with preview). */
export interface CalendarPreview {
  year: number;
  source: string;
  input: 'notice' | 'rows' | 'json';
  calendar: { year: number; source: string; holidays: CalendarDay[]; makeupWorkdays: CalendarDay[] };
  notes: string[];
  current: { source: string; loadedAt: string; loadedBy: string } | null;
  diff: {
    year: number;
    source: { before: string; after: string } | null;
    changes: { date: string; before: ListedDay | null; after: ListedDay | null }[];
    summary: string[];
  } | null;
  unchanged: boolean;
  workdays: number;
  restDays: number;
}

export interface CalendarLoadResult extends CalendarPreview {
  action: 'created' | 'replaced' | 'unchanged' | 'preview';
  logEntryId: string | null;
}

export interface CalendarLoadBody {
  notice?: string;
  forYear?: number;
  source?: string;
  replace?: boolean;
}

export interface CalendarImportBody extends CalendarLoadBody {
  filename: string;
  contentBase64: string;
  preview?: boolean;
}

export type DeadlineUnit = 'workday' | 'day' | 'month' | 'year';

export interface DeadlineAmount {
  amount: number;
  unit: DeadlineUnit;
}

export interface DeadlineRule {
  code: string;
  ref?: string;
  name: string;
  startEvent: string;
  startEventName?: string;
  amount: number;
  unit: DeadlineUnit;
  countStartDay: boolean;
  rollToWorkday: boolean;
  warnBefore?: DeadlineAmount;
  statute: string;
  tag?: 'V' | 'S' | 'M';
  kind?: 'limit' | 'minimum';
  obligor?: 'authority' | 'party';
  extension?: { amount?: number; unit?: DeadlineUnit; approval: string };
  configurable: boolean;
  note?: string;
}

export type OverridePolicy = 'free' | 'shorten-only' | 'lengthen-only' | 'fixed';

export interface RuleView {
  code: string;
  statutory: DeadlineRule;
  effective: DeadlineRule;
  overridden: boolean;
  override: {
    amount: number;
    unit: DeadlineUnit;
    rollToWorkday: boolean;
    warnBefore?: DeadlineAmount;
    note?: string;
    updatedAt: string;
    updatedBy: string;
  } | null;
  overrideProblems: { pointer: string; detail: string }[];
  policy: OverridePolicy;
  policyText: string;
}

export interface RuleOverrideBody {
  amount?: number;
  unit?: DeadlineUnit;
  rollToWorkday?: boolean;
  warnBefore?: DeadlineAmount | null;
  note?: string | null;
}
