import { Result } from 'antd';
import { lazy, Suspense } from 'react';
import { Navigate } from 'react-router';
import { PageSpinner } from '../routes.tsx';
import { useMe } from '../shared/me.tsx';
import { SECTION_LIST, SECTIONS, useSectionAccess } from './nav.tsx';

const DashboardPage = lazy(() =>
  import('./dashboard/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
);

/** `/admin`: the dashboard, or the first section the user may open when they may not see the dashboard. */
export function AdminHome() {
  const { can } = useMe();
  const mayOpen = useSectionAccess();
  if (can(SECTIONS.dashboard.permission))
    return (
      <Suspense fallback={<PageSpinner />}>
        <DashboardPage />
      </Suspense>
    );
  const first = SECTION_LIST.find((s) => s.path !== SECTIONS.dashboard.path && mayOpen(s));
  if (first) return <Navigate to={first.path} replace />;
  return (
    <Result
      status="info"
      title="暂无可用功能"
      subTitle="您的账号还没有分配任何功能权限，请联系系统管理员。"
    />
  );
}
