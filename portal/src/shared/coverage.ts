import type { DashboardPanel } from '@/modules/types'
import type { Role } from '@/shared/permissions'
import { prefetch } from '@/shared/prefetch'

/** A pillar's coverage figure on the dashboard: the number, the list it counts, a line of context under it. */
export interface CoverageFigure {
  /** data-figure name (tests and links find it by this). */
  key: string
  name: string
  value: number
  href: string
  sub?: string
}

export interface CoverageOptions<T> {
  key: string
  title: string
  order: number
  pillar: string
  roles?: Role[]
  /** The pillar's figures (the same answer its figures page shows). */
  load: () => Promise<T>
  /** The figures the dashboard shows of it, each with its list. */
  figures: (f: T) => CoverageFigure[]
  /** The pillar's figures page. */
  more: string
}

/**
 * A pillar's dashboard panel: its coverage figures in the shared panel (shared/components/CoveragePanel.vue), the
 * figures asked for as soon as the dashboard opens. One definition for every pillar; each brings its figures.
 */
export function coveragePanel<T>(o: CoverageOptions<T>): DashboardPanel {
  const figuresKey = `${o.key}-coverage`
  return {
    key: o.key,
    title: o.title,
    order: o.order,
    pillar: o.pillar,
    roles: o.roles,
    component: () => import('@/shared/components/CoveragePanel.vue'),
    props: { title: o.title, figuresKey, load: o.load, figures: o.figures, more: o.more },
    prefetch: () => prefetch(figuresKey, o.load),
  }
}
