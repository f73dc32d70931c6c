import { Card, Col, Empty, Row } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '../../api/forms.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useUnits } from '../../shared/units.ts';
import { UnitDetail } from './UnitDetail.tsx';
import { UnitTreePanel } from './UnitTreePanel.tsx';

/** 组织机构: the unit tree on the left, the selected unit (kept in the address, ?unit=) on the right. */
export function OrgPage() {
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const list = units.data ?? [];
  const selectedId = params.get('unit') ?? list[0]?.id;
  const byId = useMemo(() => new Map(list.map((u) => [u.id, u])), [list]);
  const selected = selectedId ? byId.get(selectedId) : undefined;
  const childCount = useMemo(
    () => (selected ? list.filter((u) => u.parentId === selected.id).length : 0),
    [list, selected],
  );
  const select = (id: string) => setParams({ unit: id }, { replace: true });

  if (units.error) return <LoadFailed detail={describeError(units.error)} onRetry={units.reload} />;
  return (
    <>
      <PageHeader title="组织机构" subTitle={`共 ${list.length} 个单位。选择左侧单位查看详情与岗位。`} />
      <Row gutter={16} wrap>
        <Col xs={24} lg={9} xl={8} xxl={7}>
          <Card variant="borderless" styles={{ body: { padding: 16 } }}>
            <UnitTreePanel units={list} loading={units.loading} selectedId={selectedId} onSelect={select} />
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16} xxl={17}>
          {selected ? (
            <UnitDetail
              unit={selected}
              parent={selected.parentId ? byId.get(selected.parentId) : undefined}
              childCount={childCount}
              onSelect={select}
            />
          ) : (
            <Card variant="borderless">
              <Empty description={units.loading ? '加载中…' : '请选择单位'} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
