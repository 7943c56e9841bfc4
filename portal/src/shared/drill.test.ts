import { describe, expect, it } from 'vitest'
import { page, resolveDrill, type DrillRule } from './drill'

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
})
