import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from './PageHeader.tsx';

/** 403: the user lacks the permission a section needs. */
export function Forbidden({ detail }: { detail?: string }) {
  useDocumentTitle('无权限');
  const navigate = useNavigate();
  return (
    <Result
      data-testid="forbidden"
      status="403"
      title="无权限"
      subTitle={detail ?? '您没有访问此页面的权限。如需开通，请联系本单位的系统管理员。'}
      extra={
        <Button type="primary" onClick={() => navigate('/admin')}>
          返回工作台
        </Button>
      }
    />
  );
}

export function NotFound({ home = '/' }: { home?: string }) {
  useDocumentTitle('页面不存在');
  const navigate = useNavigate();
  return (
    <Result
      data-testid="not-found"
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已被移除，请检查地址是否正确。"
      extra={
        <Button type="primary" onClick={() => navigate(home)}>
          {home === '/' ? '返回首页' : '返回工作台'}
        </Button>
      }
    />
  );
}

/** A failed load, with a retry. */
export function LoadFailed({ detail, onRetry }: { detail: string; onRetry?: () => void }) {
  return (
    <Result
      status="warning"
      title="加载失败"
      subTitle={detail}
      extra={onRetry ? <Button onClick={onRetry}>重试</Button> : null}
    />
  );
}
