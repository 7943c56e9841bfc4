import { describe, expect, it } from 'vitest'
import { categoryBars, gradeBars, type WelfareFigures } from './figures'

const figures = {
  assistance: {
    categories: [
      { category: 'minimum-living', name: '农村低保', households: 40, people: 96, monthlyAmount: 12000, list: '/api/welfare/assistance/enrolments?category=minimum-living' },
      { category: 'extreme-poverty', name: '特困供养', households: 5, people: 5, monthlyAmount: 3000, list: '/api/welfare/assistance/enrolments?category=extreme-poverty' },
    ],
  },
  disabilities: { people: 9, byGrade: { '3': 4, '1': 2, '2': 3, '4': 0 }, list: '/api/welfare/disabilities' },
} as unknown as WelfareFigures

describe('welfare figures', () => {
  it('charts the households and people of 低保 and 特困, each bar opening its enrolments', () => {
    const bars = categoryBars(figures)
    expect(bars.names).toEqual(['农村低保', '特困供养'])
    expect(bars.households).toEqual([
      { value: 40, href: '/api/welfare/assistance/enrolments?category=minimum-living' },
      { value: 5, href: '/api/welfare/assistance/enrolments?category=extreme-poverty' },
    ])
    expect(bars.people.map((p) => p.value)).toEqual([96, 5])
  })
  it('charts the disabled by grade from 一级 to 四级, each opening its assessments', () => {
    const bars = gradeBars(figures)
    expect(bars.names).toEqual(['一级残疾', '二级残疾', '三级残疾', '四级残疾'])
    expect(bars.data.map((d) => d.value)).toEqual([2, 3, 4, 0])
    expect(bars.data[0].href).toBe('/api/welfare/disabilities?grade=1')
  })
})
