import { describe, expect, it } from 'vitest'
import { madeSafeSlices, metPercent, stepBars, type RelocationFigures } from './figures'

const figures = {
  casesByStep: [
    { step: 'planned', cases: 2, list: '/api/relocation/cases?step=planned' },
    { step: 'housing-allocated', cases: 0, list: '/api/relocation/cases?step=housing-allocated' },
    { step: 'moved-in', cases: 5, list: '/api/relocation/cases?step=moved-in' },
    { step: 'old-house-demolished', cases: 11, list: '/api/relocation/cases?step=old-house-demolished' },
  ],
  housing: {
    madeSafe: {
      households: 30,
      parts: [
        { by: 'relocation', households: 16, list: '/api/relocation/housing/made-safe?by=relocation' },
        { by: 'scattered-resettlement', households: 0, list: '/api/relocation/housing/made-safe?by=scattered-resettlement' },
        { by: 'non-differentiated-renovation', households: 14, list: '/api/relocation/housing/made-safe?by=non-differentiated-renovation' },
      ],
    },
  },
} as unknown as RelocationFigures

describe('relocation figures', () => {
  it('charts the cases at every step of the procedure, in its order, empty steps too', () => {
    const bars = stepBars(figures)
    expect(bars.names).toEqual(['纳入搬迁计划', '已分配安置房', '已搬迁入住', '已拆旧复垦'])
    expect(bars.data.map((d) => d.value)).toEqual([2, 0, 5, 11])
    expect(bars.data[3].href).toBe('/api/relocation/cases?step=old-house-demolished')
  })
  it('charts the ways households were made safe, leaving out the ways nobody took', () => {
    expect(madeSafeSlices(figures)).toEqual([
      { name: '易地搬迁（集中安置）', value: 16, href: '/api/relocation/housing/made-safe?by=relocation' },
      { name: '无差别危房改造', value: 14, href: '/api/relocation/housing/made-safe?by=non-differentiated-renovation' },
    ])
  })
  it('gives a guarantee\'s share met, all of none', () => {
    expect(metPercent({ households: 8, met: 6 })).toBe(75)
    expect(metPercent({ households: 0, met: 0 })).toBe(100)
  })
})
