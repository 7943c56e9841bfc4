// ECharts, only the parts the portal draws (bar, line, pie), so its chunk stays small.
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, DataZoomComponent } from 'echarts/components'
import VChart from 'vue-echarts'
import { fontStack } from '@/shared/fonts'

use([CanvasRenderer, BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, DataZoomComponent])

export { VChart }

export const palette = ['#c0392b', '#e67e22', '#2e86c1', '#27ae60', '#8e44ad', '#16a085', '#7f8c8d']

/** A clicked bar or slice: its data item carries the API address of what it counts. */
export interface ChartClick {
  data?: unknown
}

export function hrefOf(event: ChartClick): string | undefined {
  const data = event.data as { href?: unknown } | null | undefined
  return data && typeof data === 'object' && typeof data.href === 'string' ? data.href : undefined
}

/** What every chart shares: the font, and no animation (figures show at once, and print as shown). */
export const chartBase = { animation: false, textStyle: { fontFamily: fontStack } }

export interface BarSeries {
  name: string
  /** Values, or items { value, href } whose click opens the list they count. */
  data: unknown[]
  stack?: string
  yAxisIndex?: number
}

/**
 * A bar chart of categories as the portal draws them: the font, the palette, a tooltip per category, a legend when
 * there is more than one series, long names turned on a crowded axis.
 */
export function barOption(categories: string[], series: BarSeries[], yAxis: unknown = { type: 'value' }, rotate = false) {
  return {
    ...chartBase,
    color: palette,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // ECharts 6 puts a legend at the bottom by default, over the axis's names: above the grid instead.
    ...(series.length > 1 ? { legend: { top: 0, data: series.map((s) => s.name) } } : {}),
    grid: { left: 60, right: Array.isArray(yAxis) ? 60 : 20, top: series.length > 1 ? 40 : 20, bottom: rotate ? 70 : 30 },
    // An axisLabel key left undefined replaces the axis's default labels with none: set only when turned.
    xAxis: { type: 'category', data: categories, ...(rotate ? { axisLabel: { rotate: 40, interval: 0 } } : {}) },
    yAxis,
    series: series.map((s) => ({ type: 'bar', ...s })),
  }
}
