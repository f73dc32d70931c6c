import { Card, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/forms.ts';
import { type CatalogueRow, normativeApi, REGISTER_STATUS } from '../../api/normative.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { caseLink, fromHere } from '../../shared/workflow/CaseList.tsx';
import { SECTIONS } from '../nav.tsx';

const now = new Date();

/** 季度备案目录: the documents filed in a quarter. */
export function CataloguePage() {
  const [year, setYear] = useState(now.getFullYear());
  const [quarter, setQuarter] = useState(Math.floor(now.getMonth() / 3) + 1);
  const list = useRequest(() => normativeApi.catalogue(year, quarter), [year, quarter]);
  return (
    <>
      <PageHeader
        title="备案目录"
        subTitle="按季度报送备案的规范性文件目录"
        extra={
          <Space>
            <InputNumber
              aria-label="年度"
              min={2000}
              max={2100}
              value={year}
              onChange={(v) => v && setYear(v)}
              addonAfter="年"
            />
            <Select
              aria-label="季度"
              style={{ width: 110 }}
              value={quarter}
              onChange={setQuarter}
              options={[1, 2, 3, 4].map((q) => ({ value: q, label: `第${q}季度` }))}
            />
          </Space>
        }
      />
      <Card variant="borderless">
        {list.error ? <LoadFailed detail={describeError(list.error)} onRetry={list.reload} /> : null}
        <Table<CatalogueRow>
          rowKey="caseId"
          loading={list.loading}
          dataSource={list.data ?? []}
          pagination={false}
          data-testid="normative-catalogue"
          locale={{ emptyText: '本季度没有报送备案的文件' }}
          columns={[
            { title: '序号', width: 70, render: (_: unknown, _r, i) => i + 1 },
            {
              title: '文号',
              dataIndex: 'number',
              width: 200,
              render: (n: string, r) => (
                <Link to={caseLink(r.caseId)} state={fromHere(SECTIONS.normativeCatalogue.path)}>
                  {n}
                </Link>
              ),
            },
            { title: '文件名称', dataIndex: 'title' },
            { title: '制定机关', dataIndex: 'issuerName', width: 180 },
            { title: '公布日期', dataIndex: 'publishedOn', width: 110 },
            { title: '报送备案日期', dataIndex: 'filedOn', width: 120 },
            {
              title: '准予备案日期',
              dataIndex: 'filingAcceptedOn',
              width: 120,
              render: (d: string | null) => d ?? '—',
            },
            {
              title: '状态',
              dataIndex: 'status',
              width: 110,
              render: (s: string) => <Tag>{REGISTER_STATUS[s] ?? s}</Tag>,
            },
          ]}
        />
      </Card>
    </>
  );
}
