import { api } from '@/api/http'
import type { CountyFigures, ExitFigures, Page, TownshipFigures, VillageIncidence } from '@/api/types'

export const registryFiguresKey = 'registry-figures'

/** Every answer the registry's dashboard panel shows, asked for at once. */
export function loadRegistryFigures() {
  return Promise.all([
    api.get<CountyFigures>('/api/households/figures'),
    api.get<ExitFigures>('/api/households/figures/exit'),
    api.get<TownshipFigures[]>('/api/households/figures/townships'),
    api.get<Page<VillageIncidence>>('/api/households/villages/incidence', { poor: true, pageSize: 200 }),
  ])
}
