import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Forbidden } from '../shared/Results.tsx';
import { type Section, useSectionAccess } from './nav.tsx';

/** Renders `children` only when the user may open `section` (the rule that also shows its menu entry). */
export function RequireSection({ section, children }: { section: Section; children: ReactNode }) {
  const allowed = useSectionAccess()(section);
  if (allowed === undefined)
    return (
      <div style={{ display: 'grid', placeItems: 'center', minHeight: 240 }}>
        <Spin size="large" />
      </div>
    );
  return allowed ? children : <Forbidden />;
}
