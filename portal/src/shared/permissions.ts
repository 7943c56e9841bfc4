// What each role may do, as the services decide it (Platform.ServiceDefaults.Auth.PlatformRoles): the
// portal shows only the actions a user's role allows. The services check again; this only hides.

export type Role =
  | 'county-admin'
  | 'county-officer'
  | 'township-officer'
  | 'village-cadre'
  | 'department-officer'
  | 'auditor'

export const roleNames: Record<Role, string> = {
  'county-admin': '县级管理员',
  'county-officer': '县扶贫办',
  'township-officer': '乡镇干部',
  'village-cadre': '村干部',
  'department-officer': '行业部门',
  auditor: '审计',
}

export type Capability =
  /** 建档立卡 changes: the exit procedure, monitoring flags and reviews. */
  | 'registry.write'
  /** County-level changes: inspections, facilities. */
  | 'county.write'
  /** A pillar's own records (a dropout case, a visit): needs the pillar too. */
  | 'pillar.write'
  /** A whole resident ID number, on an audited request with a reason. */
  | 'identity.reveal'
  /** The audit log. */
  | 'audit.read'

const registryWriters: Role[] = ['county-admin', 'county-officer', 'township-officer', 'village-cadre']

const grants: Record<Capability, Role[]> = {
  'registry.write': registryWriters,
  'county.write': ['county-admin', 'county-officer'],
  'pillar.write': [...registryWriters, 'department-officer'],
  'identity.reveal': registryWriters,
  'audit.read': ['county-admin', 'auditor'],
}

export interface Principal {
  role: Role
  /** A department officer's pillar (education, industry, …). */
  pillar?: string | null
}

/** Whether the user may do the thing; a department officer writes only its own pillar. */
export function can(user: Principal | null | undefined, capability: Capability, pillar?: string): boolean {
  if (!user || !grants[capability].includes(user.role)) return false
  if (capability === 'pillar.write' && user.role === 'department-officer') return !!pillar && user.pillar === pillar
  return true
}

/**
 * Whether the user may read a pillar's records (its pages, figures and sections of the 360 view): every role
 * but another pillar's department, whose token carries the registry's and its own pillar's scopes only.
 * Nothing named: not a pillar's, open to all.
 */
export function mayRead(user: Principal | null | undefined, pillar: string | undefined): boolean {
  if (!user) return false
  return !pillar || user.role !== 'department-officer' || user.pillar === pillar
}

/** Whether a route that names roles (meta.roles) is open to the user; no roles named: every signed-in user. */
export function mayOpen(user: Principal | null | undefined, roles: readonly Role[] | undefined): boolean {
  if (!user) return false
  return !roles || roles.length === 0 || roles.includes(user.role)
}

export const everyRole = Object.keys(roleNames) as Role[]
export const auditRoles = grants['audit.read']
export const registryWriterRoles = grants['registry.write']
