import type { PortalModule } from './types'
import { mayOpen, mayRead, type Principal } from '@/shared/permissions'

// Every module folder's index.ts, found at build time: a new pillar adds src/modules/<name>/index.ts
// and nothing here changes.
const found = import.meta.glob<PortalModule>('./*/index.ts', { eager: true, import: 'default' })

export const modules: PortalModule[] = Object.values(found).sort((a, b) => a.order - b.order)

export const drillRules = modules.flatMap((m) => m.drills ?? [])

/** What a user sees of a module: its role admitted, and not another pillar's records for a department officer. */
function visible(user: Principal | null, item: { roles?: Principal['role'][]; pillar?: string }) {
  return mayOpen(user, item.roles) && mayRead(user, item.pillar)
}

function byOrder<T extends { order: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.order - b.order)
}

export function householdSections(user: Principal | null) {
  return byOrder(modules.flatMap((m) => m.householdSections ?? []).filter((s) => visible(user, s)))
}

export function dashboardPanels(user: Principal | null) {
  return byOrder(modules.flatMap((m) => m.dashboardPanels ?? []).filter((p) => visible(user, p)))
}

export function menuEntries(user: Principal | null) {
  return byOrder(modules.flatMap((m) => m.menu).filter((e) => visible(user, e)))
}

/**
 * The dashboard's panels, readied as the app starts when it opens on the dashboard (main.ts): their code is
 * asked for at once, while the browser's six connections are free (the figures' ten requests take them all
 * later), and their figures as soon as the session says which panels the user sees.
 */
export function readyDashboardPanels(session: Promise<Principal | null>): void {
  for (const p of modules.flatMap((m) => m.dashboardPanels ?? [])) p.component().catch(() => undefined)
  session
    .then((user) => {
      for (const p of dashboardPanels(user)) p.prefetch?.()
    })
    .catch(() => undefined)
}
