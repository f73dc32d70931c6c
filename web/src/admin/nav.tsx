import {
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AreaChartOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BookOutlined,
  BranchesOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  ClearOutlined,
  DashboardOutlined,
  EyeOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  HourglassOutlined,
  IdcardOutlined,
  InboxOutlined,
  InteractionOutlined,
  MedicineBoxOutlined,
  OrderedListOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../api/types.ts';
import { useMe } from '../shared/me.tsx';
import { useMachines } from '../shared/workflow/machines.ts';

export interface Section {
  path: string;
  label: string;
  icon: ReactNode;
  /** The permission that shows the menu item and opens the page; none: every signed-in user. */
  permission?: Permission;
  /** Shown only to users who can read at least one case type (GET /api/workflow/machines is not empty). */
  needsCaseTypes?: boolean;
  /** The submenu the item sits in (consecutive sections with the same group share one). */
  group?: string;
}

/** Submenus: their icons. */
export const GROUP_ICONS: Record<string, ReactNode> = {
  行政执法: <AuditOutlined />,
  '双随机、一公开': <ScheduleOutlined />,
  公共信用: <TrophyOutlined />,
  合法性审查: <SafetyOutlined />,
  规范性文件: <BookOutlined />,
  法律顾问: <UserOutlined />,
};

/** The admin sections, in menu order. Routes (routes.tsx) guard each page with the same rule. */
export const SECTIONS = {
  dashboard: { path: '/admin', label: '工作台', icon: <DashboardOutlined />, permission: 'dashboard.view' },
  inbox: { path: '/admin/inbox', label: '待办', icon: <InboxOutlined />, needsCaseTypes: true },
  disclosure: {
    path: '/admin/disclosure',
    label: '政府信息公开',
    icon: <FileSearchOutlined />,
    permission: 'disclosure.request.read',
  },
  decisions: {
    path: '/admin/decisions',
    label: '重大行政决策',
    icon: <BranchesOutlined />,
    permission: 'decisions.catalogue.read',
  },
  enforcementCases: {
    path: '/admin/enforcement/cases',
    label: '执法案件',
    icon: <AlertOutlined />,
    permission: 'enforcement.case.read',
    group: '行政执法',
  },
  enforcementMyCases: {
    path: '/admin/enforcement/my-cases',
    label: '我的案件',
    icon: <SolutionOutlined />,
    permission: 'enforcement.case.handle',
    group: '行政执法',
  },
  enforcementLegalReview: {
    path: '/admin/enforcement/legal-review',
    label: '法制审核',
    icon: <SafetyOutlined />,
    permission: 'enforcement.case.review',
    group: '行政执法',
  },
  enforcementSupervision: {
    path: '/admin/enforcement/supervision',
    label: '执法监督',
    icon: <EyeOutlined />,
    permission: 'enforcement.case.read',
    group: '行政执法',
  },
  enforcementStats: {
    path: '/admin/enforcement/stats',
    label: '执法统计',
    icon: <AreaChartOutlined />,
    permission: 'enforcement.case.read',
    group: '行政执法',
  },
  enforcementCaseReviews: {
    path: '/admin/enforcement/case-reviews',
    label: '案卷评查',
    icon: <FileDoneOutlined />,
    permission: 'enforcement.casefile.review',
    group: '行政执法',
  },
  enforcementBodies: {
    path: '/admin/enforcement/bodies',
    label: '执法主体',
    icon: <BankOutlined />,
    permission: 'enforcement.registry.read',
    group: '行政执法',
  },
  enforcementOfficers: {
    path: '/admin/enforcement/officers',
    label: '执法人员',
    icon: <IdcardOutlined />,
    permission: 'enforcement.registry.read',
    group: '行政执法',
  },
  enforcementMatters: {
    path: '/admin/enforcement/matters',
    label: '执法事项',
    icon: <OrderedListOutlined />,
    permission: 'enforcement.registry.read',
    group: '行政执法',
  },
  inspectionTasks: {
    path: '/admin/inspection/tasks',
    label: '抽查任务',
    icon: <ScheduleOutlined />,
    permission: 'inspection.task.read',
    group: '双随机、一公开',
  },
  inspectionItems: {
    path: '/admin/inspection/items',
    label: '事项清单与计划',
    icon: <ProfileOutlined />,
    permission: 'inspection.task.read',
    group: '双随机、一公开',
  },
  inspectionDirectory: {
    path: '/admin/inspection/entities',
    label: '市场主体名录库',
    icon: <ShopOutlined />,
    permission: 'inspection.directory.read',
    group: '双随机、一公开',
  },
  inspectionAssignments: {
    path: '/admin/inspection/assignments',
    label: '我的检查',
    icon: <SolutionOutlined />,
    permission: 'inspection.result.record',
    group: '双随机、一公开',
  },
  creditRecords: {
    path: '/admin/credit/records',
    label: '信用记录',
    icon: <ProfileOutlined />,
    permission: 'credit.record.read',
    group: '公共信用',
  },
  creditSubjects: {
    path: '/admin/credit/subjects',
    label: '信用主体',
    icon: <ShopOutlined />,
    permission: 'credit.record.read',
    group: '公共信用',
  },
  creditModels: {
    path: '/admin/credit/models',
    label: '评分模型',
    icon: <CalculatorOutlined />,
    permission: 'credit.model.manage',
    group: '公共信用',
  },
  creditMeasures: {
    path: '/admin/credit/measures',
    label: '联合奖惩',
    icon: <InteractionOutlined />,
    permission: 'credit.feedback.record',
    group: '公共信用',
  },
  creditRepairs: {
    path: '/admin/credit/repairs',
    label: '信用修复',
    icon: <MedicineBoxOutlined />,
    permission: 'credit.repair.handle',
    group: '公共信用',
  },
  legalityQueue: {
    path: '/admin/legality/queue',
    label: '审查事项',
    icon: <SafetyOutlined />,
    permission: 'legality.review.read',
    group: '合法性审查',
  },
  legalityStats: {
    path: '/admin/legality/stats',
    label: '审查统计',
    icon: <BarChartOutlined />,
    permission: 'legality.review.read',
    group: '合法性审查',
  },
  normativeDocuments: {
    path: '/admin/normative/documents',
    label: '文件管理',
    icon: <FileTextOutlined />,
    permission: 'normative.document.read',
    group: '规范性文件',
  },
  normativeCatalogue: {
    path: '/admin/normative/catalogue',
    label: '备案目录',
    icon: <ProfileOutlined />,
    permission: 'normative.document.read',
    group: '规范性文件',
  },
  normativeExpiring: {
    path: '/admin/normative/expiring',
    label: '届满预警',
    icon: <HourglassOutlined />,
    permission: 'normative.document.read',
    group: '规范性文件',
  },
  normativeCleanups: {
    path: '/admin/normative/cleanups',
    label: '文件清理',
    icon: <ClearOutlined />,
    permission: 'normative.document.read',
    group: '规范性文件',
  },
  advisersRoster: {
    path: '/admin/advisers/roster',
    label: '法律顾问名册',
    icon: <IdcardOutlined />,
    permission: 'advisers.roster.read',
    group: '法律顾问',
  },
  advisersCoverage: {
    path: '/admin/advisers/coverage',
    label: '覆盖情况',
    icon: <ApartmentOutlined />,
    permission: 'advisers.roster.read',
    group: '法律顾问',
  },
  advisersWork: {
    path: '/admin/advisers/work',
    label: '工作台账',
    icon: <ProfileOutlined />,
    permission: 'advisers.work.read',
    group: '法律顾问',
  },
  advisersStats: {
    path: '/admin/advisers/stats',
    label: '履职统计',
    icon: <BarChartOutlined />,
    permission: 'advisers.work.read',
    group: '法律顾问',
  },
  org: { path: '/admin/org', label: '组织机构', icon: <ApartmentOutlined />, permission: 'org.unit.read' },
  users: { path: '/admin/users', label: '用户管理', icon: <TeamOutlined />, permission: 'access.user.read' },
  roles: {
    path: '/admin/roles',
    label: '角色权限',
    icon: <SafetyCertificateOutlined />,
    permission: 'access.role.read',
  },
  tokens: {
    path: '/admin/tokens',
    label: '接口令牌',
    icon: <ApiOutlined />,
    permission: 'access.token.manage',
  },
  calendar: { path: '/admin/calendar', label: '工作日历', icon: <CalendarOutlined /> },
  deadlineRules: { path: '/admin/deadline-rules', label: '法定期限', icon: <FieldTimeOutlined /> },
  documentTemplates: {
    path: '/admin/document-templates',
    label: '文书模板',
    icon: <FileTextOutlined />,
    permission: 'documents.template.manage',
  },
} satisfies Record<string, Section>;

export const SECTION_LIST: Section[] = Object.values(SECTIONS);

/**
 * The section a location belongs to (the longest matching path; the dashboard only at `/admin` itself). A
 * page outside the sections (a case) belongs to the section it was opened from, passed as `state.from`.
 */
export function sectionOf(pathname: string, state?: unknown): Section | undefined {
  const match = (p: string) =>
    SECTION_LIST.filter((s) => p === s.path || (s !== SECTIONS.dashboard && p.startsWith(`${s.path}/`))).sort(
      (a, b) => b.path.length - a.path.length,
    )[0];
  const from = (state as { from?: unknown } | null)?.from;
  return match(pathname) ?? (typeof from === 'string' ? match(from) : undefined);
}

/**
 * Whether the signed-in user may open a section: true, false, or undefined while the case types are
 * still loading (for sections that need them).
 */
export function useSectionAccess(): (section: Section) => boolean | undefined {
  const { can } = useMe();
  const machines = useMachines();
  const hasCaseTypes = machines.data ? machines.data.length > 0 : machines.error ? false : undefined;
  return (s) => {
    if (s.permission && !can(s.permission)) return false;
    if (s.needsCaseTypes) return hasCaseTypes;
    return true;
  };
}
