import { api } from '@/api/http'
import { townshipName } from '@/shared/places'
import type { CoverageFigure } from '@/shared/coverage'
import { count, money } from '@/shared/format'

/** GET /api/ecology/figures: 生态补偿脱贫主要指标 of a year within the caller's scope. */
export interface EcologyFigures {
  year: number
  rangers: {
    quota: number | null
    inPost: number
    ended: number
    vacancies: number | null
    paid: number
    payTotal: number
    annualPay: number
    byTownship: { townshipCode: string; quota: number | null; inPost: number; ended: number; vacancies: number | null; paid: number; payTotal: number }[]
    list: string
    payList: string
    vacancyList: string
  }
  compensation: { payments: number; households: number; amount: number; byKind: { kind: string; name: string; households: number; areaMu: number; amount: number }[]; list: string }
  projects: { projects: number; afforestedMu: number; orchardMu: number; byCrop: { crop: string; name: string; projects: number; areaMu: number }[]; households: number; wages: number; dividends: number; list: string }
  householdsReached: number
  householdsList: string
  householdsKnown: number
}

export function loadEcologyFigures(year?: number) {
  return api.get<EcologyFigures>('/api/ecology/figures', { year })
}

/**
 * Rangers in post and vacant posts by township (a stacked bar: the two make the quota), each bar opening the
 * township's rangers; a township without a quota shows its rangers only.
 */
export function townshipBars(f: EcologyFigures) {
  const rows = f.rangers.byTownship
  return {
    names: rows.map((t) => townshipName(t.townshipCode)),
    inPost: rows.map((t) => ({ value: t.inPost, href: `/api/ecology/rangers?year=${f.year}&township=${t.townshipCode}&status=in-post` })),
    vacant: rows.map((t) => ({ value: t.vacancies ?? 0, href: `/api/ecology/rangers/quotas?year=${f.year}&vacant=true` })),
  }
}

/** 生态补偿 on the dashboard (the service's default year): rangers in post, compensated households, project jobs, households reached. */
export function ecologyCoverage(f: EcologyFigures): CoverageFigure[] {
  const quota = f.rangers.quota === null ? '' : `选聘指标 ${count(f.rangers.quota)} 个 · 空缺 ${count(f.rangers.vacancies)} 个`
  return [
    { key: 'ecology-rangers', name: `生态护林员在岗（${f.year}年）`, value: f.rangers.inPost, href: f.rangers.list, sub: quota || undefined },
    { key: 'ecology-compensated', name: '生态补偿户', value: f.compensation.households, href: f.compensation.list, sub: `发放 ${money(f.compensation.amount)}` },
    { key: 'ecology-project-households', name: '生态项目带动户', value: f.projects.households, href: f.projects.list, sub: `劳务 ${money(f.projects.wages)}` },
    { key: 'ecology-reached', name: '生态补偿惠及建档立卡户', value: f.householdsReached, href: f.householdsList },
  ]
}
