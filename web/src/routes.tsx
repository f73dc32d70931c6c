import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Outlet, Route, Routes } from 'react-router';
import { SECTIONS } from './admin/nav.tsx';
import { MeProvider } from './shared/me.tsx';
import { RequirePermission } from './shared/RequirePermission.tsx';
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

export const PageSpinner = () => (
  <div style={{ display: 'grid', placeItems: 'center', minHeight: 240 }}>
    <Spin size="large" />
  </div>
);

const page = (node: ReactNode) => <Suspense fallback={<PageSpinner />}>{node}</Suspense>;

/** Admin routes and the permission each needs (from admin/nav.tsx, which also builds the side menu). */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={page(<PortalPage />)} />
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
          <Route
            path="org"
            element={page(
              <RequirePermission permission={SECTIONS.org.permission}>
                <OrgPage />
              </RequirePermission>,
            )}
          />
          <Route
            path="users"
            element={page(
              <RequirePermission permission={SECTIONS.users.permission}>
                <UsersPage />
              </RequirePermission>,
            )}
          />
          <Route
            path="roles"
            element={page(
              <RequirePermission permission={SECTIONS.roles.permission}>
                <RolesPage />
              </RequirePermission>,
            )}
          />
          <Route
            path="tokens"
            element={page(
              <RequirePermission permission={SECTIONS.tokens.permission}>
                <TokensPage />
              </RequirePermission>,
            )}
          />
          <Route path="*" element={<NotFound home="/admin" />} />
        </Route>
      </Route>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
