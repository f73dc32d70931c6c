/** Wire types and endpoints of 双随机、一公开 (src/modules/inspection). */
import { downloadFile, http } from './client.ts';

const id = (s: string) => encodeURIComponent(s);
const root = '/api/inspection';

export const ENTITY_TYPES = ['企业', '个体工商户', '农民专业合作社', '其他组织'];
export const ENTITY_STATUS_LABELS: Record<string, string> = {
  active: '存续',
  cancelled: '注销',
  revoked: '吊销',
  moved: '迁出',
};
export const ITEM_KIND_LABELS: Record<string, string> = { general: '一般检查事项', key: '重点检查事项' };
export const TASK_STATUS_LABELS: Record<string, string> = {
  published: '已公布待抽取',
  drawn: '已抽取对象',
  teamed: '已匹配检查人员',
};
export const OUTCOME_LABELS: Record<string, string> = {
  normal: '未发现问题',
  corrected: '发现问题已当场整改',
  rectify: '责令限期整改',
  case: '立案查处',
};
export const GRADE_KEYS = ['A', 'B', 'C', 'D', 'U'] as const;
export type GradeKey = (typeof GRADE_KEYS)[number];
export const GRADE_LABELS: Record<GradeKey, string> = {
  A: 'A类',
  B: 'B类',
  C: 'C类',
  D: 'D类',
  U: '未分类',
};

export interface MarketEntity {
  id: string;
  uscc: string;
  name: string;
  entityType: string;
  industry: string;
  address: string;
  townId: string;
  townName: string | null;
  legalRepresentative: string;
  status: string;
  unitId: string;
  canManage: boolean;
}
export type EntityInput = Omit<MarketEntity, 'id' | 'townName' | 'unitId' | 'canManage' | 'status'> & {
  status?: string;
};
export interface EntityImportResult {
  mode: 'preview' | 'import';
  filename: string;
  sha256: string;
  totalRows: number;
  validRows: number;
  errorRows: number;
  created: number;
  imported: boolean;
  logEntryId: string | null;
  /** Every problem found; `problems` lists the first 1,000 (all of them: `downloadBadRows`). */
  problemCount: number;
  problems: { row: number; column: string; reason: string }[];
}

export interface InspectionItem {
  id: string;
  code: string;
  name: string;
  kind: string;
  subject: string;
  legalBasis: string;
  method: string;
  content: string;
  status: string;
  unitId: string;
  unitName: string | null;
  canManage: boolean;
}
export type ItemInput = Pick<
  InspectionItem,
  'code' | 'name' | 'kind' | 'subject' | 'legalBasis' | 'method' | 'content'
> & { status?: string };

export interface InspectionPlan {
  id: string;
  year: number;
  title: string;
  description: string;
  itemIds: string[];
  unitId: string;
  unitName: string | null;
  createdAt: string;
  canManage: boolean;
}
export type PlanInput = Pick<InspectionPlan, 'year' | 'title' | 'description' | 'itemIds'>;

export interface SourceSpec {
  description: string;
  availableOn: string;
}
export interface Stratum {
  grade: GradeKey;
  size: number;
  pick: number;
  selected?: number[];
}
export interface Team {
  position: number;
  entityId: string;
  inspectors: string[];
  skipped: { userId: string; reason: string }[];
  redraw?: number;
}
export interface Redraw {
  seq: number;
  entityId: string;
  position: number;
  cause: 'conflict' | 'credential' | 'other';
  reason: string;
  previous: string[];
  inspectors: string[];
  skipped: { userId: string; reason: string }[];
  by: string;
  at: string;
}
export const REDRAW_CAUSES = {
  conflict: '检查人员申报回避',
  credential: '检查人员执法证不可用',
  other: '其他原因（如因病、调离）',
} as const;
export interface InspectionTask {
  id: string;
  title: string;
  pick: number;
  poolSize: number;
  poolHash: string;
  sources: SourceSpec[];
  publishedAt: string;
  status: string;
  sourceValues: string[] | null;
  selected: number[] | null;
  drawKey: string | null;
  drawnAt: string | null;
  planId: string | null;
  itemIds: string[];
  jointUnitIds: string[];
  ratios: Record<GradeKey, number> | null;
  strata: Stratum[];
  roster: string[];
  rosterIds: string[];
  recuseTownOfficers: boolean;
  inspectionDate: string | null;
  teams: Team[] | null;
  teamsDrawnAt: string | null;
  redraws: Redraw[];
  unitId: string;
  canManage: boolean;
}
export interface PublishTaskInput {
  title: string;
  pick?: number;
  ratios?: Record<GradeKey, number>;
  sources: SourceSpec[];
  townId?: string;
  industry?: string;
  planId?: string;
  itemIds?: string[];
  jointUnitIds?: string[];
  recuseTownOfficers?: boolean;
}
export interface InspectionResult {
  taskId: string;
  entityId: string;
  entityName: string;
  uscc: string;
  outcome: string;
  findings: string;
  inspectedOn: string;
  recordedBy: string;
  recordedAt: string;
  caseId: string | null;
  publishDue: string;
  publishedAt: string | null;
  revision: number;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  overdueAt: string | null;
}
export interface ResultInput {
  entityId: string;
  outcome: string;
  findings: string;
  inspectedOn: string;
  bodyId?: string;
}
export interface Assignment {
  taskId: string;
  taskTitle: string;
  inspectionDate: string | null;
  entityId: string;
  entityName: string;
  uscc: string;
  address: string;
  result: string | null;
}
export interface ConflictView {
  id: string;
  userId: string;
  userName: string | null;
  entityId: string;
  entityName: string | null;
  reason: string;
  declaredAt: string;
}

export interface PublicDrawSummary {
  id: string;
  title: string;
  pick: number;
  poolSize: number;
  poolHash: string;
  sources: SourceSpec[];
  publishedAt: string;
  status: string;
  sourceValues: string[] | null;
  selected: number[] | null;
  drawnAt: string | null;
}
export interface PublicDraw extends PublicDrawSummary {
  drawKey: string | null;
  poolHashMatches: boolean;
  poolCodes: string[];
  selectedCodes: string[] | null;
  verified: boolean | null;
  unitName: string | null;
  jointUnitNames: string[];
  items: { code: string; name: string; kind: string }[];
  ratios: Record<GradeKey, number> | null;
  poolGrades: string[] | null;
  strata: Stratum[];
  roster: string[];
  recuseTownOfficers: boolean;
  inspectionDate: string | null;
  teams:
    | {
        position: number;
        uscc: string;
        entityName: string;
        inspectors: number[];
        skipped: { roster: number; reason: string }[];
        redraw: number | null;
      }[]
    | null;
  redraws: {
    seq: number;
    uscc: string;
    cause: string;
    causeLabel: string;
    previous: number[];
    inspectors: number[];
    skipped: { roster: number; reason: string }[];
    at: string;
  }[];
  results: {
    uscc: string;
    entityName: string;
    outcome: string;
    outcomeLabel: string;
    findings: string;
    inspectedOn: string;
    publishedAt: string;
    revision: number;
  }[];
}

interface List<T> {
  items: T[];
  total: number;
}

export const inspectionApi = {
  entities: (q: { q?: string; status?: string; page: number; pageSize: number }) =>
    http.get<List<MarketEntity>>(`${root}/entities`, { ...q }),
  createEntity: (body: EntityInput) => http.post<MarketEntity>(`${root}/entities`, body),
  updateEntity: (entityId: string, body: Partial<EntityInput>) =>
    http.patch<MarketEntity>(`${root}/entities/${id(entityId)}`, body),
  importEntities: (body: {
    filename: string;
    contentBase64: string;
    mode: 'preview' | 'import';
    validRowsOnly?: boolean;
  }) => http.post<EntityImportResult>(`${root}/entities/import`, body),
  /** Every bad row of the file with its problems, as an .xlsx to correct and import again. */
  downloadBadRows: (body: { filename: string; contentBase64: string }) =>
    downloadFile('POST', `${root}/entities/import/bad-rows.xlsx`, '有误的行.xlsx', body),
  exportUrl: `${root}/entities/export.xlsx`,
  items: () => http.get<InspectionItem[]>(`${root}/items`),
  createItem: (body: ItemInput) => http.post<InspectionItem>(`${root}/items`, body),
  updateItem: (itemId: string, body: Partial<ItemInput>) =>
    http.patch<InspectionItem>(`${root}/items/${id(itemId)}`, body),
  plans: () => http.get<InspectionPlan[]>(`${root}/plans`),
  createPlan: (body: PlanInput) => http.post<InspectionPlan>(`${root}/plans`, body),
  tasks: (planId?: string) => http.get<InspectionTask[]>(`${root}/tasks`, planId ? { planId } : {}),
  task: (taskId: string) => http.get<InspectionTask>(`${root}/tasks/${id(taskId)}`),
  publishTask: (body: PublishTaskInput) => http.post<InspectionTask>(`${root}/tasks`, body),
  draw: (taskId: string, sourceValues: string[]) =>
    http.post<InspectionTask>(`${root}/tasks/${id(taskId)}/draw`, { sourceValues }),
  teams: (taskId: string, body: { inspectionDate: string; teamSize?: number }) =>
    http.post<InspectionTask>(`${root}/tasks/${id(taskId)}/teams`, body),
  results: (taskId: string) => http.get<InspectionResult[]>(`${root}/tasks/${id(taskId)}/results`),
  recordResult: (taskId: string, body: ResultInput) =>
    http.post<InspectionResult>(`${root}/tasks/${id(taskId)}/results`, body),
  redrawTeam: (taskId: string, entityId: string, body: { cause: Redraw['cause']; reason: string }) =>
    http.post<InspectionTask>(`${root}/tasks/${id(taskId)}/teams/${id(entityId)}/redraw`, body),
  correctResult: (
    taskId: string,
    entityId: string,
    body: { outcome: ResultInput['outcome']; findings: string; reason: string; bodyId?: string },
  ) => http.post<InspectionResult>(`${root}/tasks/${id(taskId)}/results/${id(entityId)}/correct`, body),
  withdrawResult: (taskId: string, entityId: string, reason: string) =>
    http.post<InspectionResult>(`${root}/tasks/${id(taskId)}/results/${id(entityId)}/withdraw`, { reason }),
  publishResults: (taskId: string) =>
    http.post<{ published: number }>(`${root}/tasks/${id(taskId)}/results/publish`),
  assignments: () => http.get<Assignment[]>(`${root}/assignments`),
  conflicts: () => http.get<ConflictView[]>(`${root}/conflicts`),
  declareConflict: (body: { userId: string; entityId: string; reason: string }) =>
    http.post<ConflictView>(`${root}/conflicts`, body),
  public: {
    draws: (tenant?: string) =>
      http.get<PublicDrawSummary[]>('/api/public/inspection/draws', tenant ? { tenant } : {}),
    draw: (drawId: string, tenant?: string) =>
      http.get<PublicDraw>(`/api/public/inspection/draws/${id(drawId)}`, tenant ? { tenant } : {}),
  },
};
