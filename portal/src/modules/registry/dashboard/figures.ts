import { api } from '@/api/http'
import type { CountyFigures, ExitFigures, IncomeYear, Page, TownshipFigures, VillageIncidence } from '@/api/types'
import type { BarSeries } from '@/shared/charts'
import { warmChartFontWith } from '@/shared/fonts'
import { incomeKind, label } from '@/shared/labels'

export const registryFiguresKey = 'registry-figures'

/** Every answer the registry's dashboard panel shows, asked for at once. */
export function loadRegistryFigures() {
  return Promise.all([
    api.get<CountyFigures>('/api/households/figures'),
    api.get<ExitFigures>('/api/households/figures/exit'),
    warmChartFontWith(api.get<TownshipFigures[]>('/api/households/figures/townships')),
    warmChartFontWith(api.get<Page<VillageIncidence>>('/api/households/villages/incidence', { poor: true, pageSize: 200 })),
    api.get<IncomeYear[]>('/api/households/statistics/income'),
  ])
}

/** The kinds that make up income, stacked; 生产经营性支出 is subtracted, so it is not a part of the stack. */
const earnedKinds = ['wage', 'business', 'property', 'transfer']

/**
 * 收入（按类别）by year: one stacked series per kind of income, each bar opening the households that had that kind
 * that year (a year without the kind: no bar).
 */
export function incomeByKindSeries(years: IncomeYear[]): { names: string[]; series: BarSeries[] } {
  return {
    names: years.map((y) => `${y.year}年`),
    series: earnedKinds.map((kind) => ({
      name: label(incomeKind, kind),
      stack: 'income',
      data: years.map((y) => {
        const row = y.byKind.find((k) => k.kind === kind)
        return row ? { value: row.amount, href: row.href } : null
      }),
    })),
  }
}
