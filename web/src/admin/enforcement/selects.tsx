import { Select, type SelectProps, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { credentialState, type EnforcementOfficer, enforcementApi } from '../../api/enforcement.ts';
import { useCached } from '../../shared/cache.ts';

/** The bodies the user may read (a district has a few dozen), cached per session. */
export function useBodies() {
  return useCached(
    'enforcement.bodies',
    () => enforcementApi.bodies({ status: 'active', pageSize: 200 }),
    true,
  );
}

/** Picks an enforcement body. */
export function BodySelect(props: Omit<SelectProps<string>, 'options' | 'loading'>) {
  const { data, loading } = useBodies();
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'label' }}
      loading={loading}
      placeholder="请选择执法主体"
      options={(data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
      {...props}
    />
  );
}

/** Picks a 行政处罚 matter from the catalogue (with its body, since only the case's own body's matters may be filed). */
export function MatterSelect({
  value,
  onChange,
  ...rest
}: {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  'aria-label'?: string;
}) {
  const { data, loading } = useCached(
    'enforcement.penalty-matters',
    () => enforcementApi.matters({ status: 'active', type: '行政处罚', pageSize: 200 }),
    true,
  );
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'search' }}
      loading={loading}
      value={value}
      onChange={(v) => onChange?.(v)}
      placeholder="选择执法事项"
      data-testid="matter-select"
      options={(data?.items ?? []).map((m) => ({
        value: m.id,
        search: `${m.code} ${m.name} ${m.bodyName}`,
        label: (
          <Space size={4}>
            <Typography.Text type="secondary">{m.code}</Typography.Text>
            <span>{m.name}</span>
            <Typography.Text type="secondary">{m.bodyName}</Typography.Text>
          </Space>
        ),
      }))}
      {...rest}
    />
  );
}

/** The validity of a credential, red when it cannot be used today, orange within 90 days of expiry. */
export function ValidityText({ officer }: { officer: EnforcementOfficer }) {
  const state = credentialState(officer, dayjs().format('YYYY-MM-DD'));
  const text = `${officer.validFrom} 至 ${officer.validTo}`;
  if (state === 'ok') return <span>{text}</span>;
  const invalid = state === 'invalid';
  const expired = officer.credentialProblems.some((p) => p.code === 'expired');
  return (
    <span data-testid={invalid ? 'credential-invalid' : 'credential-soon'}>
      <Typography.Text type={invalid ? 'danger' : 'warning'}>{text}</Typography.Text>{' '}
      <Tag color={invalid ? 'error' : 'warning'}>{!invalid ? '即将到期' : expired ? '已过期' : '不可用'}</Tag>
    </span>
  );
}

/**
 * Picks officers (by user id) from the registry for a workflow step: officers with a usable credential first,
 * the others shown with their problem and not selectable.
 */
export function OfficerSelect({
  value,
  onChange,
  ...rest
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
  'aria-label'?: string;
}) {
  const { data, loading } = useCached(
    'enforcement.officers',
    () => enforcementApi.officers({ status: 'active', pageSize: 200 }),
    true,
  );
  const today = dayjs().format('YYYY-MM-DD');
  const officers = [...(data?.items ?? [])].sort(
    (a, b) =>
      Number(credentialState(a, today) === 'invalid') - Number(credentialState(b, today) === 'invalid'),
  );
  return (
    <Select<string[]>
      mode="multiple"
      showSearch={{ optionFilterProp: 'search' }}
      loading={loading}
      value={value ?? []}
      onChange={(v) => onChange?.(v)}
      placeholder="选择持有效执法证件的执法人员"
      data-testid="officer-select"
      options={officers.map((o) => {
        const state = credentialState(o, today);
        return {
          value: o.userId,
          search: `${o.name} ${o.credentialNo} ${o.bodyName}`,
          disabled: state === 'invalid',
          label: (
            <Space size={4}>
              <span>{o.name}</span>
              <Typography.Text type="secondary">{o.credentialNo}</Typography.Text>
              {state === 'invalid' ? (
                <Tag color="error">{o.credentialProblems[0]?.message ?? '证件不可用'}</Tag>
              ) : state === 'soon' ? (
                <Tag color="warning">{o.validTo}到期</Tag>
              ) : (
                <Tag color="success">证件有效</Tag>
              )}
              <Typography.Text type="secondary">{o.bodyName}</Typography.Text>
            </Space>
          ),
        };
      })}
      {...rest}
    />
  );
}
