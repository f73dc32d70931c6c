import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

// Only what the charts use, so the bundle stays small.
echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** One figure of a chart: its label, value and the drill-down it opens. */
export interface Figure {
  label: string;
  value: number;
  /** The indicator (and group key) behind the figure. */
  indicator: string;
  key?: string | undefined;
}

const BLUE = '#1b5fb4';

/** A horizontal bar chart; clicking a bar opens its drill-down. */
export function FigureBars({
  figures,
  label,
  name,
  onPick,
  color = BLUE,
}: {
  figures: Figure[];
  label: string;
  name: string;
  onPick: (f: Figure) => void;
  color?: string;
}) {
  const rows = [...figures].reverse();
  const option = {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } } },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      axisTick: { show: false },
      axisLabel: { width: 180, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name,
        data: rows.map((r) => r.value),
        barMaxWidth: 22,
        cursor: 'pointer',
        itemStyle: { color, borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', color: '#595959' },
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: Math.max(200, rows.length * 36 + 24) }}
      opts={{ renderer: 'canvas' }}
      onEvents={{ click: (e: { dataIndex: number }) => rows[e.dataIndex] && onPick(rows[e.dataIndex]!) }}
      aria-label={label}
      role="img"
    />
  );
}

const PIE_COLOURS = ['#1b5fb4', '#52c41a', '#faad14', '#ff4d4f', '#722ed1', '#13c2c2'];

/** A ring chart; clicking a slice opens its drill-down. */
export function FigurePie({
  figures,
  label,
  name,
  onPick,
}: {
  figures: Figure[];
  label: string;
  name: string;
  onPick: (f: Figure) => void;
}) {
  const option = {
    color: PIE_COLOURS,
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        name,
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        cursor: 'pointer',
        // zero slices have no area: no label either
        label: { formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
        labelLine: { show: true },
        data: figures.map((f) => ({ name: f.label, value: f.value })),
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: 280 }}
      opts={{ renderer: 'canvas' }}
      onEvents={{
        click: (e: { dataIndex: number }) => figures[e.dataIndex] && onPick(figures[e.dataIndex]!),
      }}
      aria-label={label}
      role="img"
    />
  );
}
