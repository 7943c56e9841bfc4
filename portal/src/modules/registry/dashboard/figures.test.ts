import { describe, expect, it } from 'vitest'
import type { IncomeYear } from '@/api/types'
import { incomeByKindSeries } from './figures'

const years: IncomeYear[] = [
  {
    year: 2019,
    households: 2,
    netIncome: 900,
    byKind: [
      { kind: 'wage', amount: 1000, households: 2, href: '/api/households?income=wage&incomeYear=2019' },
      { kind: 'production-cost', amount: 100, households: 1, href: '/api/households?income=production-cost&incomeYear=2019' },
    ],
  },
  {
    year: 2020,
    households: 1,
    netIncome: 300,
    byKind: [{ kind: 'transfer', amount: 300, households: 1, href: '/api/households?income=transfer&incomeYear=2020' }],
  },
]

describe('income by kind', () => {
  it('stacks the four kinds of income by year, each bar opening its households, and leaves the production cost out', () => {
    const { names, series } = incomeByKindSeries(years)
    expect(names).toEqual(['2019年', '2020年'])
    expect(series.map((s) => s.name)).toEqual(['工资性收入', '生产经营性收入', '财产性收入', '转移性收入'])
    expect(series[0].data).toEqual([{ value: 1000, href: '/api/households?income=wage&incomeYear=2019' }, null])
    expect(series[3].data).toEqual([null, { value: 300, href: '/api/households?income=transfer&incomeYear=2020' }])
    expect(series.every((s) => s.stack === 'income')).toBe(true)
  })
})
