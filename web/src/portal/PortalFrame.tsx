import { LoginOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../api/endpoints.ts';
import { useDocumentTitle } from '../shared/PageHeader.tsx';
import { useRequest } from '../shared/useRequest.ts';
import './portal.css';

/** The district the public pages show (the deployment's default). */
export function usePortalTenant() {
  const tenants = useRequest(api.publicTenants, []);
  const t = tenants.data;
  return { tenant: t?.items.find((x) => x.id === t.defaultTenant) ?? t?.items[0], loading: tenants.loading };
}

/** Header and footer of the public pages below the front page. */
export function PortalFrame({ title, children }: { title: string; children: ReactNode }) {
  const { tenant } = usePortalTenant();
  useDocumentTitle(`${title}${tenant ? ` · ${tenant.name}` : ''}`);
  return (
    <div className="pt">
      <header className="pt-header">
        <div className="pt-wrap pt-header-row">
          <Link className="pt-brand" to="/">
            <span className="fz-logo-mark" aria-hidden>
              法
            </span>
            <span>{tenant ? `${tenant.name}法治政府建设` : '法治政府建设'}</span>
          </Link>
          <nav className="pt-nav" aria-label="门户栏目">
            <Link to="/">首页</Link>
            <Link to="/public/enforcement">行政执法公示</Link>
            <Link to="/public/credit">信用查询</Link>
            <Link to="/public/normative">规范性文件</Link>
          </nav>
          <Link to="/admin/login" className="pt-login">
            <LoginOutlined /> 工作人员登录
          </Link>
        </div>
      </header>
      <main className="pt-wrap pt-page">
        <h1 className="pt-page-title">{title}</h1>
        {children}
      </main>
      <footer className="pt-footer">
        <div className="pt-wrap">
          {tenant ? `${tenant.name} · ` : ''}法治政府建设平台（开源项目 Fazhi 法治）
        </div>
      </footer>
    </div>
  );
}
