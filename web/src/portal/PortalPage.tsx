import {
  AuditOutlined,
  BankOutlined,
  CustomerServiceOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  LoginOutlined,
  SafetyOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../api/endpoints.ts';
import { useDocumentTitle } from '../shared/PageHeader.tsx';
import { useRequest } from '../shared/useRequest.ts';
import './portal.css';

interface PortalSection {
  id: string;
  title: string;
  icon: ReactNode;
  text: string;
  /** The page of a section that is live. */
  to?: string;
}

/** The sections the public portal offers; those without a page are announced as coming soon. */
const SECTIONS: PortalSection[] = [
  {
    id: 'enforcement',
    title: '行政执法公示',
    icon: <AuditOutlined />,
    text: '执法主体、人员、职责、依据、程序及行政处罚、行政检查等执法决定的公示。',
    to: '/public/enforcement',
  },
  {
    id: 'inspections',
    title: '双随机抽查结果',
    icon: <FileSearchOutlined />,
    text: '“双随机、一公开”抽查计划、抽查事项与检查结果的公开。',
    to: '/public/inspection',
  },
  {
    id: 'credit',
    title: '信用查询',
    icon: <SafetyOutlined />,
    text: '按统一社会信用代码或名称查询市场主体的行政许可、行政处罚等信用信息。',
    to: '/public/credit',
  },
  {
    id: 'normative',
    title: '规范性文件',
    icon: <FileProtectOutlined />,
    text: '现行有效的行政规范性文件全文检索，以及正在公开征求意见的文件草案。',
    to: '/public/normative',
  },
  {
    id: 'disclosure',
    title: '政府信息公开',
    icon: <BankOutlined />,
    text: '主动公开的政府信息，以及依申请公开的办理指引。',
  },
  {
    id: 'legal-services',
    title: '公共法律服务',
    icon: <CustomerServiceOutlined />,
    text: '法律咨询、法律援助、人民调解、公证等公共法律服务的办事指引。',
  },
];

/** The public front page for citizens and enterprises. */
export function PortalPage() {
  const tenants = useRequest(api.publicTenants, []);
  const t = tenants.data;
  const tenant = t?.items.find((x) => x.id === t.defaultTenant) ?? t?.items[0];
  const title = tenant ? `${tenant.name}法治政府建设` : '法治政府建设';
  useDocumentTitle(title);

  return (
    <div className="pt">
      <header className="pt-header">
        <div className="pt-wrap pt-header-row">
          <a className="pt-brand" href="#top">
            <span className="fz-logo-mark" aria-hidden>
              法
            </span>
            <span data-testid="portal-title">{tenants.loading ? '\u00a0' : title}</span>
          </a>
          <nav className="pt-nav" aria-label="门户栏目">
            {SECTIONS.map((s) =>
              s.to ? (
                <Link key={s.id} to={s.to}>
                  {s.title}
                </Link>
              ) : (
                <a key={s.id} href={`#${s.id}`}>
                  {s.title}
                </a>
              ),
            )}
          </nav>
          <Link to="/admin/login" className="pt-login">
            <LoginOutlined /> 工作人员登录
          </Link>
        </div>
      </header>

      <main id="top">
        <section className="pt-hero">
          <div className="pt-wrap">
            <h1>{title}</h1>
            <p>面向公众和企业公开行政执法、规范性文件和政府信息，提供信用查询与公共法律服务。</p>
          </div>
        </section>

        <section className="pt-wrap pt-sections" aria-label="服务栏目">
          {SECTIONS.map((s) => {
            const body = (
              <>
                <div className="pt-card-icon" aria-hidden>
                  {s.icon}
                </div>
                <div className="pt-card-body">
                  <h2>
                    {s.title}
                    {s.to ? <span className="pt-live">查看</span> : <span className="pt-soon">即将上线</span>}
                  </h2>
                  <p>{s.text}</p>
                </div>
              </>
            );
            return s.to ? (
              <Link key={s.id} id={s.id} to={s.to} className="pt-card" data-testid={`portal-${s.id}`}>
                {body}
              </Link>
            ) : (
              <article key={s.id} id={s.id} className="pt-card">
                {body}
              </article>
            );
          })}
        </section>
      </main>

      <footer className="pt-footer">
        <div className="pt-wrap">
          {tenant ? `${tenant.name} · ` : ''}法治政府建设平台（开源项目 Fazhi 法治）
        </div>
      </footer>
    </div>
  );
}
