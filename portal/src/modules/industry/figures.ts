import { api } from '@/api/http'
import { withParam } from '@/shared/drill'
import { incomeKind, label } from '@/shared/labels'
import type { CoverageFigure } from '@/shared/coverage'
import { count, percentOf } from '@/shared/format'

/** GET /api/industry/figures: 发展生产脱贫主要指标 within the caller's scope, each with the list it counts. */
export interface IndustryFigures {
  year: number | null
  coverage: { registeredHouseholds: number; coveredHouseholds: number; coveragePercent: number; liftedByIndustry: number; list: string; liftedList: string }
  bases: {
    bases: number
    plantedMu: number
    livestockHead: number
    byIndustry: { industry: string; name: string; unit: string; category: string | null; bases: number; areaMu: number; head: number; list: string }[]
    list: string
  }
  entities: { newMarketEntities: number; byKind: Record<string, number>; list: string }
  models: { models: number; byModel: { model: string; name: string; entities: number; projects: number; list: string }[] }
  projects: { projects: number; households: number; subsidy: number; list: string }
  jobs: { workshops: number; workshopWorkers: number; publicWelfarePosts: number; labourTransferred: number; openMatchingTasks: number; workshopList: string; employmentList: string }
  income: { byKind: Record<string, number>; countedTowardExit: number; list: string }
  consumption: { sales: number; benefitToHouseholds: number; list: string }
  workListOpen: number
}

export function loadIndustryFigures(year?: number) {
  return api.get<IndustryFigures>('/api/industry/figures', { year })
}

/** A bar or slice of a chart: its value and the list it counts. */
export interface ChartItem { name: string; value: number; href: string }

/** 收入（按类型）: the kinds the pillar reported, largest first, each opening its income records. */
export function incomeSlices(f: IndustryFigures): ChartItem[] {
  return Object.entries(f.income.byKind)
    .filter(([, amount]) => amount > 0)
    .sort(([, a], [, b]) => b - a)
    .map(([kind, amount]) => ({ name: label(incomeKind, kind), value: amount, href: withParam(f.income.list, 'kind', kind) }))
}

/**
 * The industries with bases: planted area in mu for the crops, head for livestock (a base counts in its
 * industry's measure only), each opening the industry's bases.
 */
export function industryBars(f: IndustryFigures): { names: string[]; area: (ChartItem | null)[]; head: (ChartItem | null)[] } {
  const rows = f.bases.byIndustry.filter((i) => i.bases > 0)
  return {
    names: rows.map((i) => i.name),
    area: rows.map((i) => (i.head > 0 && i.areaMu === 0 ? null : { name: i.name, value: i.areaMu, href: i.list })),
    head: rows.map((i) => (i.head > 0 && i.areaMu === 0 ? { name: i.name, value: i.head, href: i.list } : null)),
  }
}

/** The open matching tasks' list (the figures give the count only). */
export const openTasksList = '/api/industry/job-matching/tasks?open=true'

/** 产业就业 on the dashboard: households covered and lifted by industry, jobs, relocated households awaiting one. */
export function industryCoverage(f: IndustryFigures): CoverageFigure[] {
  return [
    {
      key: 'industry-covered', name: '产业覆盖户', value: f.coverage.coveredHouseholds, href: f.coverage.list,
      sub: `建档立卡户 ${count(f.coverage.registeredHouseholds)} 户 · 覆盖率 ${percentOf(f.coverage.coveragePercent)}`,
    },
    { key: 'industry-lifted', name: '产业带动脱贫户', value: f.coverage.liftedByIndustry, href: f.coverage.liftedList },
    { key: 'industry-workshop-workers', name: '扶贫车间就业（人）', value: f.jobs.workshopWorkers, href: withParam(f.jobs.employmentList, 'kind', 'workshop') },
    { key: 'industry-posts', name: '公益性岗位（人）', value: f.jobs.publicWelfarePosts, href: withParam(f.jobs.employmentList, 'kind', 'public-welfare-post') },
    { key: 'industry-transferred', name: '转移就业（人）', value: f.jobs.labourTransferred, href: withParam(f.jobs.employmentList, 'kind', 'transferred-out') },
    { key: 'industry-open-tasks', name: '待帮扶就业的搬迁户', value: f.jobs.openMatchingTasks, href: openTasksList },
  ]
}
