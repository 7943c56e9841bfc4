import { describe, expect, it } from 'vitest'
import { can, mayOpen, mayRead } from './permissions'

describe('what a role may do', () => {
  it('lets registry staff write the registry and reveal ID numbers, not auditors or departments', () => {
    for (const role of ['county-admin', 'county-officer', 'township-officer', 'village-cadre'] as const) {
      expect(can({ role }, 'registry.write')).toBe(true)
      expect(can({ role }, 'identity.reveal')).toBe(true)
    }
    expect(can({ role: 'auditor' }, 'registry.write')).toBe(false)
    expect(can({ role: 'auditor' }, 'identity.reveal')).toBe(false)
    expect(can({ role: 'department-officer', pillar: 'education' }, 'identity.reveal')).toBe(false)
  })
  it('lets a department write its own pillar only', () => {
    expect(can({ role: 'department-officer', pillar: 'education' }, 'pillar.write', 'education')).toBe(true)
    expect(can({ role: 'department-officer', pillar: 'education' }, 'pillar.write', 'welfare')).toBe(false)
    expect(can({ role: 'village-cadre' }, 'pillar.write', 'education')).toBe(true)
  })
  it('shows the audit log to auditors and the county administrator only', () => {
    expect(can({ role: 'auditor' }, 'audit.read')).toBe(true)
    expect(can({ role: 'county-admin' }, 'audit.read')).toBe(true)
    expect(can({ role: 'county-officer' }, 'audit.read')).toBe(false)
    expect(can(null, 'audit.read')).toBe(false)
  })
  it('opens a page that names no roles to every signed-in user', () => {
    expect(mayOpen({ role: 'auditor' }, undefined)).toBe(true)
    expect(mayOpen({ role: 'auditor' }, ['county-admin'])).toBe(false)
    expect(mayOpen(null, undefined)).toBe(false)
  })
  it('lets every role read a pillar but a department officer of another pillar', () => {
    for (const role of ['county-admin', 'county-officer', 'township-officer', 'village-cadre', 'auditor'] as const) {
      expect(mayRead({ role }, 'welfare')).toBe(true)
    }
    expect(mayRead({ role: 'department-officer', pillar: 'welfare' }, 'welfare')).toBe(true)
    expect(mayRead({ role: 'department-officer', pillar: 'education' }, 'welfare')).toBe(false)
    expect(mayRead({ role: 'department-officer', pillar: 'education' }, undefined)).toBe(true)
    expect(mayRead(null, 'welfare')).toBe(false)
  })
})
