import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

// Only what the chart uses, so the bundle stays small.
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface KindCount {
  label: string;
  count: number;
}

/** A horizontal bar chart of units by kind. */
export function UnitKindChart({ data }: { data: KindCount[] }) {
  const rows = [...data].sort((a, b) => a.count - b.count);
  const option = {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } } },
    yAxis: { type: 'category', data: rows.map((r) => r.label), axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        name: '单位数',
        data: rows.map((r) => r.count),
        barMaxWidth: 22,
        itemStyle: { color: '#1b5fb4', borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', color: '#595959' },
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: Math.max(240, rows.length * 36 + 24) }}
      opts={{ renderer: 'canvas' }}
      aria-label="各类单位数量柱状图"
      role="img"
    />
  );
}
