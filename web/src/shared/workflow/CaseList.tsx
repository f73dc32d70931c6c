import { Flex, Input, Select, Switch, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api } from '../../api/endpoints.ts';
import type { CaseSummary } from '../../api/types.ts';
import { DataTable, usePagedQuery } from '../DataTable.tsx';
import { formatTime } from '../format.ts';
import { DeadlineDot } from './DeadlineTag.tsx';
import { useMachine } from './machines.ts';

interface Filters {
  state?: string | undefined;
  q?: string | undefined;
  mine: boolean;
}

export const caseLink = (id: string) => `/admin/cases/${encodeURIComponent(id)}`;

/** Link state that keeps the menu on the page a case was opened from. */
export const fromHere = (pathname: string) => ({ from: pathname });

/**
 * The cases of one type the user may read, newest first, a page at a time: number, title, state, the colour of
 * the most urgent deadline and the next due date. Filters: state, keyword (number or title), “我承办的”.
 * Change `reloadKey` to load again (e.g. after registering a case).
 */
export function CaseList({ type, reloadKey = 0 }: { type: string; reloadKey?: number }) {
  const { machine } = useMachine(type);
  const { pathname } = useLocation();
  const [filters, setFilters] = useState<Filters>({ mine: false });
  const query = usePagedQuery(
    (f: Filters & { type: string; reloadKey: number }, page, pageSize) =>
      api.workflow.cases({ type: f.type, state: f.state, q: f.q, mine: f.mine || undefined, page, pageSize }),
    { ...filters, type, reloadKey },
  );
  const patch = (p: Partial<Filters>) => setFilters((f) => ({ ...f, ...p }));
  const finalStates = new Set(machine?.states.filter((s) => s.final).map((s) => s.value));

  const columns: TableColumnsType<CaseSummary> = [
    {
      title: '编号',
      dataIndex: 'number',
      fixed: 'left',
      render: (v: string, c) => (
        <Link to={caseLink(c.id)} state={fromHere(pathname)} data-testid="case-link">
          {v}
        </Link>
      ),
    },
    {
      title: '标题',
      dataIndex: 'title',
      render: (v: string) => (
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 420 }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: '状态',
      dataIndex: 'stateLabel',
      render: (v: string, c) => <Tag color={finalStates.has(c.state) ? 'default' : 'processing'}>{v}</Tag>,
    },
    {
      title: '期限',
      dataIndex: 'nextDue',
      render: (_: unknown, c) => <DeadlineDot colour={c.colour} dueDate={c.nextDue} />,
    },
    { title: '登记时间', dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
    { title: '最近办理', dataIndex: 'updatedAt', render: (v: string) => formatTime(v) },
  ];

  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }} role="search" aria-label="筛选案件">
        <Input.Search
          placeholder="编号或标题"
          allowClear
          onSearch={(v) => patch({ q: v.trim() || undefined })}
          style={{ width: 240 }}
          aria-label="关键字"
          data-testid="cases-filter-q"
        />
        <Select<string | undefined>
          value={filters.state}
          onChange={(v) => patch({ state: v })}
          allowClear
          placeholder="全部状态"
          style={{ width: 160 }}
          options={(machine?.states ?? []).map((s) => ({ value: s.value, label: s.label }))}
          aria-label="状态"
        />
        <Flex gap={8} align="center">
          <Switch
            size="small"
            checked={filters.mine}
            onChange={(mine) => patch({ mine })}
            aria-label="我承办的"
            id="cases-filter-mine"
          />
          <label htmlFor="cases-filter-mine">我承办的</label>
        </Flex>
      </Flex>
      <DataTable<CaseSummary>
        query={query}
        rowKey="id"
        columns={columns}
        data-testid="cases-table"
        aria-label={`${machine?.name ?? '案件'}列表`}
        locale={{ emptyText: '暂无案件' }}
      />
    </>
  );
}
