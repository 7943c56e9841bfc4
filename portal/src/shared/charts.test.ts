import { describe, expect, it } from 'vitest'
import { barOption } from './charts'

describe('bar charts', () => {
  it('names two or more series in a legend above the grid, where it hides no category', () => {
    const option = barOption(['低保', '特困'], [{ name: '户数', data: [40, 5] }, { name: '人数', data: [96, 5] }])
    expect(option.legend).toEqual({ top: 0, data: ['户数', '人数'] })
    expect(option.series.map((s) => s.type)).toEqual(['bar', 'bar'])
  })
  it('has no legend for one series, and keeps the axis\'s own category names unless they are turned', () => {
    const option = barOption(['一级', '二级'], [{ name: '残疾人', data: [2, 3] }])
    expect('legend' in option).toBe(false)
    expect('axisLabel' in option.xAxis).toBe(false)
    expect(barOption(['a'], [{ name: 'x', data: [1] }], { type: 'value' }, true).xAxis).toMatchObject({ axisLabel: { rotate: 40, interval: 0 } })
  })
})
