import { Alert } from 'antd';
import { ApiError } from '../../api/client.ts';

/** A refusal to show inside a form (not as a passing message): the step cannot be taken as things stand. */
export interface Blocked {
  title: string;
  /** Each unmet condition, in Chinese. */
  items: string[];
  /** The case changed meanwhile: reload it. */
  stale?: boolean;
}

/**
 * The conflicts a form shows as an Alert: a failed legal condition (409 `WORKFLOW.GUARD_FAILED`, one item per
 * unmet condition), a case in another state or changed meanwhile. Other errors (field problems, 403…) return
 * null and go to `useFormErrors`.
 */
export function blockedBy(err: unknown): Blocked | null {
  if (!(err instanceof ApiError) || err.status !== 409) return null;
  if (err.code === 'WORKFLOW.GUARD_FAILED')
    return {
      title: '不符合办理条件，未办理',
      items: err.errors.length > 0 ? err.errors.map((e) => e.detail) : [err.detail],
    };
  if (err.code === 'WORKFLOW.STALE' || err.code === 'WORKFLOW.WRONG_STATE')
    return { title: err.detail, items: ['案件信息已刷新，请核对后再办理'], stale: true };
  return { title: err.detail, items: err.errors.map((e) => e.detail) };
}

export function BlockedAlert({ blocked }: { blocked: Blocked | null }) {
  if (!blocked) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="step-blocked"
      style={{ marginBottom: 16 }}
      title={blocked.title}
      description={
        blocked.items.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {blocked.items.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
