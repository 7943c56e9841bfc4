import { describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import { modules } from '@/modules'

function pages(routes: RouteRecordRaw[]): { path: string; component: unknown }[] {
  return routes.flatMap((r) => [
    ...('component' in r && r.component ? [{ path: r.path, component: r.component }] : []),
    ...(r.children ? pages(r.children) : []),
  ])
}

describe('the modules', () => {
  // A page imported where its module is declared joins the first load of every page (its Element Plus table, selects
  // and inputs came with the households list: a third of the first load's scripts).
  it('load every page of theirs when it opens, not with the portal', () => {
    const eager = modules.flatMap((m) => pages(m.routes)).filter((p) => typeof p.component !== 'function')
    expect(eager.map((p) => p.path)).toEqual([])
    expect(modules.flatMap((m) => pages(m.routes)).length).toBeGreaterThan(20)
  })
})
