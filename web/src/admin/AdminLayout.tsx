import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Dropdown, Flex, Layout, Menu, type MenuProps, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { PageSpinner } from '../routes.tsx';
import { useMe } from '../shared/me.tsx';
import { CalendarCoverageAlert } from './CalendarCoverageAlert.tsx';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';
import { GROUP_ICONS, SECTION_LIST, sectionOf, useSectionAccess } from './nav.tsx';

const { Sider, Header, Content } = Layout;

/** The signed-in frame: side menu by permission, header with tenant, user and account menu. */
export function AdminLayout() {
  const { me, logout, signedOut } = useMe();
  const mayOpen = useSectionAccess();
  const location = useLocation();
  const { message } = App.useApp();
  const [collapsed, setCollapsed] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);

  if (me === undefined) return <PageSpinner />;
  if (me === null) {
    // Signed out by the user: start afresh; session expired: come back here after signing in again.
    const back = signedOut ? '/admin' : location.pathname + location.search;
    return (
      <Navigate
        to={`/admin/login${back === '/admin' ? '' : `?redirect=${encodeURIComponent(back)}`}`}
        replace
      />
    );
  }

  type Item = NonNullable<MenuProps['items']>[number] & { children?: MenuProps['items'] };
  const items: Item[] = [];
  for (const s of SECTION_LIST.filter((x) => mayOpen(x))) {
    const item: Item = { key: s.path, icon: s.icon, label: <Link to={s.path}>{s.label}</Link> };
    const last = items[items.length - 1];
    if (!s.group) items.push(item);
    else if (last?.key === `group:${s.group}`) last.children?.push(item);
    else
      items.push({
        key: `group:${s.group}`,
        icon: GROUP_ICONS[s.group],
        label: s.group,
        children: [item],
      });
  }
  const current = sectionOf(location.pathname, location.state);

  const account: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ];
  const onAccount: MenuProps['onClick'] = async ({ key }) => {
    if (key === 'password') setChangingPassword(true);
    if (key === 'logout') {
      await logout().catch(() => undefined);
      message.success('已退出登录');
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={216}
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <Link
          to="/admin"
          style={{ display: 'block', padding: collapsed ? '18px 0' : '18px 20px', color: '#fff' }}
        >
          <Flex align="center" justify={collapsed ? 'center' : 'flex-start'} gap={10}>
            <span className="fz-logo-mark" aria-hidden>
              法
            </span>
            {collapsed ? null : (
              <span style={{ lineHeight: 1.3 }}>
                <span style={{ display: 'block', fontWeight: 600, fontSize: 15 }}>法治政府建设</span>
                <span style={{ display: 'block', fontSize: 12, opacity: 0.65 }}>管理平台</span>
              </span>
            )}
          </Flex>
        </Link>
        <Menu
          theme="dark"
          mode="inline"
          aria-label="主菜单"
          data-testid="admin-menu"
          selectedKeys={current ? [current.path] : []}
          defaultOpenKeys={current?.group ? [`group:${current.group}`] : []}
          items={items}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            zIndex: 100,
          }}
        >
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="tenant-name">
            {me.tenantName}
          </Typography.Text>
          <Dropdown menu={{ items: account, onClick: onAccount }} trigger={['click']}>
            <button type="button" className="fz-account" aria-label="账号菜单" data-testid="account-menu">
              <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1b5fb4' }} />
              <span className="fz-account-name">{me.displayName}</span>
              {me.unitName ? <span className="fz-account-unit">{me.unitName}</span> : null}
              <DownOutlined style={{ fontSize: 10, opacity: 0.6 }} />
            </button>
          </Dropdown>
        </Header>
        <Content style={{ padding: 24 }}>
          <CalendarCoverageAlert />
          <Outlet />
        </Content>
      </Layout>
      <ChangePasswordModal
        open={changingPassword || me.mustChangePassword}
        forced={me.mustChangePassword}
        onClose={() => setChangingPassword(false)}
      />
    </Layout>
  );
}
