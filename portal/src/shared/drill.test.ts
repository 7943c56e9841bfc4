import { describe, expect, it } from 'vitest'
import { page, resolveDrill, withParam, type DrillRule } from './drill'

const rules: DrillRule[] = [
  { api: '/api/households', to: page('/households') },
  { api: '/api/households/exits', to: page('/households/exited') },
  { api: /^\/api\/households\/inspections\/([^/]+)\/sample$/, to: (q, [id]) => ({ path: `/inspections/${id}/sample`, query: q }) },
]

describe('drill-down', () => {
  it('turns a figure\'s API address into the page of its list, filters kept', () => {
    expect(resolveDrill(rules, '/api/households?status=poor&village=420325001001')).toEqual({
      path: '/households',
      query: { status: 'poor', village: '420325001001' },
    })
    expect(resolveDrill(rules, '/api/households/exits?year=2019')).toEqual({ path: '/households/exited', query: { year: '2019' } })
  })
  it('passes a pattern\'s groups to its page', () => {
    expect(resolveDrill(rules, '/api/households/inspections/abc/sample?finding=exited')).toEqual({
      path: '/inspections/abc/sample',
      query: { finding: 'exited' },
    })
  })
  it('leaves a figure without a list page unlinked', () => {
    expect(resolveDrill(rules, '/api/unknown/list')).toBeUndefined()
    expect(resolveDrill(rules, null)).toBeUndefined()
  })
  it('narrows a figure\'s list by one more filter', () => {
    expect(withParam('/api/industry/income?year=2020', 'kind', 'wage')).toBe('/api/industry/income?year=2020&kind=wage')
    expect(withParam('/api/industry/income', 'kind', 'wage')).toBe('/api/industry/income?kind=wage')
    expect(withParam('/api/welfare/disabilities?grade=1', 'grade', 2)).toBe('/api/welfare/disabilities?grade=2')
  })
})
