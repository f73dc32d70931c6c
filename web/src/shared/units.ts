import { api } from '../api/endpoints.ts';
import type { Unit } from '../api/types.ts';
import { useCached } from './cache.ts';
import { useMe } from './me.tsx';

/** The units the signed-in user may see (flat, in tree order), shared by every page. */
export function useUnits() {
  const { can } = useMe();
  return useCached('org.units', api.org.units, can('org.unit.read'));
}

export function useUnitKinds() {
  const state = useCached('org.unit-kinds', api.org.unitKinds);
  const labels = new Map((state.data ?? []).map((k) => [k.value, k.label]));
  return { ...state, label: (kind: string) => labels.get(kind) ?? kind };
}

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

/**
 * Builds the tree from the flat list by `parentId`, keeping the server's order. Units whose parent the
 * user cannot see become roots (a unit administrator sees the subtree of their own unit).
 */
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const nodes = new Map(units.map((u) => [u.id, { unit: u, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.id)!;
    const parent = u.parentId ? nodes.get(u.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const order = (list: UnitNode[]) => {
    list.sort((a, b) => a.unit.sort - b.unit.sort || a.unit.name.localeCompare(b.unit.name, 'zh-CN'));
    for (const n of list) order(n.children);
  };
  order(roots);
  return roots;
}

/** The ids of `id` and every unit below it. */
export function subtreeIds(units: Unit[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (!u.parentId) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u.id);
    children.set(u.parentId, list);
  }
  const out = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const cur = stack.pop()!;
    out.add(cur);
    stack.push(...(children.get(cur) ?? []));
  }
  return out;
}
