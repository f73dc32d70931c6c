/** Wire types and endpoints of the enforcement work views: 我的案件, 法制审核, 执法监督, 执法统计, 案卷评查. */
import { http } from './client.ts';

const enc = (s: string) => encodeURIComponent(s);

export interface Ref {
  id: string;
  name: string | null;
}

export type WorkColour = 'red' | 'orange' | 'blue';
export interface WorkItem {
  id: string;
  type: string;
  typeName: string;
  number: string;
  title: string;
  state: string;
  stateLabel: string;
  createdAt: string;
  body: Ref | null;
  handler: Ref | null;
  role: 'handler' | 'investigator' | 'scope';
  submittedOn: string | null;
  /** In the 法制审核 queue: the case's legality review, where the opinion is given. */
  review: { id: string; number: string } | null;
  deadline: { key: string; name: string; dueDate: string; colour: WorkColour } | null;
}
export interface WorkList {
  today: string;
  items: WorkItem[];
}

export interface SupervisionItem {
  id: string;
  type: string;
  number: string;
  title: string;
  state: string;
  stateLabel: string;
  body: Ref | null;
  handler: Ref | null;
  step: { key: string; name: string | null; dueDate: string | null } | null;
  overdue: boolean;
  daysOverdue: number;
}
export interface SupervisionPage {
  today: string;
  total: number;
  items: SupervisionItem[];
}

export interface StatsGroup {
  indicator: 'opened.by-body' | 'filed.by-matter';
  key: string;
  name: string | null;
  n: number;
}
export interface EnforcementStats {
  period: { from: string | null; to: string | null; bodyId: string | null; today: string };
  opened: number;
  filed: number;
  decided: Record<string, number>;
  byBody: StatsGroup[];
  byMatter: StatsGroup[];
  fines: { count: number; total: number };
  published: { total: number; onTime: number; late: number };
  legalReviews: Record<string, number>;
  overdueNow: number;
}
export interface StatsQuery {
  from?: string | undefined;
  to?: string | undefined;
  bodyId?: string | undefined;
}
export interface DrillResult {
  indicator: string;
  key: string | null;
  total: number;
  items: { id: string; number: string; title: string; state: string; stateLabel: string }[];
}

export type Grade = 'excellent' | 'pass' | 'fail';
export const GRADE_LABELS: Record<Grade, string> = { excellent: '优秀', pass: '合格', fail: '不合格' };
export const GRADE_COLOURS: Record<Grade, string> = {
  excellent: 'success',
  pass: 'processing',
  fail: 'error',
};

export interface ScoreItem {
  key: string;
  label: string;
  max: number;
}
export interface ScoreSheet {
  items: ScoreItem[];
  thresholds: { excellent: number; pass: number };
  total: number;
  isDefault: boolean;
  updatedAt: string | null;
}
export interface CaseReview {
  id: string;
  case: { id: string; type: string; number: string; title: string };
  body: Ref | null;
  reviewer: Ref;
  reviewedOn: string;
  items: (ScoreItem & { score: number; reason: string | null })[];
  thresholds: { excellent: number; pass: number };
  total: number;
  grade: Grade;
  comment: string;
  rectification: string | null;
  createdAt: string;
}
export interface ReviewInput {
  reviewedOn: string;
  items: { key: string; score: number; reason?: string | undefined }[];
  comment: string;
  rectification?: string | undefined;
}
export interface ReviewCandidate {
  id: string;
  type: string;
  number: string;
  title: string;
  state: string;
  stateLabel: string;
  body: Ref | null;
  reviews: number;
  lastGrade: Grade | null;
}
export interface ReviewStats {
  year: number | null;
  bodies: ({ bodyId: string | null; bodyName: string | null; average: number; total: number } & Record<
    Grade,
    number
  >)[];
  totals: Record<Grade | 'total', number>;
}
export interface ReviewQuery {
  bodyId?: string | undefined;
  grade?: Grade | undefined;
  year?: number | undefined;
  page?: number;
  pageSize?: number;
}

interface List<T> {
  items: T[];
  total: number;
}

const root = '/api/enforcement';

export const enforcementViewsApi = {
  myCases: (all: boolean) => http.get<WorkList>(`${root}/my-cases`, { all: all ? 'true' : undefined }),
  legalReviewQueue: () => http.get<WorkList>(`${root}/legal-review-queue`),
  supervision: (page: number, pageSize: number) =>
    http.get<SupervisionPage>(`${root}/supervision`, { page, pageSize }),
  stats: (q: StatsQuery) => http.get<EnforcementStats>(`${root}/stats`, { ...q }),
  drill: (q: StatsQuery & { indicator: string; key?: string | undefined }) =>
    http.get<DrillResult>(`${root}/stats/drill`, { ...q }),

  scoreSheet: () => http.get<ScoreSheet>(`${root}/case-reviews/score-sheet`),
  putScoreSheet: (body: Pick<ScoreSheet, 'items' | 'thresholds'>) =>
    http.put<ScoreSheet>(`${root}/case-reviews/score-sheet`, body),
  reviews: (q: ReviewQuery) => http.get<List<CaseReview>>(`${root}/case-reviews`, { ...q }),
  review: (id: string) => http.get<CaseReview>(`${root}/case-reviews/${enc(id)}`),
  reviewStats: (year?: number) => http.get<ReviewStats>(`${root}/case-reviews/stats`, { year }),
  reviewCandidates: (q: { q?: string | undefined; page?: number; pageSize?: number }) =>
    http.get<List<ReviewCandidate>>(`${root}/case-reviews/cases`, { ...q }),
  createReview: (caseId: string, body: ReviewInput) =>
    http.post<CaseReview>(`${root}/cases/${enc(caseId)}/case-reviews`, body),
};
