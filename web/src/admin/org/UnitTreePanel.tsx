import { Empty, Input, Spin, Tag, Tree, type TreeDataNode } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Unit } from '../../api/types.ts';
import { buildUnitTree, type UnitNode } from '../../shared/units.ts';

function Highlight({ text, q }: { text: string; q: string }) {
  const i = q ? text.indexOf(q) : -1;
  if (i < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, i)}
      <mark className="fz-mark">{text.slice(i, i + q.length)}</mark>
      {text.slice(i + q.length)}
    </>
  );
}

interface SearchResult {
  /** Units matching the search and all their ancestors. */
  show: Set<string>;
  /** Units matching the search (their children stay reachable, collapsed). */
  matches: Set<string>;
  expand: string[];
}

function visibleFor(units: Unit[], q: string): SearchResult {
  const byId = new Map(units.map((u) => [u.id, u]));
  const show = new Set<string>();
  const matches = new Set<string>();
  const expand = new Set<string>();
  for (const u of units) {
    if (!u.name.includes(q) && !u.shortName?.includes(q)) continue;
    show.add(u.id);
    matches.add(u.id);
    let p = u.parentId ? byId.get(u.parentId) : undefined;
    while (p && !show.has(p.id)) {
      show.add(p.id);
      expand.add(p.id);
      p = p.parentId ? byId.get(p.parentId) : undefined;
    }
    if (p) expand.add(p.id);
  }
  return { show, matches, expand: [...expand] };
}

function toTreeData(nodes: UnitNode[], q: string, search: SearchResult | null): TreeDataNode[] {
  return nodes
    .filter((n) => !search || search.show.has(n.unit.id))
    .map(({ unit, children }) => ({
      key: unit.id,
      title: (
        <span className={unit.status === 'active' ? undefined : 'fz-inactive'}>
          <Highlight text={unit.name} q={q} />
          {unit.status === 'active' ? null : (
            <Tag style={{ marginInlineStart: 6 }} variant="filled">
              停用
            </Tag>
          )}
        </span>
      ),
      children: toTreeData(children, q, search?.matches.has(unit.id) ? null : search),
      isLeaf: children.length === 0,
    }));
}

function useViewportHeight(offset: number) {
  const [h, setH] = useState(() => window.innerHeight - offset);
  useEffect(() => {
    const on = () => setH(window.innerHeight - offset);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, [offset]);
  return Math.max(320, h);
}

/** The organisation tree with a search box; virtual scrolling keeps ~450 units fast. */
export function UnitTreePanel({
  units,
  loading,
  selectedId,
  onSelect,
}: {
  units: Unit[];
  loading: boolean;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  const [q, setQ] = useState('');
  const tree = useMemo(() => buildUnitTree(units), [units]);
  const [expanded, setExpanded] = useState<string[]>([]);
  const height = useViewportHeight(250);

  // Start with the top levels open, and open the way to the selected unit.
  useEffect(() => {
    if (units.length === 0) return;
    setExpanded((prev) => {
      const next = new Set(prev.length > 0 ? prev : tree.map((n) => n.unit.id));
      const byId = new Map(units.map((u) => [u.id, u]));
      let p = selectedId ? byId.get(selectedId)?.parentId : undefined;
      while (p) {
        next.add(p);
        p = byId.get(p)?.parentId ?? undefined;
      }
      return [...next];
    });
  }, [units, tree, selectedId]);

  const search = useMemo(() => (q ? visibleFor(units, q) : null), [units, q]);
  const treeData = useMemo(() => toTreeData(tree, q, search), [tree, q, search]);
  useEffect(() => {
    if (search) setExpanded(search.expand);
  }, [search]);

  return (
    <div>
      <Input.Search
        placeholder="搜索单位名称或简称"
        allowClear
        onSearch={(v) => setQ(v.trim())}
        onChange={(e) => {
          if (!e.target.value) setQ('');
        }}
        style={{ marginBottom: 12 }}
        aria-label="搜索单位"
      />
      {loading && units.length === 0 ? (
        <div style={{ padding: 48, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : treeData.length === 0 ? (
        <Empty description={q ? '没有匹配的单位' : '暂无单位'} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Tree
          blockNode
          showLine
          height={height}
          virtual
          treeData={treeData}
          selectedKeys={selectedId ? [selectedId] : []}
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys.map(String))}
          onSelect={(keys) => {
            if (keys[0]) onSelect(String(keys[0]));
          }}
          aria-label="组织机构树"
          data-testid="org-tree"
        />
      )}
    </div>
  );
}
