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
const PublicDecisionPage = named(() => import('./portal/PublicDecisionPage.tsx'), 'PublicDecisionPage');
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
            path="enforcement/officers"
            element={guarded(SECTIONS.enforcementOfficers, <OfficersPage />)}
          />
          <Route path="enforcement/matters" element={guarded(SECTIONS.enforcementMatters, <MattersPage />)} />
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
