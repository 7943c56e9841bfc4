import type { RouteLocationNormalized } from 'vue-router'
import { can, mayOpen, mayRead } from '@/shared/permissions'
import type { Profile } from '@/session'

export type Decision = { allow: true } | { redirect: string; query?: Record<string, string> }

/** Whether a village or township code lies inside the user's place (a village cadre: its village only). */
export function covers(user: Profile, code: string): boolean {
  if (user.village) return code === user.village || (code.length === 9 && user.village.startsWith(code))
  if (user.township) return code.startsWith(user.township) || (code.length < 9 && user.township.startsWith(code))
  return true
}

/**
 * Who may open a page: a session (else the sign-in page), a role the page admits, a pillar it may read,
 * the capability it needs, and a place (?village=, ?township=) inside the user's own; anything else is the 无权访问 page.
 * The services apply the same data scope to every call; this keeps users from pages they cannot use.
 */
export function decide(to: RouteLocationNormalized, user: Profile | null): Decision {
  if (to.meta.public) return { allow: true }
  if (!user) return { redirect: '/sign-in', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  const roles = to.matched.flatMap((r) => r.meta.roles ?? [])
  if (!mayOpen(user, roles.length ? roles : undefined)) return { redirect: '/forbidden' }
  if (to.matched.some((r) => !mayRead(user, r.meta.pillar))) return { redirect: '/forbidden' }
  if (to.meta.needs && !can(user, to.meta.needs, to.meta.pillar)) return { redirect: '/forbidden' }
  for (const key of ['village', 'township']) {
    const value = to.query[key]
    if (typeof value === 'string' && value && !covers(user, value)) return { redirect: '/forbidden', query: { reason: 'scope' } }
  }
  return { allow: true }
}
