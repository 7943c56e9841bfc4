import type { Component } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import type { DrillRule } from '@/shared/drill'
import type { Capability, Role } from '@/shared/permissions'

/** Where a menu entry sits in the side menu. */
export type MenuGroup = 'overview' | 'households' | 'work' | 'pillars' | 'supervision'

export const menuGroups: Record<MenuGroup, string> = {
  overview: '综合概况',
  households: '建档立卡',
  work: '工作台账',
  pillars: '五个一批',
  supervision: '监督审计',
}

export interface MenuEntry {
  path: string
  title: string
  group: MenuGroup
  order: number
  icon?: Component
  /** Only these roles see it (and may open its route); none: every role. */
  roles?: Role[]
  /** A pillar's entry: a department officer of another pillar does not see it. */
  pillar?: string
}

type Lazy = () => Promise<{ default: Component }>

/** A part of the household 360 view (一户一档) that a module owns: its records for one household. */
export interface HouseholdSection {
  key: string
  title: string
  order: number
  /** Receives the prop householdId (and household, the registry's detail). */
  component: Lazy
  roles?: Role[]
  /** A pillar's section: left out for a department officer of another pillar. */
  pillar?: string
}

/** A panel of the dashboard: a module's figures with their charts. Each emits "ready" once its figures show. */
export interface DashboardPanel {
  key: string
  title: string
  order: number
  component: Lazy
  /** What the component is given (a shared panel's settings: see shared/coverage). */
  props?: Record<string, unknown>
  /** Asks for the panel's figures at once, while its code still loads (see shared/prefetch). */
  prefetch?: () => void
  roles?: Role[]
  pillar?: string
}

/**
 * One part of the portal: the registry, a pillar (五个一批), the audit log. A pillar adds a folder
 * src/modules/<name>/ whose index.ts default-exports one of these; modules/index.ts finds it.
 */
export interface PortalModule {
  name: string
  /** Position of its menu entries, sections and panels among the modules. */
  order: number
  routes: RouteRecordRaw[]
  menu: MenuEntry[]
  drills?: DrillRule[]
  householdSections?: HouseholdSection[]
  dashboardPanels?: DashboardPanel[]
}

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    /** Only these roles may open the page. */
    roles?: Role[]
    /** A pillar's page: a department officer of another pillar may not open it. */
    pillar?: string
    /** The page exists to change things: only users with this capability may open it. */
    needs?: Capability
    /** Open without a session (the sign-in page). */
    public?: boolean
    /** Laid out without the menu (printing). */
    bare?: boolean
  }
}
