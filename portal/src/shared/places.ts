import { reactive } from 'vue'
import { api } from '@/api/http'
import type { Page } from '@/api/types'

export interface Township { code: string; name: string; villages: number }
export interface Village { code: string; name: string; townshipCode: string; townshipName: string; ruralPopulation: number; isPoorVillage: boolean }

// The townships and villages inside the user's scope (the registry answers only those), loaded once.
const state = reactive<{ townships: Township[]; villages: Village[]; loaded: boolean }>({ townships: [], villages: [], loaded: false })
let loading: Promise<void> | null = null

export function usePlaces() {
  if (!loading) {
    loading = (async () => {
      const [townships, villages] = await Promise.all([api.get<Township[]>('/api/households/townships'), allVillages()])
      state.townships = townships
      state.villages = villages
      state.loaded = true
    })().catch((e) => {
      loading = null
      throw e
    })
  }
  return { places: state, ready: loading }
}

async function allVillages(): Promise<Village[]> {
  const villages: Village[] = []
  for (let page = 1; ; page++) {
    const result = await api.get<Page<Village>>('/api/households/villages', { page, pageSize: 200 })
    villages.push(...result.items)
    if (villages.length >= result.total || result.items.length === 0) return villages
  }
}

export function villageName(code: string | null | undefined): string {
  if (!code) return '—'
  const village = state.villages.find((v) => v.code === code)
  return village ? `${village.townshipName}${village.name}` : code
}

export function townshipName(code: string | null | undefined): string {
  if (!code) return '—'
  return state.townships.find((t) => t.code === code)?.name ?? code
}

/** After a sign-out the next user has another scope. */
export function resetPlaces() {
  loading = null
  state.townships = []
  state.villages = []
  state.loaded = false
}
