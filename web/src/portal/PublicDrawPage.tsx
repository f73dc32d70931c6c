import { Alert, Button, Card, Descriptions, Result, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
// The very code the server runs (pure TypeScript, no server imports): the browser re-runs the draw itself.
import { rfc3797Draw } from '../../../src/modules/inspection/rfc3797.ts';
import {
  redrawOrder,
  type StratumPlan,
  stratifiedDraw,
  teamFollowsOrder,
  teamOrder,
} from '../../../src/modules/inspection/strata.ts';
import { isApiError } from '../api/client.ts';
import { describeError } from '../api/forms.ts';
import { GRADE_LABELS, type GradeKey, inspectionApi, type PublicDraw } from '../api/inspection.ts';
import { formatTime } from '../shared/format.ts';
import { useRequest } from '../shared/useRequest.ts';
import { PortalFrame, usePortalTenant } from './PortalFrame.tsx';

interface Verification {
  poolHash: string;
  poolHashOk: boolean;
  selected: number[];
  selectedOk: boolean;
  teamsOk: boolean | null;
  ms: number;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Re-runs everything from the published inputs only: pool hash, RFC 3797 (per stratum), each team's roster order. */
async function verify(d: PublicDraw): Promise<Verification> {
  const t0 = performance.now();
  const values = d.sourceValues ?? [];
  const poolHash = await sha256Hex(d.poolCodes.join('\n'));
  const selected = d.poolGrades
    ? stratifiedDraw(
        d.poolGrades,
        d.strata.map((s): StratumPlan => ({ grade: s.grade, size: s.size, pick: s.pick })),
        values,
      ).selected
    : rfc3797Draw({ pool: d.poolCodes.length, pick: d.pick, sources: values }).selected;
  let teamsOk: boolean | null = null;
  if (d.teams) {
    // Each team is the first officers of the entity's roster order (its re-draw's order, for a re-drawn team) who
    // were not passed over (with a reason); every earlier re-draw of the entity is checked the same way.
    teamsOk =
      d.teams.every((t) =>
        teamFollowsOrder(
          teamOrder(d.roster.length, values, t.uscc, t.redraw),
          t.inspectors,
          t.skipped.map((s) => s.roster),
        ),
      ) &&
      d.redraws.every((r) =>
        teamFollowsOrder(
          redrawOrder(d.roster.length, values, r.uscc, r.seq),
          r.inspectors,
          r.skipped.map((s) => s.roster),
        ),
      );
  }
  return {
    poolHash,
    poolHashOk: poolHash === d.poolHash,
    selected,
    selectedOk: JSON.stringify(selected) === JSON.stringify(d.selected),
    teamsOk,
    ms: performance.now() - t0,
  };
}

const ok = (v: boolean | null, yes: string, no: string) =>
  v === null ? <Tag>不适用</Tag> : v ? <Tag color="success">{yes}</Tag> : <Tag color="error">{no}</Tag>;

/** One draw with every input, the selection, teams and published results, and an in-browser verification. */
export function PublicDrawPage() {
  const { id = '' } = useParams();
  const { tenant } = usePortalTenant();
  const r = useRequest(() => inspectionApi.public.draw(id, tenant?.id), [id, tenant?.id], !!tenant);
  const [check, setCheck] = useState<Verification | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const d = r.data;
  return (
    <PortalFrame title="双随机抽查公示">
      <div className="pt-panel" data-testid="public-draw">
        <Typography.Paragraph>
          <Link to="/public/inspection">← 返回抽查公示列表</Link>
        </Typography.Paragraph>
        {r.error ? (
          isApiError(r.error) && r.error.status === 404 ? (
            <Result status="404" title="抽查任务不存在" subTitle={r.error.detail} />
          ) : (
            <Alert type="error" showIcon title="加载失败" description={describeError(r.error)} />
          )
        ) : !d ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {d.title}
            </Typography.Title>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              style={{ marginBottom: 16 }}
              items={[
                { key: 'u', label: '牵头部门', children: d.unitName ?? '—' },
                { key: 'j', label: '配合部门', children: d.jointUnitNames.join('、') || '—' },
                {
                  key: 'i',
                  label: '抽查事项',
                  children: d.items.map((i) => `${i.code} ${i.name}`).join('；') || '—',
                },
                { key: 'pub', label: '公布时间', children: formatTime(d.publishedAt) },
                { key: 'pool', label: '抽取池', children: `${d.poolSize}户（按统一社会信用代码排序）` },
                { key: 'pick', label: '抽取数量', children: d.pick },
                {
                  key: 'hash',
                  label: '抽取池 SHA-256（代码逐行）',
                  children: <Typography.Text code>{d.poolHash}</Typography.Text>,
                },
                {
                  key: 'ratios',
                  label: '按信用等级抽取比例',
                  children: d.ratios
                    ? (Object.keys(d.ratios) as GradeKey[])
                        .map((g) => `${GRADE_LABELS[g]} ${d.ratios![g]}%`)
                        .join('；')
                    : '不分层',
                },
                { key: 'drawn', label: '抽取时间', children: formatTime(d.drawnAt) },
                { key: 'date', label: '检查日期', children: d.inspectionDate ?? '—' },
              ]}
            />
            <Card size="small" title="公开随机源（按公布顺序）" style={{ marginBottom: 16 }}>
              {d.sources.map((s, i) => (
                <div key={s.description}>
                  {i + 1}. {s.description}（{s.availableOn}产生）：
                  <Typography.Text strong data-testid={`source-value-${i}`}>
                    {d.sourceValues?.[i] ?? '尚未产生'}
                  </Typography.Text>
                </div>
              ))}
              {d.drawKey ? (
                <div>
                  RFC 3797 密钥：<Typography.Text code>{d.drawKey}</Typography.Text>
                </div>
              ) : null}
            </Card>
            {d.strata.length ? (
              <Card
                size="small"
                title="信用等级分层（每层以相同随机源各按 RFC 3797 抽取一次）"
                style={{ marginBottom: 16 }}
              >
                {d.strata.map((s) => (
                  <div key={s.grade}>
                    {GRADE_LABELS[s.grade]}：{s.size}户中抽取{s.pick}户
                    {s.selected ? `，层内位置 ${s.selected.join(' ')}` : ''}
                  </div>
                ))}
              </Card>
            ) : null}
            {d.selected ? (
              <Card
                size="small"
                title="验证：在您的浏览器中按 RFC 3797 复算"
                style={{ marginBottom: 16 }}
                extra={
                  <Button
                    type="primary"
                    data-testid="verify-button"
                    onClick={() => {
                      setCheckError(null);
                      verify(d).then(setCheck, (e: unknown) => setCheckError(String(e)));
                    }}
                  >
                    复算验证
                  </Button>
                }
              >
                {checkError ? (
                  <Alert type="error" showIcon title="复算失败" description={checkError} />
                ) : null}
                {check ? (
                  <div data-testid="verify-result">
                    <Alert
                      type={
                        check.poolHashOk && check.selectedOk && check.teamsOk !== false ? 'success' : 'error'
                      }
                      showIcon
                      title={
                        check.poolHashOk && check.selectedOk && check.teamsOk !== false
                          ? '复算结果与公布的抽取结果一致'
                          : '复算结果与公布的抽取结果不一致'
                      }
                      style={{ marginBottom: 8 }}
                    />
                    <div>抽取池哈希：{ok(check.poolHashOk, '一致', '不一致')}</div>
                    <div>
                      抽取结果：{ok(check.selectedOk, '一致', '不一致')} 复算位置 {check.selected.join(' ')}
                    </div>
                    <div>检查人员匹配：{ok(check.teamsOk, '一致', '不一致')}</div>
                    <Typography.Text type="secondary">用时 {check.ms.toFixed(0)} 毫秒</Typography.Text>
                  </div>
                ) : (
                  <Typography.Text type="secondary">
                    复算只使用本页公布的输入：抽取池（及各主体的信用等级）、随机源的值和检查人员名录。
                  </Typography.Text>
                )}
              </Card>
            ) : null}
            {d.selectedCodes ? (
              <Card size="small" title="抽取结果与检查组" style={{ marginBottom: 16 }}>
                <Table
                  size="small"
                  rowKey="position"
                  pagination={false}
                  dataSource={d.selectedCodes.map((code, i) => {
                    const team = d.teams?.find((t) => t.uscc === code);
                    return { order: i + 1, position: d.selected![i]!, code, team };
                  })}
                  columns={[
                    { title: '顺序', dataIndex: 'order', width: 60 },
                    { title: '池中位置', dataIndex: 'position', width: 80 },
                    { title: '统一社会信用代码', dataIndex: 'code' },
                    {
                      title: '名称',
                      key: 'name',
                      render: (_: unknown, x) => x.team?.entityName ?? '—',
                    },
                    {
                      title: '检查人员',
                      key: 'team',
                      render: (_: unknown, x) =>
                        x.team
                          ? `${x.team.inspectors.map((r) => d.roster[r - 1]).join('、')}${
                              x.team.redraw ? `（第${x.team.redraw}次重新匹配）` : ''
                            }`
                          : '—',
                    },
                  ]}
                />
              </Card>
            ) : null}
            {d.redraws.length ? (
              <Card
                size="small"
                title="单组重新匹配"
                style={{ marginBottom: 16 }}
                data-testid="public-redraws"
              >
                <Typography.Paragraph type="secondary">
                  检查组成员事后申报回避或执法证不可用时，仅重新匹配该检查对象的检查组：随机源为本页公布的随机源的值、该主体的统一社会信用代码和重新匹配序号，按
                  RFC 3797 排出名录顺序，复算验证一并核对。
                </Typography.Paragraph>
                <Table
                  size="small"
                  rowKey="seq"
                  pagination={false}
                  dataSource={d.redraws}
                  columns={[
                    { title: '序号', dataIndex: 'seq', width: 60 },
                    { title: '统一社会信用代码', dataIndex: 'uscc' },
                    { title: '原因', dataIndex: 'causeLabel' },
                    {
                      title: '原检查人员',
                      key: 'previous',
                      render: (_: unknown, r) => r.previous.map((x) => d.roster[x - 1]).join('、'),
                    },
                    {
                      title: '重新匹配的检查人员',
                      key: 'inspectors',
                      render: (_: unknown, r) => r.inspectors.map((x) => d.roster[x - 1]).join('、'),
                    },
                    { title: '时间', key: 'at', render: (_: unknown, r) => formatTime(r.at) },
                  ]}
                />
              </Card>
            ) : null}
            <Card size="small" title="检查结果" style={{ marginBottom: 16 }} data-testid="public-results">
              {d.results.length === 0 ? (
                <Typography.Text type="secondary">尚未公示检查结果</Typography.Text>
              ) : (
                <Table
                  size="small"
                  rowKey="uscc"
                  pagination={false}
                  dataSource={d.results}
                  columns={[
                    { title: '统一社会信用代码', dataIndex: 'uscc' },
                    { title: '名称', dataIndex: 'entityName' },
                    { title: '检查日期', dataIndex: 'inspectedOn' },
                    { title: '结果', dataIndex: 'outcomeLabel' },
                    { title: '检查情况', dataIndex: 'findings' },
                  ]}
                />
              )}
            </Card>
            <Card size="small" title={`抽取池（${d.poolCodes.length}户，按此顺序编号）`}>
              <Typography.Paragraph
                style={{ maxHeight: 200, overflow: 'auto', fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}
              >
                {d.poolCodes
                  .map((c, i) => `${i + 1}. ${c}${d.poolGrades ? ` ${d.poolGrades[i]}` : ''}`)
                  .join('\n')}
              </Typography.Paragraph>
              <Typography.Text type="secondary">
                检查人员名录（按此顺序编号）：{d.roster.map((x, i) => `${i + 1}. ${x}`).join('；') || '—'}
              </Typography.Text>
            </Card>
          </>
        )}
      </div>
    </PortalFrame>
  );
}
