import { Select, type SelectProps } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { useMe } from './me.tsx';
import { useRequest } from './useRequest.ts';

/** Picks one user by searching user name or name on the server (20 at a time). */
export function UserSelect(props: Omit<SelectProps<string>, 'options' | 'loading' | 'showSearch'>) {
  const { me, can } = useMe();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setDebounced(q.trim()), 300);
    return () => clearTimeout(t);
  }, [q]);
  const mayRead = can('access.user.read');
  const users = useRequest(
    () => api.users.list({ q: debounced || undefined, status: 'active', page: 1, pageSize: 20 }),
    [debounced],
    mayRead,
  );
  const options = (users.data?.items ?? []).map((u) => ({
    value: u.id,
    label: `${u.displayName}（${u.username}）${u.unitName ? ` · ${u.unitName}` : ''}`,
  }));
  if (me && !options.some((o) => o.value === me.id) && (!mayRead || !debounced))
    options.unshift({ value: me.id, label: `${me.displayName}（${me.username}）· 本人` });
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={users.loading}
      options={options}
      placeholder="搜索用户名或姓名"
      notFoundContent={users.loading ? '搜索中…' : '没有匹配的用户'}
      {...props}
    />
  );
}
