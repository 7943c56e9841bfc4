import { reactive, readonly } from 'vue'
import { api } from '@/api/http'
import type { Principal, Role } from '@/shared/permissions'

/** The signed-in user as the gateway's session knows it (GET /portal/me); the cookie itself is HttpOnly. */
export interface Profile extends Principal {
  userName: string
  displayName: string
  role: Role
  township?: string | null
  village?: string | null
  pillar?: string | null
}

const state = reactive<{ user: Profile | null; checked: boolean }>({ user: null, checked: false })

export const session = readonly(state)

/** Asks the gateway who is signed in (once per page load, or after a sign-in). */
export async function loadSession(force = false): Promise<Profile | null> {
  if (state.checked && !force) return state.user as Profile | null
  try {
    state.user = await api.get<Profile>('/portal/me')
  } catch {
    state.user = null
  }
  state.checked = true
  return state.user as Profile | null
}

export async function signIn(userName: string, password: string): Promise<Profile> {
  state.user = await api.post<Profile>('/portal/sign-in', { userName, password })
  state.checked = true
  return state.user as Profile
}

export async function signOut(): Promise<void> {
  try {
    await api.post('/portal/sign-out')
  } finally {
    forget()
  }
}

/** The session ended on the server (a 401): forget the user here too. */
export function forget() {
  state.user = null
  state.checked = true
}

/** The place the user is bound to, for the header: 全县, a township or a village code. */
export function scopeOf(user: Profile | null): { level: 'county' | 'township' | 'village'; code?: string } {
  if (user?.village) return { level: 'village', code: user.village }
  if (user?.township) return { level: 'township', code: user.township }
  return { level: 'county' }
}
