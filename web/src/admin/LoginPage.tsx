import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import { applyFieldProblems, describeError } from '../api/forms.ts';
import { useMe } from '../shared/me.tsx';
import { useDocumentTitle } from '../shared/PageHeader.tsx';
import { useRequest } from '../shared/useRequest.ts';

interface Values {
  tenant?: string;
  username: string;
  password: string;
}

/** Only go back to admin pages after login (never to another site). */
const safeRedirect = (to: string | null) => (to && /^\/admin(\/|$|\?)/.test(to) ? to : '/admin');

export function LoginPage() {
  useDocumentTitle('工作人员登录');
  const { me, setMe } = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<{ text: string; locked: boolean } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const tenants = useRequest(async () => {
    const t = await api.publicTenants();
    if (!form.getFieldValue('tenant')) form.setFieldValue('tenant', t.defaultTenant);
    return t;
  }, []);

  if (me) return <Navigate to={safeRedirect(params.get('redirect'))} replace />;

  const items = tenants.data?.items ?? [];
  const tenantName = items.find((t) => t.id === tenants.data?.defaultTenant)?.name ?? items[0]?.name;

  const submit = async (v: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      const signedIn = await api.auth.login({
        ...(v.tenant ? { tenant: v.tenant } : {}),
        username: v.username.trim(),
        password: v.password,
      });
      setMe(signedIn);
      navigate(safeRedirect(params.get('redirect')), { replace: true });
    } catch (e) {
      const rest = e instanceof ApiError ? applyFieldProblems(form, e.errors) : [];
      const shown =
        e instanceof ApiError && e.errors.length > 0 && rest.length === 0 ? null : describeError(e);
      if (shown) setError({ text: shown, locked: e instanceof ApiError && e.status === 423 });
      if (e instanceof ApiError && e.code === 'AUTH.BAD_CREDENTIALS') form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="fz-login">
      <div className="fz-login-brand">
        <span className="fz-logo-mark" aria-hidden>
          法
        </span>
        <div>
          <div className="fz-login-title">{tenantName ? `${tenantName}法治政府建设` : '法治政府建设'}</div>
          <div className="fz-login-sub">管理平台 · 工作人员入口</div>
        </div>
      </div>
      <Card className="fz-login-card" variant="borderless">
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 24, textAlign: 'center' }}>
          工作人员登录
        </Typography.Title>
        {error ? (
          <Alert
            type={error.locked ? 'warning' : 'error'}
            showIcon
            title={error.text}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
            role="alert"
          />
        ) : null}
        <Form<Values>
          form={form}
          layout="vertical"
          size="large"
          requiredMark={false}
          onFinish={submit}
          onValuesChange={() => setError(null)}
          data-testid="login-form"
          aria-label="登录"
        >
          <Form.Item
            name="tenant"
            label="行政区"
            hidden={items.length <= 1}
            rules={[{ required: items.length > 1, message: '请选择行政区' }]}
          >
            <Select
              loading={tenants.loading}
              options={items.map((t) => ({ value: t.id, label: t.name }))}
              data-testid="login-tenant"
            />
          </Form.Item>
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              data-testid="login-username"
              placeholder="请输入用户名"
            />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
              placeholder="请输入密码"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            登录
          </Button>
        </Form>
        <div style={{ marginTop: 20, textAlign: 'center' }}>
          <Link to="/">返回门户首页</Link>
        </div>
      </Card>
      <div className="fz-login-foot">多次输错密码将临时锁定账号；忘记密码请联系本单位管理员重置。</div>
    </div>
  );
}
