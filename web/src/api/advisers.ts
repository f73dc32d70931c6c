/** Wire types and endpoints of 法律顾问 (src/modules/advisers): roster, coverage, work ledger, meetings, statistics. */
import { http, type Query } from './client.ts';
import type { Page } from './types.ts';

const id = (s: string) => encodeURIComponent(s);
const root = '/api/advisers';

export const ADVISER_KINDS: Record<string, string> = {
  external: '政府法律顾问',
  public: '公职律师',
  'in-house': '单位法律顾问',
};
export const WORK_KINDS: Record<string, string> = {
  'decision-review': '决策审查',
  'contract-review': '合同审查',
  litigation: '诉讼代理',
  drafting: '文件起草',
  consultation: '法律咨询',
  other: '其他',
};
export const REF_TYPES: Record<string, string> = {
  'legality-review': '合法性审查',
  decision: '重大行政决策',
  case: '案件',
  other: '其他',
};

export interface Adviser {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  organisation: string;
  homeUnitId: string | null;
  homeUnitName: string | null;
  licenceNo: string;
  licenceValidFrom: string;
  licenceValidTo: string;
  licenceExpired: boolean;
  phone: string | null;
  expertise: string | null;
  status: 'active' | 'inactive';
  currentUnits: { unitId: string; unitName: string }[];
  canManage: boolean;
}
export interface Assignment {
  id: string;
  adviserId: string;
  unitId: string;
  unitName: string;
  unitKind: string;
  validFrom: string;
  validTo: string | null;
  note: string | null;
  current: boolean;
}
export interface AdviserDetail extends Adviser {
  assignments: Assignment[];
  workItemCount: number;
  meetingCount: number;
}
export interface AdviserInput {
  name?: string;
  kind?: string;
  organisation?: string;
  homeUnitId?: string | null;
  licenceNo?: string;
  licenceValidFrom?: string;
  licenceValidTo?: string;
  phone?: string | null;
  expertise?: string | null;
  status?: 'active' | 'inactive';
}

export interface CoverageUnit {
  unitId: string;
  unitName: string;
  unitKind: string;
  group: string;
  parentName: string | null;
  covered: boolean;
  advisers: string[];
  gapReason: string | null;
}
export interface Coverage {
  on: string;
  total: number;
  covered: number;
  rate: number;
  groups: { key: string; label: string; total: number; covered: number; gaps: number; rate: number }[];
  units: CoverageUnit[];
}

export interface WorkItem {
  id: string;
  adviserId: string;
  adviserName: string;
  unitId: string;
  unitName: string;
  kind: string;
  kindLabel: string;
  doneOn: string;
  title: string;
  hours: number | null;
  outcome: string | null;
  refType: string | null;
  refId: string | null;
  status: 'recorded' | 'voided';
  voidReason: string | null;
  recordedByName: string | null;
  canManage: boolean;
}
export interface WorkFilter {
  year?: number;
  month?: number;
  adviserId?: string;
  kind?: string;
  unitId?: string;
  q?: string;
  includeVoided?: boolean;
}
export interface WorkInput {
  adviserId: string;
  unitId: string;
  kind: string;
  doneOn: string;
  title: string;
  hours?: number | null;
  outcome?: string | null;
  refType?: string | null;
  refId?: string | null;
}
export interface Meeting {
  id: string;
  unitId: string;
  unitName: string;
  adviserId: string;
  adviserName: string;
  meetingOn: string;
  meetingName: string;
  topics: string[];
  opinion: string;
  recordedByName: string | null;
}
export interface MeetingInput {
  unitId: string;
  adviserIds: string[];
  meetingOn: string;
  meetingName: string;
  topics: string[];
  opinion: string;
}
export interface AdviserStats {
  year: number;
  total: number;
  hours: number;
  meetings: number;
  activeAdvisers: number;
  byKind: { kind: string; label: string; n: number; hours: number }[];
  byMonth: { month: number; n: number; meetings: number }[];
  byAdviser: {
    adviserId: string;
    name: string;
    kind: string;
    kindLabel: string;
    organisation: string;
    n: number;
    hours: number;
    byKind: Record<string, number>;
    meetings: number;
  }[];
  byUnit: { unitId: string; unitName: string; unitKind: string; n: number; hours: number }[];
}

export interface ImportBody {
  filename: string;
  contentBase64: string;
  mode: 'preview' | 'import';
  validRowsOnly?: boolean;
}
export interface ImportResult {
  mode: 'preview' | 'import';
  filename: string;
  sha256: string;
  totalRows: number;
  validRows: number;
  errorRows: number;
  created: number;
  updated: number;
  unchanged: number;
  imported: boolean;
  rows: { row: number; key: string; action: 'create' | 'update' | 'unchanged' | 'error' }[];
  problems: { row: number; column: string; reason: string }[];
}

const q = (f: object): Query => f as Query;

export const advisersApi = {
  roster: (f: {
    q?: string;
    kind?: string;
    status?: string;
    unitId?: string;
    page: number;
    pageSize: number;
  }) => http.get<Page<Adviser>>(`${root}/roster`, q(f)),
  adviser: (adviserId: string) => http.get<AdviserDetail>(`${root}/roster/${id(adviserId)}`),
  createAdviser: (body: AdviserInput) => http.post<AdviserDetail>(`${root}/roster`, body),
  updateAdviser: (adviserId: string, body: AdviserInput) =>
    http.patch<AdviserDetail>(`${root}/roster/${id(adviserId)}`, body),
  assign: (
    adviserId: string,
    body: { unitId: string; validFrom: string; validTo?: string | null; note?: string | null },
  ) => http.post<Assignment>(`${root}/roster/${id(adviserId)}/assignments`, body),
  endAssignment: (assignmentId: string, body: { validTo: string; note?: string | null }) =>
    http.post<Assignment>(`${root}/assignments/${id(assignmentId)}/end`, body),
  rosterExportUrl: () => `${root}/roster/export.xlsx`,
  importRoster: (body: ImportBody) => http.post<ImportResult>(`${root}/roster/import`, body),
  importWorkItems: (body: ImportBody) => http.post<ImportResult>(`${root}/work-items/import`, body),
  coverage: (on?: string) => http.get<Coverage>(`${root}/coverage`, q({ on })),
  workItems: (f: WorkFilter & { page: number; pageSize: number }) =>
    http.get<Page<WorkItem> & { hours: number }>(`${root}/work-items`, q(f)),
  createWorkItem: (body: WorkInput) => http.post<WorkItem>(`${root}/work-items`, body),
  voidWorkItem: (itemId: string, reason: string) =>
    http.post<WorkItem>(`${root}/work-items/${id(itemId)}/void`, { reason }),
  workExportUrl: (f: WorkFilter) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') params.set(k, String(v));
    const s = params.toString();
    return `${root}/work-items/export.xlsx${s ? `?${s}` : ''}`;
  },
  meetings: (f: {
    year?: number;
    month?: number;
    adviserId?: string;
    unitId?: string;
    page: number;
    pageSize: number;
  }) => http.get<Page<Meeting>>(`${root}/meetings`, q(f)),
  recordMeeting: (body: MeetingInput) => http.post<Meeting[]>(`${root}/meetings`, body),
  stats: (year: number) => http.get<AdviserStats>(`${root}/stats`, { year }),
};
