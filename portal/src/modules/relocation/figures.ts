import { api } from '@/api/http'
import { guarantee, label } from '@/shared/labels'
import { madeSafeBy, relocationStep } from './labels'
import type { CoverageFigure } from '@/shared/coverage'
import { count } from '@/shared/format'

export interface Counted { count: number; list: string }

/** GET /api/relocation/figures: 易地搬迁和住房、饮水安全主要指标 within the caller's scope. */
export interface RelocationFigures {
  households: number
  sites: { total: number; completed: number; fullyEquipped: number; byMode: { mode: string; sites: number; list: string }[]; list: string; fullyEquippedList: string }
  relocated: {
    households: number
    people: number
    intoSitesHouseholds: number
    intoSitesPeople: number
    byMode: { mode: string; households: number; people: number; list: string }[]
    list: string
    intoSitesList: string
  }
  casesByStep: { step: string; cases: number; list: string }[]
  housing: {
    housesByGrade: { grade: string; houses: number; list: string }[]
    renovations: { programme: string; started: number; accepted: number; list: string; acceptedList: string }[]
    madeSafe: { households: number; parts: { by: string; households: number; list: string }[] }
    toilets: Counted
  }
  water: { projects: { kind: string; projects: number; list: string }[]; latestTestPassed: Counted; latestTestFailed: Counted; notTested: Counted }
  guarantees: { guarantee: string; households: number; met: number; notMet: number; metList: string; notMetList: string }[]
}

export function loadRelocationFigures() {
  return api.get<RelocationFigures>('/api/relocation/figures')
}

/** The cases at each step, in the procedure's order, each opening its cases. */
export function stepBars(f: RelocationFigures) {
  return { names: f.casesByStep.map((s) => label(relocationStep, s.step)), data: f.casesByStep.map((s) => ({ value: s.cases, href: s.list })) }
}

/** The households made safe by each way (the parts add up to the total), empty ways left out. */
export function madeSafeSlices(f: RelocationFigures) {
  return f.housing.madeSafe.parts.filter((p) => p.households > 0).map((p) => ({ name: label(madeSafeBy, p.by), value: p.households, href: p.list }))
}

/** A guarantee's share of households met, as a percentage (100 with no household to assess). */
export function metPercent(g: { households: number; met: number }): number {
  return g.households === 0 ? 100 : (100 * g.met) / g.households
}

/** 易地搬迁 and 住房饮水安全 on the dashboard: households moved, sites, and each guarantee's households not yet met. */
export function relocationCoverage(f: RelocationFigures): CoverageFigure[] {
  return [
    { key: 'relocation-households', name: '易地搬迁户', value: f.relocated.households, href: f.relocated.list, sub: `${count(f.relocated.people)} 人` },
    {
      key: 'relocation-into-sites', name: '集中安置户', value: f.relocated.intoSitesHouseholds, href: f.relocated.intoSitesList,
      sub: `${count(f.relocated.intoSitesPeople)} 人`,
    },
    { key: 'relocation-sites', name: '安置点', value: f.sites.total, href: f.sites.list, sub: `已建成 ${count(f.sites.completed)} 个 · 配套完善 ${count(f.sites.fullyEquipped)} 个` },
    ...f.guarantees.map((g) => ({
      key: `relocation-${g.guarantee}-not-met`, name: `${label(guarantee, g.guarantee)}（未达标户）`, value: g.notMet, href: g.notMetList,
      sub: `达标 ${count(g.met)} / ${count(g.households)} 户`,
    })),
  ]
}
