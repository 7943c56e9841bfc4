import { api } from '@/api/http'
import { withParam } from '@/shared/drill'
import { disabilityGrade } from './labels'
import type { CoverageFigure } from '@/shared/coverage'
import { count, percentOf } from '@/shared/format'

/** GET /api/welfare/figures: 社会保障兜底主要指标 of a year within the caller's scope. */
export interface WelfareFigures {
  year: number
  assistance: {
    categories: { category: string; name: string; households: number; people: number; monthlyAmount: number; list: string }[]
    conditions: { qualifying: number; notEnrolled: number; goal: number; qualifyingList: string; gapList: string }
    paidThisYear: number
    paymentsList: string
  }
  insurance: { people: number; insured: number; percent: number; goal: number; uninsuredList: string; households: number; guaranteeMet: number; guaranteeList: string }
  reimbursementRatio: { claims: number; withinPolicyCost: number; reimbursed: number; percent: number; goal: number; met: boolean; list: string }
  claims: { claims: number; totalCost: number; reimbursed: number; outOfPocket: number; largeExpenses: number; list: string; largeExpenseList: string }
  certificates: { active: number; serious: number; deliveriesThisYear: number; list: string; deliveriesList: string }
  disabilities: { people: number; byGrade: Record<string, number>; list: string }
  protection: { coveredHouseholds: number; coveredPeople: number; payouts: { cause: string; payouts: number; amount: number }[]; list: string }
}

export function loadWelfareFigures(year?: number) {
  return api.get<WelfareFigures>('/api/welfare/figures', { year })
}

/** 低保 and 特困: households and people of each category, each opening its enrolments. */
export function categoryBars(f: WelfareFigures) {
  const rows = f.assistance.categories
  return {
    names: rows.map((c) => c.name),
    households: rows.map((c) => ({ value: c.households, href: c.list })),
    people: rows.map((c) => ({ value: c.people, href: c.list })),
  }
}

/** The people assessed disabled by grade 一级 to 四级, each opening the assessments of that grade. */
export function gradeBars(f: WelfareFigures) {
  const grades = Object.keys(f.disabilities.byGrade).sort()
  return {
    names: grades.map((g) => disabilityGrade(g)),
    data: grades.map((g) => ({ value: f.disabilities.byGrade[g], href: withParam(f.disabilities.list, 'grade', g) })),
  }
}

/** 社会保障兜底 on the dashboard: 低保 and 特困 households, who qualifies but is not enrolled, the uninsured, protection. */
export function welfareCoverage(f: WelfareFigures): CoverageFigure[] {
  return [
    ...f.assistance.categories.map((c) => ({ key: `welfare-${c.category}`, name: `${c.name}（户）`, value: c.households, href: c.list, sub: `${count(c.people)} 人` })),
    {
      key: 'welfare-not-enrolled', name: '符合条件未纳入（应保尽保）', value: f.assistance.conditions.notEnrolled, href: f.assistance.conditions.gapList,
      sub: `符合条件 ${count(f.assistance.conditions.qualifying)} 户`,
    },
    {
      key: 'welfare-uninsured', name: '未参加基本医保（人）', value: f.insurance.people - f.insurance.insured, href: f.insurance.uninsuredList,
      sub: `参保率 ${percentOf(f.insurance.percent)}`,
    },
    { key: 'welfare-certificates', name: '慢病卡（有效）', value: f.certificates.active, href: f.certificates.list },
    {
      key: 'welfare-payouts', name: '扶贫保险理赔（笔）', value: f.protection.payouts.reduce((n, p) => n + p.payouts, 0), href: f.protection.list,
      sub: `承保 ${count(f.protection.coveredHouseholds)} 户 ${count(f.protection.coveredPeople)} 人`,
    },
  ]
}
