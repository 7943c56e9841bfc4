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

/** The question on its way (main.ts asks it while the app's code still starts; the router's guard takes the answer). */
let asking: Promise<Profile | null> | null = null
/** Bumped by a sign-in or sign-out: an answer to a question asked before it is stale and changes nothing. */
let changes = 0

/** Asks the gateway who is signed in (once per page load, or after a sign-in). */
export function loadSession(force = false): Promise<Profile | null> {
  if (state.checked && !force) return Promise.resolve(state.user as Profile | null)
  if (!asking || force) {
    const question = ask().finally(() => {
      if (asking === question) asking = null
    })
    asking = question
  }
  return asking
}

async function ask(): Promise<Profile | null> {
  const asked = changes
  let user: Profile | null
  try {
    user = await api.get<Profile>('/portal/me')
  } catch {
    user = null
  }
  if (asked === changes) {
    state.user = user
    state.checked = true
  }
  return state.user as Profile | null
}

export async function signIn(userName: string, password: string): Promise<Profile> {
  const user = await api.post<Profile>('/portal/sign-in', { userName, password })
  changes++
  state.user = user
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
  changes++
  state.user = null
  state.checked = true
}

/** The place the user is bound to, for the header: 全县, a township or a village code. */
export function scopeOf(user: Profile | null): { level: 'county' | 'township' | 'village'; code?: string } {
  if (user?.village) return { level: 'village', code: user.village }
  if (user?.township) return { level: 'township', code: user.township }
  return { level: 'county' }
}
