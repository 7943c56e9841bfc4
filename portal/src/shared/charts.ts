// ECharts, only the parts the portal draws (bar, line, pie), so its chunk stays small.
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, DataZoomComponent } from 'echarts/components'
import VChart from 'vue-echarts'

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
