/** Wire types and endpoints of the 行政执法 registries and their public lists (src/modules/enforcement). */
import { http } from './client.ts';

const id = (s: string) => encodeURIComponent(s);

export const BODY_KINDS = [
  '行政机关',
  '法律法规授权组织',
  '受委托组织',
  '综合行政执法队伍',
  '镇街综合执法机构',
];
export const CREDENTIAL_CATEGORIES = ['行政执法证', '执法监督证'];
export const MATTER_TYPES = ['行政处罚', '行政强制', '行政检查', '其他'];
export const CIRCUMSTANCES = ['不予处罚', '减轻', '从轻', '一般', '从重'];
export const RECORD_STATUS_LABELS: Record<string, string> = { active: '有效', inactive: '停用' };
export const OFFICER_STATUS_LABELS: Record<string, string> = {
  active: '有效',
  suspended: '暂扣',
  revoked: '注销',
};

export interface EnforcementBody {
  id: string;
  name: string;
  kind: string;
  unitId: string;
  unitName: string | null;
  uscc: string | null;
  legalBasis: string;
  normativeDocuments: string[];
  domains: string[];
  status: string;
  address: string | null;
  phone: string | null;
  paymentMethod: string | null;
  reviewAuthority: string | null;
  court: string | null;
  officerCount: number;
  matterCount: number;
  canManage: boolean;
}
export interface BodyInput {
  unitId?: string;
  name?: string;
  kind?: string;
  uscc?: string | null;
  legalBasis?: string;
  normativeDocuments?: string[];
  domains?: string[];
  status?: string;
  address?: string | null;
  phone?: string | null;
  paymentMethod?: string | null;
  reviewAuthority?: string | null;
  court?: string | null;
}

/** The particulars a body's documents print, with their Chinese names (行政处罚决定书 and the notices). */
export const BODY_PARTICULARS = [
  { key: 'address', label: '地址', max: 200 },
  { key: 'phone', label: '联系电话', max: 50 },
  { key: 'paymentMethod', label: '缴款方式', max: 500 },
  { key: 'reviewAuthority', label: '行政复议机关', max: 100 },
  { key: 'court', label: '管辖法院', max: 100 },
] as const;

/** One document a case calls for: ready to generate, or the fields it lacks. */
export interface CaseDocumentInfo {
  code: string;
  name: string;
  status: 'ready' | 'incomplete';
  missing: { field: string; meaning: string }[];
  suppliedByExporter: string[];
}

export interface CredentialProblem {
  code: string;
  message: string;
}
export interface EnforcementOfficer {
  id: string;
  userId: string;
  name: string;
  username: string;
  bodyId: string;
  bodyName: string;
  credentialNo: string;
  category: string;
  domains: string[];
  validFrom: string;
  validTo: string;
  issuingAuthority: string;
  status: string;
  credentialProblems: CredentialProblem[];
  canManage: boolean;
}
export interface OfficerInput {
  userId?: string;
  bodyId?: string;
  credentialNo?: string;
  category?: string;
  domains?: string[];
  validFrom?: string;
  validTo?: string;
  issuingAuthority?: string;
  status?: string;
}

export interface LegalBasisItem {
  law: string;
  article: string;
}
export interface DiscretionBand {
  circumstance: string;
  description: string;
  fineMin: number | null;
  fineMax: number | null;
  otherPenalties: string[];
}
export interface EnforcementMatter {
  id: string;
  code: string;
  name: string;
  type: string;
  bodyId: string;
  bodyName: string;
  legalBasis: LegalBasisItem[];
  fineMin: number | null;
  fineMax: number | null;
  otherPenalties: string[];
  discretion: DiscretionBand[];
  status: string;
  canManage: boolean;
}
export type MatterInput = Partial<Omit<EnforcementMatter, 'id' | 'bodyName' | 'canManage'>>;

export interface RegistryQuery {
  q?: string | undefined;
  bodyId?: string | undefined;
  status?: string | undefined;
  type?: string | undefined;
  page?: number;
  pageSize?: number;
}

export type RegistryKind = 'matters' | 'officers';
export interface ImportBody {
  filename: string;
  contentBase64: string;
  mode: 'preview' | 'import';
  validRowsOnly?: boolean;
}
export interface ImportResult {
  registry: RegistryKind;
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
  logEntryId: string | null;
  rows: { row: number; key: string; action: 'create' | 'update' | 'unchanged' | 'error' }[];
  problems: { row: number; column: string; reason: string }[];
}

export type PublicBody = Omit<
  EnforcementBody,
  'unitId' | 'unitName' | 'status' | 'officerCount' | 'matterCount' | 'canManage'
>;
export interface PublicOfficer {
  name: string;
  credentialNo: string;
  category: string;
  bodyId: string;
  bodyName: string;
  domains: string[];
  validFrom: string;
  validTo: string;
}
export type PublicMatter = Omit<EnforcementMatter, 'id' | 'status' | 'canManage'>;

export interface PublicDecision {
  id: string;
  number: string;
  partyName: string;
  matterName: string;
  bodyName: string;
  decidedOn: string;
  publishedOn: string | null;
  penaltySummary: string;
  status: string;
}
export interface PublicDecisionDetail extends PublicDecision {
  /** The public (masked) text; null once withdrawn. */
  publicText: string | null;
  withdrawnOn: string | null;
  withdrawalReason: string | null;
}

export interface PublicityDraft {
  partyName: string;
  publicText: string;
  penaltySummary: string;
  /** What was masked (kinds and positions, never the values). */
  replacements: { kind: string; rule: string; start: number; end: number }[];
}

interface List<T> {
  items: T[];
  total: number;
}

const root = '/api/enforcement';

export const enforcementApi = {
  bodies: (q: RegistryQuery) => http.get<List<EnforcementBody>>(`${root}/bodies`, { ...q }),
  body: (bodyId: string) => http.get<EnforcementBody>(`${root}/bodies/${id(bodyId)}`),
  createBody: (body: BodyInput) => http.post<EnforcementBody>(`${root}/bodies`, body),
  updateBody: (bodyId: string, body: BodyInput) =>
    http.patch<EnforcementBody>(`${root}/bodies/${id(bodyId)}`, body),

  officers: (q: RegistryQuery) => http.get<List<EnforcementOfficer>>(`${root}/officers`, { ...q }),
  createOfficer: (body: OfficerInput) => http.post<EnforcementOfficer>(`${root}/officers`, body),
  updateOfficer: (officerId: string, body: OfficerInput) =>
    http.patch<EnforcementOfficer>(`${root}/officers/${id(officerId)}`, body),

  matters: (q: RegistryQuery) => http.get<List<EnforcementMatter>>(`${root}/matters`, { ...q }),
  createMatter: (body: MatterInput) => http.post<EnforcementMatter>(`${root}/matters`, body),
  updateMatter: (matterId: string, body: MatterInput) =>
    http.patch<EnforcementMatter>(`${root}/matters/${id(matterId)}`, body),

  caseDocuments: (caseId: string) =>
    http.get<{ documents: CaseDocumentInfo[] }>(`${root}/cases/${id(caseId)}/documents`),
  caseDocumentUrl: (caseId: string, code: string) =>
    `${root}/cases/${id(caseId)}/documents/${encodeURIComponent(code)}.docx`,
  /** The masked public version of a case's penalty decision, prepared for the 保密审查 before publishing. */
  publicityDraft: (caseId: string) => http.get<PublicityDraft>(`${root}/cases/${id(caseId)}/publicity-draft`),

  importFile: (kind: RegistryKind, body: ImportBody) =>
    http.post<ImportResult>(`${root}/${kind}/import`, body),
  exportUrl: (kind: RegistryKind) => `${root}/${kind}/export.xlsx`,

  public: {
    bodies: (tenant?: string) => http.get<PublicBody[]>('/api/public/enforcement/bodies', { tenant }),
    officers: (tenant?: string, q?: string) =>
      http.get<PublicOfficer[]>('/api/public/enforcement/officers', { tenant, q }),
    matters: (tenant?: string) => http.get<PublicMatter[]>('/api/public/enforcement/matters', { tenant }),
    decisions: (query: {
      tenant?: string | undefined;
      q?: string | undefined;
      page: number;
      pageSize: number;
    }) => http.get<List<PublicDecision>>('/api/public/enforcement/decisions', query),
    decision: (decisionId: string, tenant?: string) =>
      http.get<PublicDecisionDetail>(`/api/public/enforcement/decisions/${id(decisionId)}`, { tenant }),
  },
};

/** Officer credential state on a day: 'expired' (or otherwise unusable), 'soon' (within 90 days), 'ok'. */
export function credentialState(
  o: Pick<EnforcementOfficer, 'validTo' | 'credentialProblems'>,
  today: string,
) {
  if (o.credentialProblems.length > 0) return 'invalid' as const;
  const days = (Date.parse(o.validTo) - Date.parse(today)) / 86_400_000;
  if (days < 0) return 'invalid' as const;
  return days <= 90 ? ('soon' as const) : ('ok' as const);
}

export const yuan = (n: number | null) =>
  n === null ? '—' : `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}元`;
export const fineRange = (min: number | null, max: number | null) =>
  min === null && max === null ? '无罚款' : `${yuan(min)} — ${yuan(max)}`;
