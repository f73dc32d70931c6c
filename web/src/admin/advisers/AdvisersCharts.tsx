import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

// Only what the charts use, so the bundle stays small.
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface Series {
  name: string;
  values: number[];
  color: string;
  /** Stack name: series with the same stack are stacked. */
  stack?: string;
}

/** Vertical bars over categories (months, unit groups); clicking a bar calls `onPick` with its category index. */
export function Bars({
  categories,
  series,
  label,
  height = 280,
  onPick,
}: {
  categories: string[];
  series: Series[];
  label: string;
  height?: number;
  onPick?: (index: number, series: string) => void;
}) {
  const option = {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    xAxis: { type: 'category', data: categories, axisTick: { show: false } },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } } },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.values,
      stack: s.stack,
      barMaxWidth: 36,
      cursor: onPick ? 'pointer' : 'default',
      itemStyle: { color: s.color },
      label: { show: !s.stack, position: 'top', color: '#595959' },
    })),
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height }}
      opts={{ renderer: 'canvas' }}
      onEvents={
        onPick
          ? { click: (e: { dataIndex: number; seriesName: string }) => onPick(e.dataIndex, e.seriesName) }
          : {}
      }
      aria-label={label}
      role="img"
    />
  );
}
