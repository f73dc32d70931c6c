import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Outlet, Route, Routes } from 'react-router';
import { SECTIONS, type Section } from './admin/nav.tsx';
import { RequireSection } from './admin/RequireSection.tsx';
import { MeProvider } from './shared/me.tsx';
import { NotFound } from './shared/Results.tsx';

const named = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

const PortalPage = named(() => import('./portal/PortalPage.tsx'), 'PortalPage');
const LoginPage = named(() => import('./admin/LoginPage.tsx'), 'LoginPage');
const AdminLayout = named(() => import('./admin/AdminLayout.tsx'), 'AdminLayout');
const AdminHome = named(() => import('./admin/AdminHome.tsx'), 'AdminHome');
const OrgPage = named(() => import('./admin/org/OrgPage.tsx'), 'OrgPage');
const UsersPage = named(() => import('./admin/users/UsersPage.tsx'), 'UsersPage');
const RolesPage = named(() => import('./admin/roles/RolesPage.tsx'), 'RolesPage');
const TokensPage = named(() => import('./admin/tokens/TokensPage.tsx'), 'TokensPage');
const InboxPage = named(() => import('./admin/inbox/InboxPage.tsx'), 'InboxPage');
const CasePage = named(() => import('./admin/cases/CasePage.tsx'), 'CasePage');
const DisclosurePage = named(() => import('./admin/disclosure/DisclosurePage.tsx'), 'DisclosurePage');
const DecisionsPage = named(() => import('./admin/decisions/DecisionsPage.tsx'), 'DecisionsPage');
const EnforcementCasesPage = named(() => import('./admin/enforcement/CasesPage.tsx'), 'CasesPage');
const MyCasesPage = named(() => import('./admin/enforcement/MyCasesPage.tsx'), 'MyCasesPage');
const LegalReviewQueuePage = named(
  () => import('./admin/enforcement/LegalReviewQueuePage.tsx'),
  'LegalReviewQueuePage',
);
const SupervisionPage = named(() => import('./admin/enforcement/SupervisionPage.tsx'), 'SupervisionPage');
const StatsPage = named(() => import('./admin/enforcement/StatsPage.tsx'), 'StatsPage');
const CaseReviewsPage = named(() => import('./admin/enforcement/CaseReviewsPage.tsx'), 'CaseReviewsPage');
const BodiesPage = named(() => import('./admin/enforcement/BodiesPage.tsx'), 'BodiesPage');
const OfficersPage = named(() => import('./admin/enforcement/OfficersPage.tsx'), 'OfficersPage');
const MattersPage = named(() => import('./admin/enforcement/MattersPage.tsx'), 'MattersPage');
const PublicEnforcementPage = named(
  () => import('./portal/PublicEnforcementPage.tsx'),
  'PublicEnforcementPage',
);
const PublicCreditPage = named(() => import('./portal/PublicCreditPage.tsx'), 'PublicCreditPage');
const LegalityQueuePage = named(() => import('./admin/legality/LegalityQueuePage.tsx'), 'LegalityQueuePage');
const LegalityStatsPage = named(() => import('./admin/legality/LegalityStatsPage.tsx'), 'LegalityStatsPage');
const NormativeDocumentsPage = named(
  () => import('./admin/normative/NormativeDocumentsPage.tsx'),
  'NormativeDocumentsPage',
);
const NormativeCataloguePage = named(() => import('./admin/normative/CataloguePage.tsx'), 'CataloguePage');
const NormativeExpiringPage = named(() => import('./admin/normative/ExpiringPage.tsx'), 'ExpiringPage');
const NormativeCleanupPage = named(() => import('./admin/normative/CleanupPage.tsx'), 'CleanupPage');
const PublicNormativePage = named(() => import('./portal/PublicNormativePage.tsx'), 'PublicNormativePage');
const PublicNormativeDocumentPage = named(
  () => import('./portal/PublicNormativeDocumentPage.tsx'),
  'PublicNormativeDocumentPage',
);
const PublicDraftPage = named(() => import('./portal/PublicDraftPage.tsx'), 'PublicDraftPage');
const PublicDecisionPage = named(() => import('./portal/PublicDecisionPage.tsx'), 'PublicDecisionPage');
const PublicDrawsPage = named(() => import('./portal/PublicDrawsPage.tsx'), 'PublicDrawsPage');
const PublicDrawPage = named(() => import('./portal/PublicDrawPage.tsx'), 'PublicDrawPage');
const InspectionTasksPage = named(() => import('./admin/inspection/TasksPage.tsx'), 'TasksPage');
const InspectionItemsPage = named(() => import('./admin/inspection/ItemsPage.tsx'), 'ItemsPage');
const DirectoryPage = named(() => import('./admin/inspection/DirectoryPage.tsx'), 'DirectoryPage');
const AssignmentsPage = named(() => import('./admin/inspection/AssignmentsPage.tsx'), 'AssignmentsPage');
const CreditRecordsPage = named(() => import('./admin/credit/RecordsPage.tsx'), 'RecordsPage');
const CreditSubjectsPage = named(() => import('./admin/credit/SubjectsPage.tsx'), 'SubjectsPage');
const CreditModelsPage = named(() => import('./admin/credit/ModelsPage.tsx'), 'ModelsPage');
const CreditMeasuresPage = named(() => import('./admin/credit/MeasuresPage.tsx'), 'MeasuresPage');
const CreditRepairsPage = named(() => import('./admin/credit/RepairsPage.tsx'), 'RepairsPage');
const AdvisersRosterPage = named(() => import('./admin/advisers/RosterPage.tsx'), 'RosterPage');
const AdvisersCoveragePage = named(() => import('./admin/advisers/CoveragePage.tsx'), 'CoveragePage');
const AdvisersWorkPage = named(() => import('./admin/advisers/WorkPage.tsx'), 'WorkPage');
const AdvisersStatsPage = named(() => import('./admin/advisers/StatsPage.tsx'), 'StatsPage');
const CalendarPage = named(() => import('./admin/calendar/CalendarPage.tsx'), 'CalendarPage');
const DeadlineRulesPage = named(
  () => import('./admin/deadline-rules/DeadlineRulesPage.tsx'),
  'DeadlineRulesPage',
);

const DocumentTemplatesPage = named(
  () => import('./admin/documents/DocumentTemplatesPage.tsx'),
  'DocumentTemplatesPage',
);

export const PageSpinner = () => (
  <div style={{ display: 'grid', placeItems: 'center', minHeight: 240 }}>
    <Spin size="large" />
  </div>
);

const page = (node: ReactNode) => <Suspense fallback={<PageSpinner />}>{node}</Suspense>;

/** A section's page, guarded by the rule that shows its menu entry (admin/nav.tsx). */
const guarded = (section: Section, node: ReactNode) =>
  page(<RequireSection section={section}>{node}</RequireSection>);

/** Admin routes, each guarded by its section's rule (admin/nav.tsx, which also builds the side menu). */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={page(<PortalPage />)} />
      <Route path="/public/enforcement" element={page(<PublicEnforcementPage />)} />
      <Route path="/public/enforcement/decisions/:id" element={page(<PublicDecisionPage />)} />
      <Route path="/public/inspection" element={page(<PublicDrawsPage />)} />
      <Route path="/public/inspection/draws/:id" element={page(<PublicDrawPage />)} />
      <Route path="/public/credit" element={page(<PublicCreditPage />)} />
      <Route path="/public/normative" element={page(<PublicNormativePage />)} />
      <Route path="/public/normative/documents/:id" element={page(<PublicNormativeDocumentPage />)} />
      <Route path="/public/normative/drafts/:id" element={page(<PublicDraftPage />)} />
      <Route
        path="/admin"
        element={
          <MeProvider>
            <Outlet />
          </MeProvider>
        }
      >
        <Route path="login" element={page(<LoginPage />)} />
        <Route element={page(<AdminLayout />)}>
          <Route index element={page(<AdminHome />)} />
          <Route path="inbox" element={guarded(SECTIONS.inbox, <InboxPage />)} />
          <Route path="cases/:id" element={page(<CasePage />)} />
          <Route path="disclosure" element={guarded(SECTIONS.disclosure, <DisclosurePage />)} />
          <Route path="decisions" element={guarded(SECTIONS.decisions, <DecisionsPage />)} />
          <Route path="advisers/roster" element={guarded(SECTIONS.advisersRoster, <AdvisersRosterPage />)} />
          <Route
            path="advisers/coverage"
            element={guarded(SECTIONS.advisersCoverage, <AdvisersCoveragePage />)}
          />
          <Route path="advisers/work" element={guarded(SECTIONS.advisersWork, <AdvisersWorkPage />)} />
          <Route path="advisers/stats" element={guarded(SECTIONS.advisersStats, <AdvisersStatsPage />)} />
          <Route
            path="enforcement/cases"
            element={guarded(SECTIONS.enforcementCases, <EnforcementCasesPage />)}
          />
          <Route
            path="enforcement/my-cases"
            element={guarded(SECTIONS.enforcementMyCases, <MyCasesPage />)}
          />
          <Route
            path="enforcement/legal-review"
            element={guarded(SECTIONS.enforcementLegalReview, <LegalReviewQueuePage />)}
          />
          <Route
            path="enforcement/supervision"
            element={guarded(SECTIONS.enforcementSupervision, <SupervisionPage />)}
          />
          <Route path="enforcement/stats" element={guarded(SECTIONS.enforcementStats, <StatsPage />)} />
          <Route
            path="enforcement/case-reviews"
            element={guarded(SECTIONS.enforcementCaseReviews, <CaseReviewsPage />)}
          />
          <Route path="enforcement/bodies" element={guarded(SECTIONS.enforcementBodies, <BodiesPage />)} />
          <Route
            path="inspection/tasks"
            element={guarded(SECTIONS.inspectionTasks, <InspectionTasksPage />)}
          />
          <Route
            path="inspection/items"
            element={guarded(SECTIONS.inspectionItems, <InspectionItemsPage />)}
          />
          <Route
            path="inspection/entities"
            element={guarded(SECTIONS.inspectionDirectory, <DirectoryPage />)}
          />
          <Route
            path="inspection/assignments"
            element={guarded(SECTIONS.inspectionAssignments, <AssignmentsPage />)}
          />
          <Route
            path="enforcement/officers"
            element={guarded(SECTIONS.enforcementOfficers, <OfficersPage />)}
          />
          <Route path="enforcement/matters" element={guarded(SECTIONS.enforcementMatters, <MattersPage />)} />
          <Route path="credit/records" element={guarded(SECTIONS.creditRecords, <CreditRecordsPage />)} />
          <Route path="credit/subjects" element={guarded(SECTIONS.creditSubjects, <CreditSubjectsPage />)} />
          <Route path="credit/models" element={guarded(SECTIONS.creditModels, <CreditModelsPage />)} />
          <Route path="credit/measures" element={guarded(SECTIONS.creditMeasures, <CreditMeasuresPage />)} />
          <Route path="credit/repairs" element={guarded(SECTIONS.creditRepairs, <CreditRepairsPage />)} />
          <Route path="legality/queue" element={guarded(SECTIONS.legalityQueue, <LegalityQueuePage />)} />
          <Route path="legality/stats" element={guarded(SECTIONS.legalityStats, <LegalityStatsPage />)} />
          <Route
            path="normative/documents"
            element={guarded(SECTIONS.normativeDocuments, <NormativeDocumentsPage />)}
          />
          <Route
            path="normative/catalogue"
            element={guarded(SECTIONS.normativeCatalogue, <NormativeCataloguePage />)}
          />
          <Route
            path="normative/cleanups"
            element={guarded(SECTIONS.normativeCleanups, <NormativeCleanupPage />)}
          />
          <Route
            path="normative/expiring"
            element={guarded(SECTIONS.normativeExpiring, <NormativeExpiringPage />)}
          />
          <Route path="org" element={guarded(SECTIONS.org, <OrgPage />)} />
          <Route path="users" element={guarded(SECTIONS.users, <UsersPage />)} />
          <Route path="roles" element={guarded(SECTIONS.roles, <RolesPage />)} />
          <Route path="tokens" element={guarded(SECTIONS.tokens, <TokensPage />)} />
          <Route path="calendar" element={guarded(SECTIONS.calendar, <CalendarPage />)} />
          <Route path="deadline-rules" element={guarded(SECTIONS.deadlineRules, <DeadlineRulesPage />)} />
          <Route
            path="document-templates"
            element={guarded(SECTIONS.documentTemplates, <DocumentTemplatesPage />)}
          />
          <Route path="*" element={<NotFound home="/admin" />} />
        </Route>
      </Route>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
