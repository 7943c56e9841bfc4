import { describe, expect, it } from 'vitest'
import { townshipBars, type EcologyFigures } from './figures'

const figures = {
  year: 2020,
  rangers: {
    byTownship: [
      { townshipCode: '420325001', quota: 10, inPost: 8, ended: 1, vacancies: 2, paid: 8, payTotal: 32000 },
      { townshipCode: '420325002', quota: null, inPost: 3, ended: 0, vacancies: null, paid: 0, payTotal: 0 },
    ],
  },
} as unknown as EcologyFigures

describe('ecology figures', () => {
  it('stacks the rangers in post and the vacant posts of each township, each opening its list', () => {
    const bars = townshipBars(figures)
    expect(bars.names).toEqual(['420325001', '420325002'])
    expect(bars.inPost).toEqual([
      { value: 8, href: '/api/ecology/rangers?year=2020&township=420325001&status=in-post' },
      { value: 3, href: '/api/ecology/rangers?year=2020&township=420325002&status=in-post' },
    ])
    expect(bars.vacant.map((v) => v.value)).toEqual([2, 0])
    expect(bars.vacant[0].href).toBe('/api/ecology/rangers/quotas?year=2020&vacant=true')
  })
})
