import { describe, expect, it } from 'vitest'
import { dashboardPanels, modules } from '@/modules'
import { dashboardPanelFiles } from './dashboard-files'
import { industryCoverage, type IndustryFigures } from './industry/figures'
import { relocationCoverage, type RelocationFigures } from './relocation/figures'
import { ecologyCoverage, type EcologyFigures } from './ecology/figures'
import { welfareCoverage, type WelfareFigures } from './welfare/figures'

describe('the dashboard', () => {
  it('names every panel\'s file among those the built page preloads', async () => {
    const panels = modules.flatMap((m) => m.dashboardPanels ?? [])
    const files = await Promise.all(panels.map(async (p) => ((await p.component()).default as { __file?: string }).__file ?? ''))
    for (const file of files) expect(dashboardPanelFiles.some((f) => file.endsWith(f)), file).toBe(true)
  })

  it('has a panel for the registry and every pillar, and a department officer sees its own pillar only', () => {
    expect(dashboardPanels({ role: 'county-officer' }).map((p) => p.key)).toEqual(['registry', 'industry', 'relocation', 'ecology', 'education', 'welfare'])
    expect(dashboardPanels({ role: 'department-officer', pillar: 'ecology' }).map((p) => p.key)).toEqual(['registry', 'ecology'])
  })

  it('shows each pillar coverage figure with the list it counts', () => {
    const industry = {
      coverage: { registeredHouseholds: 10, coveredHouseholds: 8, coveragePercent: 80, liftedByIndustry: 3, list: '/api/industry/households', liftedList: '/api/industry/households?lifted=true' },
      jobs: { workshops: 1, workshopWorkers: 4, publicWelfarePosts: 2, labourTransferred: 5, openMatchingTasks: 1, workshopList: '/api/industry/entities?kind=workshop', employmentList: '/api/industry/employment' },
    } as unknown as IndustryFigures
    expect(industryCoverage(industry).find((f) => f.key === 'industry-posts')).toMatchObject({ value: 2, href: '/api/industry/employment?kind=public-welfare-post' })
    expect(industryCoverage(industry)[0]).toMatchObject({ value: 8, href: '/api/industry/households', sub: '建档立卡户 10 户 · 覆盖率 80.00%' })

    const relocation = {
      relocated: { households: 6, people: 20, intoSitesHouseholds: 4, intoSitesPeople: 14, list: '/api/relocation/cases?step=moved-in', intoSitesList: '/api/relocation/cases?into-site=true' },
      sites: { total: 2, completed: 2, fullyEquipped: 1, list: '/api/relocation/sites' },
      guarantees: [{ guarantee: 'safe-housing', households: 10, met: 9, notMet: 1, metList: '/m', notMetList: '/api/relocation/guarantees?guarantee=safe-housing&met=false' }],
    } as unknown as RelocationFigures
    expect(relocationCoverage(relocation).at(-1)).toMatchObject({ name: '住房安全有保障（未达标户）', value: 1, href: '/api/relocation/guarantees?guarantee=safe-housing&met=false' })

    const ecology = {
      year: 2020,
      rangers: { quota: 10, inPost: 9, vacancies: 1, list: '/api/ecology/rangers?year=2020' },
      compensation: { households: 30, amount: 1000, list: '/api/ecology/compensation' },
      projects: { households: 5, wages: 200, list: '/api/ecology/projects' },
      householdsReached: 33,
      householdsList: '/api/ecology/households',
    } as unknown as EcologyFigures
    expect(ecologyCoverage(ecology)[0]).toMatchObject({ name: '生态护林员在岗（2020年）', value: 9, sub: '选聘指标 10 个 · 空缺 1 个' })

    const welfare = {
      assistance: {
        categories: [{ category: 'minimum-living', name: '农村低保', households: 40, people: 96, list: '/api/welfare/assistance/enrolments?category=minimum-living' }],
        conditions: { qualifying: 41, notEnrolled: 1, gapList: '/api/welfare/assistance/qualifying?enrolled=false' },
      },
      insurance: { people: 100, insured: 98, percent: 98, uninsuredList: '/api/welfare/insurance/uninsured' },
      certificates: { active: 7, list: '/api/welfare/certificates' },
      protection: { coveredHouseholds: 50, coveredPeople: 120, payouts: [{ cause: 'illness', payouts: 2, amount: 10 }, { cause: 'accident', payouts: 1, amount: 5 }], list: '/api/welfare/payouts' },
    } as unknown as WelfareFigures
    const shown = welfareCoverage(welfare)
    expect(shown.find((f) => f.key === 'welfare-uninsured')).toMatchObject({ value: 2, href: '/api/welfare/insurance/uninsured' })
    expect(shown.find((f) => f.key === 'welfare-payouts')).toMatchObject({ value: 3, href: '/api/welfare/payouts' })
    expect(shown.every((f) => f.href.startsWith('/api/'))).toBe(true)
  })
})

describe('a pillar coverage panel', () => {
  it('loads the shared panel as a module and hands it the pillar settings', async () => {
    const panel = dashboardPanels({ role: 'county-officer' }).find((p) => p.key === 'welfare')!
    expect(panel.props).toMatchObject({ title: '社会保障兜底一批', figuresKey: 'welfare-coverage', more: '/welfare' })
    // defineAsyncComponent takes a module's default export only from a real module (a plain { default } is a component itself).
    const loaded = await panel.component()
    expect(Object.prototype.toString.call(loaded)).toBe('[object Module]')
  })
})
