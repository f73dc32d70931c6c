/** Wire types and endpoints of 公共信用 (src/modules/credit): records, subjects, models, measures, repairs, lookup. */
import { http } from './client.ts';

const enc = (s: string) => encodeURIComponent(s);
const root = '/api/credit';

export const RECORD_KINDS: Record<string, string> = {
  penalty: '行政处罚',
  inspection: '抽查检查结果',
  abnormal_listing: '列入经营异常名录',
  serious_dishonesty: '列入严重失信主体名单',
  licence: '行政许可',
  honour: '表彰奖励',
  commitment: '信用承诺',
  commitment_fulfilled: '信用承诺履行',
  commitment_breached: '信用承诺违反',
};
export const ADVERSE_KINDS = [
  'penalty',
  'inspection',
  'abnormal_listing',
  'serious_dishonesty',
  'commitment_breached',
];
export const SEVERITIES: Record<string, string> = {
  none: '无',
  minor: '轻微',
  general: '一般',
  serious: '严重',
};
export const RECORD_STATUS: Record<string, string> = {
  active: '公示中',
  repaired: '已修复',
  revoked: '已撤销',
};
export const GRADE_NAMES: Record<string, string> = {
  A: 'A（低风险）',
  B: 'B（一般风险）',
  C: 'C（较高风险）',
  D: 'D（高风险）',
};
export const GRADE_COLOURS: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };
export const CAUSES: Record<string, string> = { record: '信用记录', repair: '信用修复', model: '模型调整' };
export const MEASURE_KINDS: Record<string, string> = { punish: '惩戒', reward: '激励' };
export const OUTCOMES: Record<string, string> = { applied: '已实施', not_applied: '未实施' };
export const REPAIR_STATUS: Record<string, string> = {
  pending: '待审核',
  approved: '已同意',
  rejected: '不同意',
};

export interface List<T> {
  items: T[];
  total: number;
}

export interface CreditRecord {
  id: string;
  creditCode: string;
  subjectName: string;
  kind: string;
  severity: string;
  sourceUnitId: string;
  sourceUnitName: string | null;
  title: string;
  documentNo: string;
  decidedOn: string;
  rulesVersion: string;
  publicityMinEnd: string | null;
  publicityEnd: string | null;
  repairable: boolean;
  origin: string;
  originRef: string | null;
  status: string;
  repairedOn: string | null;
  public: boolean;
  canManage: boolean;
  createdAt: string;
}
export interface RecordInput {
  creditCode: string;
  subjectName: string;
  kind: string;
  severity: string;
  sourceUnitId: string;
  title: string;
  documentNo: string;
  decidedOn: string;
}
export interface RecordQuery {
  q?: string | undefined;
  creditCode?: string | undefined;
  kind?: string | undefined;
  status?: string | undefined;
  page?: number;
  pageSize?: number;
}

export interface Subject {
  creditCode: string;
  name: string;
  score: number | null;
  grade: string | null;
  modelId: string | null;
  gradedAt: string | null;
  recordCount: number;
}
export interface ExplanationItem {
  recordId: string;
  kind: string;
  severity: string;
  documentNo: string;
  indicator: string;
  points: number;
  forceGrade?: string;
}
export interface GradeHistoryItem {
  id: string;
  modelId: string;
  modelVersion: number;
  score: number;
  grade: string;
  previousGrade: string | null;
  previousScore: number | null;
  cause: string;
  causeRef: string | null;
  explanation: ExplanationItem[];
  at: string;
}

export interface ScoreRule {
  kind: string;
  severity: string;
  points: number;
  forceGrade?: string | undefined;
}
export interface Indicator {
  code: string;
  name: string;
  weight: number;
  rules: ScoreRule[];
}
export interface ModelDefinition {
  baseScore: number;
  indicators: Indicator[];
  thresholds: { A: number; B: number; C: number };
  gradePublic: boolean;
}
export interface CreditModel {
  id: string;
  version: number;
  name: string;
  status: string;
  definition: ModelDefinition;
  active: boolean;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface RegradeRun {
  id: string;
  modelId: string;
  status: string;
  total: number;
  done: number;
  changed: number;
  batches: number;
  startedAt: string;
  finishedAt: string | null;
}

export interface Measure {
  id: string;
  kind: string;
  unitId: string;
  unitName: string | null;
  name: string;
  legalBasis: string;
  grades: string[];
  listKinds: string[];
  status: string;
}
export interface MeasureInput {
  kind: string;
  unitId: string;
  name: string;
  legalBasis: string;
  grades: string[];
  listKinds: string[];
  status?: string;
}
export interface Flags {
  creditCode: string;
  grade: string | null;
  flags: {
    measureId: string;
    kind: string;
    unitId: string;
    unitName: string | null;
    measure: string;
    legalBasis: string;
    reasons: string[];
  }[];
}
export interface Feedback {
  id: string;
  measureId: string;
  measureName: string;
  creditCode: string;
  unitId: string;
  unitName: string | null;
  outcome: string;
  context: string;
  note: string;
  actedOn: string;
  createdAt: string;
}
export interface FeedbackInput {
  measureId: string;
  creditCode: string;
  unitId: string;
  outcome: string;
  context: string;
  note: string;
  actedOn: string;
}

export interface Repair {
  id: string;
  recordId: string;
  creditCode: string;
  subjectName: string;
  recordKind: string;
  recordTitle: string;
  documentNo: string;
  appliedOn: string;
  rulesVersion: string;
  eligibleFrom: string;
  correction: string;
  commitment: string;
  status: string;
  decidedOn: string | null;
  decisionReason: string | null;
  createdAt: string;
}

export interface PublicCreditRecord {
  id: string;
  kind: string;
  severity: string;
  title: string;
  documentNo: string;
  decidedOn: string;
  publicityEnd: string | null;
  sourceUnitName: string | null;
}
export interface PublicSubject {
  creditCode: string;
  name: string;
  grade: string | null;
  licences: PublicCreditRecord[];
  penalties: PublicCreditRecord[];
  inspections: PublicCreditRecord[];
  lists: PublicCreditRecord[];
  honours: PublicCreditRecord[];
  commitments: PublicCreditRecord[];
}

export const creditApi = {
  records: (q: RecordQuery) => http.get<List<CreditRecord>>(`${root}/records`, { ...q }),
  createRecord: (body: RecordInput) => http.post<CreditRecord>(`${root}/records`, body),
  revokeRecord: (id: string, reason: string) =>
    http.post<CreditRecord>(`${root}/records/${enc(id)}/revoke`, { reason }),
  subjects: (q: { q?: string | undefined; grade?: string | undefined; page?: number; pageSize?: number }) =>
    http.get<List<Subject>>(`${root}/subjects`, { ...q }),
  subject: (code: string) => http.get<Subject>(`${root}/subjects/${enc(code)}`),
  history: (code: string) => http.get<GradeHistoryItem[]>(`${root}/subjects/${enc(code)}/history`),
  models: () => http.get<CreditModel[]>(`${root}/models`),
  createModel: (name: string) => http.post<CreditModel>(`${root}/models`, { name }),
  updateModel: (id: string, body: { name?: string; definition?: ModelDefinition }) =>
    http.patch<CreditModel>(`${root}/models/${enc(id)}`, body),
  publishModel: (id: string) =>
    http.post<{ model: CreditModel; run: RegradeRun }>(`${root}/models/${enc(id)}/publish`),
  regrade: (id: string) => http.post<RegradeRun>(`${root}/models/${enc(id)}/regrade`),
  runs: (modelId: string) => http.get<RegradeRun[]>(`${root}/models/${enc(modelId)}/runs`),
  measures: () => http.get<Measure[]>(`${root}/measures`),
  createMeasure: (body: MeasureInput) => http.post<Measure>(`${root}/measures`, body),
  updateMeasure: (id: string, body: Partial<MeasureInput>) =>
    http.patch<Measure>(`${root}/measures/${enc(id)}`, body),
  flags: (code: string) => http.get<Flags>(`${root}/flags/${enc(code)}`),
  feedback: (q: { creditCode?: string | undefined; measureId?: string | undefined }) =>
    http.get<Feedback[]>(`${root}/feedback`, { ...q }),
  createFeedback: (body: FeedbackInput) => http.post<Feedback>(`${root}/feedback`, body),
  repairs: (q: { status?: string | undefined }) => http.get<Repair[]>(`${root}/repairs`, { ...q }),
  applyRepair: (body: { recordId: string; appliedOn: string; correction: string; commitment: string }) =>
    http.post<Repair>(`${root}/repairs`, body),
  decideRepair: (id: string, body: { decision: string; decidedOn: string; reason: string }) =>
    http.post<Repair>(`${root}/repairs/${enc(id)}/decide`, body),
};

export const publicCreditApi = {
  search: (tenant: string, q: string) =>
    http.get<{ creditCode: string; name: string }[]>('/api/public/credit/subjects', { tenant, q }),
  subject: (tenant: string, code: string) =>
    http.get<PublicSubject>(`/api/public/credit/subjects/${enc(code)}`, { tenant }),
};
