import { http } from './client.ts';
import type {
  AddResult,
  AddUnit,
  ApiToken,
  AssignableRole,
  CalendarCoverage,
  CalendarImportBody,
  CalendarLoadBody,
  CalendarLoadResult,
  CalendarPreview,
  CalendarYearDetail,
  CalendarYearSummary,
  CaseDetail,
  CaseQuery,
  CaseSummary,
  CreateUserBody,
  DayInfo,
  InboxItem,
  Machine,
  Me,
  Overview,
  Page,
  PermissionInfo,
  Position,
  RecordKind,
  Role,
  RoleBody,
  RuleOverrideBody,
  RuleView,
  Tenants,
  Unit,
  UnitBody,
  UnitKind,
  UpdateUserBody,
  User,
  UserQuery,
} from './types.ts';

const id = (s: string) => encodeURIComponent(s);

/** One function per endpoint the web front end uses. */
export const api = {
  publicTenants: () => http.get<Tenants>('/api/public/tenants'),

  auth: {
    login: (body: { tenant?: string; username: string; password: string }) =>
      http.post<Me>('/api/auth/login', body, { quiet401: true }),
    logout: () => http.post<void>('/api/auth/logout'),
    me: () => http.get<Me>('/api/auth/me'),
    changePassword: (body: { currentPassword: string; newPassword: string }) =>
      http.post<void>('/api/auth/password', body),
  },

  dashboard: {
    overview: () => http.get<Overview>('/api/dashboard/overview'),
  },

  org: {
    unitKinds: () => http.get<UnitKind[]>('/api/org/unit-kinds'),
    units: () => http.get<Unit[]>('/api/org/units'),
    unit: (unitId: string) => http.get<Unit>(`/api/org/units/${id(unitId)}`),
    createUnit: (body: UnitBody) => http.post<Unit>('/api/org/units', body),
    updateUnit: (unitId: string, body: UnitBody) => http.patch<Unit>(`/api/org/units/${id(unitId)}`, body),
    positions: (unitId: string) => http.get<Position[]>(`/api/org/units/${id(unitId)}/positions`),
    createPosition: (unitId: string, body: { name: string; sort?: number }) =>
      http.post<Position>(`/api/org/units/${id(unitId)}/positions`, body),
  },

  users: {
    list: (q: UserQuery) => http.get<Page<User>>('/api/access/users', { ...q }),
    get: (userId: string) => http.get<User>(`/api/access/users/${id(userId)}`),
    create: (body: CreateUserBody) => http.post<User>('/api/access/users', body),
    update: (userId: string, body: UpdateUserBody) =>
      http.patch<User>(`/api/access/users/${id(userId)}`, body),
    setRoles: (userId: string, roleIds: string[]) =>
      http.put<User>(`/api/access/users/${id(userId)}/roles`, { roleIds }),
    resetPassword: (userId: string, password: string) =>
      http.post<void>(`/api/access/users/${id(userId)}/password`, { password }),
  },

  roles: {
    list: () => http.get<Role[]>('/api/access/roles'),
    assignable: () => http.get<AssignableRole[]>('/api/access/assignable-roles'),
    permissions: () => http.get<PermissionInfo[]>('/api/access/permissions'),
    create: (body: RoleBody) => http.post<Role>('/api/access/roles', body),
    update: (roleId: string, body: RoleBody) => http.put<Role>(`/api/access/roles/${id(roleId)}`, body),
  },

  tokens: {
    list: () => http.get<ApiToken[]>('/api/access/tokens'),
    create: (body: { userId: string; name: string; expiresAt?: string | null }) =>
      http.post<{ id: string; token: string }>('/api/access/tokens', body),
    revoke: (tokenId: string) => http.delete(`/api/access/tokens/${id(tokenId)}`),
  },

  workflow: {
    machines: () => http.get<Machine[]>('/api/workflow/machines'),
    inbox: () => http.get<InboxItem[]>('/api/workflow/inbox'),
    cases: (q: CaseQuery) => http.get<Page<CaseSummary>>('/api/workflow/cases', { ...q }),
    create: (body: { type: string; unitId?: string; data: Record<string, unknown> }) =>
      http.post<CaseDetail>('/api/workflow/cases', body),
    get: (caseId: string) => http.get<CaseDetail>(`/api/workflow/cases/${id(caseId)}`),
    /**
     * Takes one step; `version` makes the server refuse (409 WORKFLOW.STALE) if someone else moved the case. The
     * answer is the case detail as the step left it, which the case page shows without reloading (so no
     * `Prefer: return=minimal` here).
     */
    transition: (caseId: string, name: string, input: Record<string, unknown>, version?: number) =>
      http.post<CaseDetail>(`/api/workflow/cases/${id(caseId)}/transitions/${id(name)}`, input, {
        ...(version ? { query: { version } } : {}),
      }),
    addRecord: (caseId: string, kind: RecordKind, body: Record<string, unknown>) =>
      http.post<CaseDetail>(`/api/workflow/cases/${id(caseId)}/records/${id(kind)}`, body),
  },

  log: {
    /** An entry's offline-verifiable receipt as sent (canonical JSON); 409 until the entry is sequenced. */
    receipt: (entryId: string) => http.getText(`/api/log/entries/${id(entryId)}/receipt`),
  },

  calendar: {
    coverage: () => http.get<CalendarCoverage>('/api/calendar/coverage'),
    years: () => http.get<CalendarYearSummary[]>('/api/calendar/years'),
    year: (year: number) => http.get<CalendarYearDetail>(`/api/calendar/years/${year}`),
    check: (date: string) =>
      http.get<DayInfo & { weekdayName: string; text: string }>('/api/calendar/check', { date }),
    add: (q: { date: string; amount: number; unit: AddUnit }) => http.get<AddResult>('/api/calendar/add', q),
    preview: (body: CalendarLoadBody) => http.post<CalendarPreview>('/api/calendar/years/preview', body),
    load: (body: CalendarLoadBody) => http.post<CalendarLoadResult>('/api/calendar/years', body),
    importFile: (body: CalendarImportBody) => http.post<CalendarLoadResult>('/api/calendar/import', body),
  },

  clock: {
    rules: () => http.get<RuleView[]>('/api/clock/rules'),
    setRule: (code: string, body: RuleOverrideBody) =>
      http.put<RuleView>(`/api/clock/rules/${id(code)}`, body),
    resetRule: (code: string) => http.delete<RuleView>(`/api/clock/rules/${id(code)}`),
  },
};
