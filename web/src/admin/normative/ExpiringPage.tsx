import { Card, Select, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/forms.ts';
import { type ExpiringRow, normativeApi } from '../../api/normative.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { LoadFailed } from '../../shared/Results.tsx';
import { useRequest } from '../../shared/useRequest.ts';
import { caseLink, fromHere } from '../../shared/workflow/CaseList.tsx';
import { SECTIONS } from '../nav.tsx';

/** 有效期届满预警: documents in force whose validity ends within the chosen months. */
export function ExpiringPage() {
  const [months, setMonths] = useState(6);
  const list = useRequest(() => normativeApi.expiring(months), [months]);
  return (
    <>
      <PageHeader
        title="有效期届满预警"
        subTitle="现行有效的规范性文件中即将届满的（有效期一般不超过5年，暂行、试行不超过2年）；届满前应评估是否继续施行"
        extra={
          <Select
            aria-label="预警期间"
            style={{ width: 150 }}
            value={months}
            onChange={setMonths}
            options={[3, 6, 12, 24].map((m) => ({ value: m, label: `${m}个月内届满` }))}
          />
        }
      />
      <Card variant="borderless">
        {list.error ? <LoadFailed detail={describeError(list.error)} onRetry={list.reload} /> : null}
        <Table<ExpiringRow>
          rowKey="caseId"
          loading={list.loading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          data-testid="normative-expiring"
          locale={{ emptyText: '没有即将届满的文件' }}
          columns={[
            {
              title: '文号',
              dataIndex: 'number',
              width: 200,
              render: (n: string, r) => (
                <Link to={caseLink(r.caseId)} state={fromHere(SECTIONS.normativeExpiring.path)}>
                  {n}
                </Link>
              ),
            },
            { title: '文件名称', dataIndex: 'title' },
            { title: '制定机关', dataIndex: 'issuerName', width: 180 },
            { title: '有效期至', dataIndex: 'expiresOn', width: 120 },
          ]}
        />
      </Card>
    </>
  );
}
