/** Wire types and endpoints of 行政规范性文件 (/api/normative) and 合法性审查 (/api/legality). */
import { http } from './client.ts';

const enc = (s: string) => encodeURIComponent(s);

export interface DocumentFacts {
  title: string;
  issuerName: string;
  issuerShort: string;
  docType: 'government' | 'department' | 'joint';
  legalBasis: string[];
  amends?: string[];
  repeals?: string[];
  marketRelated?: boolean;
  interim?: boolean;
}
export interface Version {
  versionNo: number;
  title: string;
  body: string;
  note: string | null;
  authorName: string;
  createdAt: string;
}
export interface DiffOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}
export interface Diff {
  from: number;
  to: number;
  title: DiffOp[];
  body: DiffOp[];
}
export type Disposition = 'adopted' | 'partly-adopted' | 'not-adopted';
export interface Comment {
  id: string;
  versionNo: number;
  clauseNo: number;
  content: string;
  commenter: string;
  createdAt: string;
  disposition: Disposition | null;
  dispositionReason: string | null;
  disposedByName: string | null;
  disposedAt: string | null;
}
export interface Registration {
  number: string;
  registeredOn: string;
  status: string;
  publishedOn: string | null;
  effectiveOn: string | null;
  expiresOn: string | null;
  filedOn: string | null;
  filingAcceptedOn: string | null;
}
export interface SearchHit {
  id: string;
  number: string;
  title: string;
  issuerName: string;
  publishedOn: string | null;
  effectiveOn: string | null;
  expiresOn: string | null;
  snippet: string | null;
  score: number;
}
export interface SearchResult {
  items: SearchHit[];
  total: number;
}
export interface CatalogueRow {
  caseId: string;
  number: string;
  title: string;
  issuerName: string;
  publishedOn: string | null;
  filedOn: string | null;
  filingAcceptedOn: string | null;
  status: string;
}
export interface ExpiringRow {
  caseId: string;
  number: string;
  title: string;
  issuerName: string;
  expiresOn: string | null;
}
export interface PublicDocument {
  id: string;
  number: string;
  title: string;
  issuerName: string;
  body: string;
  status: string;
  publishedOn: string | null;
  effectiveOn: string | null;
  expiresOn: string | null;
}
export interface PublicDraft {
  id: string;
  title: string;
  issuerName: string;
  versionNo: number;
  clauses: string[];
  startOn: string;
  endOn: string;
  shortReason: string | null;
}
export interface LegalityStats {
  opinions: { kind: string; kindLabel: string; stage: string; outcome: string; n: number; late: number }[];
  reviews: { kind: string; kindLabel: string; state: string; stateLabel: string; n: number }[];
}
export interface LegalityKind {
  code: string;
  label: string;
  /** In force in the district now (a review keeps the plan in force when it was requested). */
  twoStage: boolean;
  defaultTwoStage: boolean;
  rule: string;
  changedAt: string | null;
  changedByName: string | null;
  reason: string | null;
}
export interface LegalityKinds {
  kinds: LegalityKind[];
  outcomes: Record<string, string>;
  stages: Record<string, string>;
}

export const DISPOSITIONS: Record<Disposition, string> = {
  adopted: '采纳',
  'partly-adopted': '部分采纳',
  'not-adopted': '不予采纳',
};

export const REGISTER_STATUS: Record<string, string> = {
  registered: '已登记编号',
  'in-force': '现行有效',
  repealed: '已废止',
  expired: '已失效',
  invalid: '已宣布无效',
};

export type CleanupOutcome = 'keep' | 'amend' | 'repeal' | 'invalid';
export const CLEANUP_OUTCOMES: Record<CleanupOutcome, string> = {
  keep: '继续有效',
  amend: '需要修改',
  repeal: '废止',
  invalid: '宣布失效',
};
export interface CleanupCounts {
  total: number;
  undecided: number;
  keep: number;
  amend: number;
  repeal: number;
  invalid: number;
}
export interface Cleanup {
  id: string;
  title: string;
  reason: string;
  openedOn: string;
  status: 'open' | 'published';
  documentCount: number;
  openedByName: string;
  publishedOn: string | null;
  counts: CleanupCounts;
}
export interface CleanupItem {
  caseId: string;
  number: string;
  title: string;
  issuerName: string;
  outcome: CleanupOutcome | null;
  reason: string | null;
  decidedOn: string | null;
  decidedByName: string | null;
}
export interface PublicCleanup {
  id: string;
  title: string;
  reason: string;
  openedOn: string;
  publishedOn: string | null;
  counts: CleanupCounts;
  changed: { number: string; title: string; outcome: CleanupOutcome; reason: string }[];
}

const root = '/api/normative';
export const normativeApi = {
  create: (body: { unitId?: string; facts: DocumentFacts; body: string; note?: string }) =>
    http.post<{ id: string; number: string; state: string }>(`${root}/documents`, body),
  versions: (id: string) => http.get<Version[]>(`${root}/documents/${enc(id)}/versions`),
  addVersion: (id: string, body: { title: string; body: string; note?: string }) =>
    http.post<{ versionNo: number }>(`${root}/documents/${enc(id)}/versions`, body),
  diff: (id: string, from: number, to: number) =>
    http.get<Diff>(`${root}/documents/${enc(id)}/diff`, { from, to }),
  comments: (id: string) => http.get<Comment[]>(`${root}/documents/${enc(id)}/comments`),
  dispose: (id: string, commentId: string, body: { disposition: Disposition; reason?: string }) =>
    http.post<{ id: string; disposition: string }>(
      `${root}/documents/${enc(id)}/comments/${enc(commentId)}/disposition`,
      body,
    ),
  registration: (id: string) => http.get<Registration | null>(`${root}/documents/${enc(id)}/registration`),
  search: (q: { q?: string; page?: number; pageSize?: number }) =>
    http.get<SearchResult>(`${root}/search`, q),
  expiring: (months: number) => http.get<ExpiringRow[]>(`${root}/expiring`, { months }),
  catalogue: (year: number, quarter: number) =>
    http.get<CatalogueRow[]>(`${root}/catalogue`, { year, quarter }),
  cleanups: () => http.get<Cleanup[]>(`${root}/cleanups`),
  openCleanup: (body: { title: string; reason: string }) =>
    http.post<{ id: string; documentCount: number; openedOn: string }>(`${root}/cleanups`, body),
  cleanupItems: (id: string, q: { outcome?: string; page: number; pageSize: number }) =>
    http.get<{ total: number; items: CleanupItem[] }>(`${root}/cleanups/${enc(id)}/items`, q),
  decide: (id: string, caseId: string, body: { outcome: CleanupOutcome; reason: string }) =>
    http.post<{ caseId: string; outcome: string }>(
      `${root}/cleanups/${enc(id)}/items/${enc(caseId)}/decision`,
      body,
    ),
  publishCleanup: (id: string) => http.post<Cleanup>(`${root}/cleanups/${enc(id)}/publish`),
  settings: () => http.get<{ numberFormat: string }>(`${root}/settings`),
  setSettings: (body: { numberFormat: string }) =>
    http.put<{ numberFormat: string }>(`${root}/settings`, body),
};

const pub = '/api/public/normative';
export const publicNormativeApi = {
  documents: (q: { q?: string; page?: number; pageSize?: number }, tenant?: string) =>
    http.get<SearchResult>(`${pub}/documents`, { ...q, tenant }),
  document: (id: string, tenant?: string) =>
    http.get<PublicDocument>(`${pub}/documents/${enc(id)}`, { tenant }),
  cleanups: (tenant?: string) => http.get<PublicCleanup[]>(`${pub}/cleanups`, { tenant }),
  drafts: (tenant?: string) => http.get<PublicDraft[]>(`${pub}/drafts`, { tenant }),
  draft: (id: string, tenant?: string) => http.get<PublicDraft>(`${pub}/drafts/${enc(id)}`, { tenant }),
  comment: (id: string, body: { clauseNo: number; content: string; name?: string }, tenant?: string) =>
    http.post<{ id: string; commenter: string; clauseNo: number }>(
      `${pub}/drafts/${enc(id)}/comments`,
      body,
      {
        query: { tenant },
      },
    ),
};

export const legalityApi = {
  kinds: () => http.get<LegalityKinds>('/api/legality/kinds'),
  setTwoStage: (kind: string, body: { twoStage: boolean; reason: string }) =>
    http.put<{ kinds: LegalityKind[] }>(`/api/legality/kinds/${encodeURIComponent(kind)}`, body),
  stats: (q: { from?: string; to?: string }) => http.get<LegalityStats>('/api/legality/stats', q),
};
