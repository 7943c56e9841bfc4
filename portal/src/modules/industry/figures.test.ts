import { describe, expect, it } from 'vitest'
import { incomeSlices, industryBars, type IndustryFigures } from './figures'

const figures = {
  year: 2020,
  bases: {
    bases: 3,
    plantedMu: 120,
    livestockHead: 400,
    byIndustry: [
      { industry: 'tea', name: '茶叶', unit: '亩', category: null, bases: 2, areaMu: 120, head: 0, list: '/api/industry/bases?industry=tea' },
      { industry: 'herbs', name: '中药材', unit: '亩', category: null, bases: 0, areaMu: 0, head: 0, list: '/api/industry/bases?industry=herbs' },
      { industry: 'goats', name: '山羊', unit: '头', category: '畜牧', bases: 1, areaMu: 0, head: 400, list: '/api/industry/bases?industry=goats' },
    ],
    list: '/api/industry/bases',
  },
  income: { byKind: { wage: 3000, business: 0, property: 12500.5, transfer: 800 }, countedTowardExit: 15500.5, list: '/api/industry/income?year=2020' },
} as unknown as IndustryFigures

describe('industry figures', () => {
  it('charts the income the pillar reported by kind, largest first, each slice opening its records', () => {
    expect(incomeSlices(figures)).toEqual([
      { name: '财产性收入', value: 12500.5, href: '/api/industry/income?year=2020&kind=property' },
      { name: '工资性收入', value: 3000, href: '/api/industry/income?year=2020&kind=wage' },
      { name: '转移性收入', value: 800, href: '/api/industry/income?year=2020&kind=transfer' },
    ])
  })
  it('charts each industry with bases in its own measure, area for crops and head for livestock', () => {
    const bars = industryBars(figures)
    expect(bars.names).toEqual(['茶叶', '山羊'])
    expect(bars.area).toEqual([{ name: '茶叶', value: 120, href: '/api/industry/bases?industry=tea' }, null])
    expect(bars.head).toEqual([null, { name: '山羊', value: 400, href: '/api/industry/bases?industry=goats' }])
  })
})
