import { Checkbox, Flex, Tooltip, Typography } from 'antd';
import type { PermissionInfo } from '../../api/types.ts';
import { moduleLabel } from '../../shared/labels.ts';

/**
 * Permissions as checkboxes grouped by module, with a “select all” per module. Permissions the signed-in
 * user does not hold cannot be granted, so they are shown disabled.
 */
export function PermissionPicker({
  catalogue,
  mine,
  value = [],
  onChange,
  id,
}: {
  catalogue: PermissionInfo[];
  mine: Set<string>;
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
}) {
  const modules = [...new Set(catalogue.map((p) => p.module))];
  const chosen = new Set(value);
  const set = (codes: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const c of codes) {
      if (on) next.add(c);
      else next.delete(c);
    }
    // Keep the catalogue's order.
    onChange?.(catalogue.map((p) => p.code).filter((c) => next.has(c)));
  };
  return (
    <div id={id} className="fz-perm-groups">
      {modules.map((m) => {
        const perms = catalogue.filter((p) => p.module === m);
        const grantable = perms.filter((p) => mine.has(p.code)).map((p) => p.code);
        const on = perms.filter((p) => chosen.has(p.code)).length;
        return (
          <fieldset key={m} className="fz-perm-group" aria-labelledby={`perm-${m}`}>
            <div className="fz-perm-head" id={`perm-${m}`}>
              <Checkbox
                checked={on === perms.length && on > 0}
                indeterminate={on > 0 && on < perms.length}
                disabled={grantable.length === 0}
                onChange={(e) => set(grantable, e.target.checked)}
              >
                <Typography.Text strong>{moduleLabel(m)}</Typography.Text>
              </Checkbox>
            </div>
            <Flex wrap gap="8px 24px" className="fz-perm-body">
              {perms.map((p) => {
                const box = (
                  <Checkbox
                    key={p.code}
                    checked={chosen.has(p.code)}
                    disabled={!mine.has(p.code)}
                    onChange={(e) => set([p.code], e.target.checked)}
                  >
                    {p.name}
                  </Checkbox>
                );
                return mine.has(p.code) ? (
                  box
                ) : (
                  <Tooltip key={p.code} title="您自己没有此权限，不能授予">
                    {box}
                  </Tooltip>
                );
              })}
            </Flex>
          </fieldset>
        );
      })}
    </div>
  );
}
