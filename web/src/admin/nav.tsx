import {
  ApartmentOutlined,
  ApiOutlined,
  DashboardOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../api/types.ts';

export interface Section {
  path: string;
  label: string;
  icon: ReactNode;
  /** The permission that shows the menu item and opens the page. */
  permission: Permission;
}

/** The admin sections, in menu order. Routes (routes.tsx) guard each page with the same permission. */
export const SECTIONS = {
  dashboard: { path: '/admin', label: '工作台', icon: <DashboardOutlined />, permission: 'dashboard.view' },
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
} satisfies Record<string, Section>;

export const SECTION_LIST: Section[] = Object.values(SECTIONS);

/** The section a location belongs to (the longest matching path). */
export function sectionOf(pathname: string): Section | undefined {
  return SECTION_LIST.filter((s) => pathname === s.path || pathname.startsWith(`${s.path}/`)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
}
