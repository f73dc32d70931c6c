import { Table, type TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Page } from '../api/types.ts';
import { useRequest } from './useRequest.ts';

export interface PagedQuery<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  error: unknown;
  setPage: (page: number, pageSize: number) => void;
  reload: () => void;
}

/**
 * Loads one page at a time from the server. `filters` is compared by value: when it changes, the query
 * goes back to page 1.
 */
export function usePagedQuery<T, F>(
  load: (filters: F, page: number, pageSize: number) => Promise<Page<T>>,
  filters: F,
  initialPageSize = 20,
): PagedQuery<T> {
  const key = JSON.stringify(filters);
  const [paging, setPaging] = useState({ page: 1, pageSize: initialPageSize, key });
  const current = paging.key === key ? paging : { ...paging, page: 1, key };
  useEffect(() => {
    if (paging.key !== key) setPaging((p) => ({ ...p, page: 1, key }));
  }, [key, paging.key]);

  const { data, loading, error, reload } = useRequest(
    () => load(JSON.parse(key) as F, current.page, current.pageSize),
    [key, current.page, current.pageSize],
  );
  const setPage = useCallback((page: number, pageSize: number) => setPaging({ page, pageSize, key }), [key]);
  return {
    items: data?.items ?? [],
    total: data?.total ?? 0,
    page: current.page,
    pageSize: current.pageSize,
    loading,
    error,
    setPage,
    reload,
  };
}

export interface DataTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading'> {
  query: PagedQuery<T>;
  /** Names the table region for screen readers and browser tests. */
  'aria-label'?: string;
  'data-testid'?: string;
}

/** An antd Table driven by `usePagedQuery`: server paging with total, page size choice and a quick jumper. */
export function DataTable<T extends object>({
  query,
  'aria-label': label,
  'data-testid': testId,
  ...rest
}: DataTableProps<T>) {
  return (
    <section aria-label={label} data-testid={testId}>
      <Table<T>
        size="middle"
        scroll={{ x: 'max-content' }}
        {...rest}
        dataSource={query.items}
        loading={query.loading}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: query.total,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showQuickJumper: true,
          showTotal: (total) => `共 ${total} 条`,
          onChange: query.setPage,
        }}
      />
    </section>
  );
}
