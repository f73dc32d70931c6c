import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { GradeHistoryItem } from '../../api/credit.ts';
import { formatTime } from '../../shared/format.ts';

echarts.use([LineChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

/** A subject's score over time (oldest first), each point labelled with its grade. */
export function ScoreChart({ history }: { history: GradeHistoryItem[] }) {
  const rows = [...history].reverse();
  const option = {
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: { dataIndex: number }[]) => {
        const h = rows[ps[0]?.dataIndex ?? 0];
        return h ? `${formatTime(h.at)}<br/>${h.score} 分 · ${h.grade} 级（第${h.modelVersion}版模型）` : '';
      },
    },
    xAxis: { type: 'category', data: rows.map((h) => formatTime(h.at)), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', scale: true, splitLine: { lineStyle: { color: '#f0f0f0' } } },
    series: [
      {
        type: 'line',
        name: '信用得分',
        step: 'end',
        data: rows.map((h) => h.score),
        itemStyle: { color: '#1b5fb4' },
        label: { show: true, formatter: (p: { dataIndex: number }) => rows[p.dataIndex]?.grade ?? '' },
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      style={{ height: 220 }}
      notMerge
      aria-label="信用得分变化"
    />
  );
}
