import { describe, expect, it } from 'vitest'
import type { RouteLocationNormalized } from 'vue-router'
import { covers, decide } from './guard'
import type { Profile } from './session'

const cadre: Profile = { userName: 'village', displayName: '', role: 'village-cadre', village: '420325001001' }
const townshipOfficer: Profile = { userName: 'township', displayName: '', role: 'township-officer', township: '420325001' }
const officer: Profile = { userName: 'officer', displayName: '', role: 'county-officer' }

function route(fullPath: string, meta: Record<string, unknown> = {}): RouteLocationNormalized {
  const url = new URL(fullPath, 'http://portal.invalid')
  return {
    fullPath,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams.entries()),
    meta,
    matched: [{ meta }],
  } as unknown as RouteLocationNormalized
}

describe('route guard', () => {
  it('sends a visitor without a session to sign in, and back afterwards', () => {
    expect(decide(route('/work/exit'), null)).toEqual({ redirect: '/sign-in', query: { redirect: '/work/exit' } })
    expect(decide(route('/sign-in', { public: true }), null)).toEqual({ allow: true })
  })
  it('refuses a page to a role it does not admit', () => {
    expect(decide(route('/audit', { roles: ['county-admin', 'auditor'] }), officer)).toEqual({ redirect: '/forbidden' })
    expect(decide(route('/audit', { roles: ['county-admin', 'auditor'] }), { ...officer, role: 'auditor' })).toEqual({ allow: true })
  })
  it('keeps a department officer out of another pillar\'s pages, and out of another pillar\'s writes', () => {
    const education: Profile = { userName: 'education', displayName: '', role: 'department-officer', pillar: 'education' }
    expect(decide(route('/welfare/claims', { pillar: 'welfare' }), education)).toEqual({ redirect: '/forbidden' })
    expect(decide(route('/work/dropouts', { pillar: 'education' }), education)).toEqual({ allow: true })
    expect(decide(route('/welfare/claims', { pillar: 'welfare' }), officer)).toEqual({ allow: true })
    expect(decide(route('/welfare/new', { pillar: 'welfare', needs: 'pillar.write' }), { ...officer, role: 'auditor' })).toEqual({ redirect: '/forbidden' })
  })
  it('keeps a village cadre in its village and a township officer in its township', () => {
    expect(decide(route('/households?village=420325001001'), cadre)).toEqual({ allow: true })
    expect(decide(route('/households?village=420325002001'), cadre)).toEqual({ redirect: '/forbidden', query: { reason: 'scope' } })
    expect(decide(route('/households?township=420325002'), cadre)).toEqual({ redirect: '/forbidden', query: { reason: 'scope' } })
    expect(decide(route('/households?village=420325001007'), townshipOfficer)).toEqual({ allow: true })
    expect(decide(route('/households?village=420325002001'), townshipOfficer)).toEqual({ redirect: '/forbidden', query: { reason: 'scope' } })
    expect(decide(route('/households?village=420325002001'), officer)).toEqual({ allow: true })
  })
  it('knows which places a user covers', () => {
    expect(covers(cadre, '420325001')).toBe(true) // its own township, for the township filter of its own village
    expect(covers(cadre, '420325001002')).toBe(false)
    expect(covers(townshipOfficer, '420325001002')).toBe(true)
  })
})
