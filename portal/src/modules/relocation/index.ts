import { House, OfficeBuilding, TrendCharts, Files } from '@element-plus/icons-vue'
import type { PortalModule } from '@/modules/types'
import { page } from '@/shared/drill'
import { coveragePanel } from '@/shared/coverage'
import { relocationCoverage, loadRelocationFigures } from './figures'

const pillar = 'relocation'
const meta = (title: string) => ({ title, pillar })

// 易地搬迁脱贫一批 with the housing and water guarantees: sites, relocation cases, houses, toilets, water projects.
const relocation: PortalModule = {
  name: 'relocation',
  order: 25,
  routes: [
    { path: 'relocation', component: () => import('./RelocationFigures.vue'), meta: meta('易地搬迁指标') },
    { path: 'relocation/cases', component: () => import('./Cases.vue'), meta: meta('易地扶贫搬迁档案') },
    { path: 'relocation/cases/:id', component: () => import('./CaseView.vue'), meta: meta('搬迁档案') },
    { path: 'relocation/sites', component: () => import('./Sites.vue'), meta: meta('集中安置点') },
    { path: 'relocation/sites/:id', component: () => import('./SiteView.vue'), meta: meta('安置点') },
    { path: 'relocation/housing/appraisals', component: () => import('./Appraisals.vue'), meta: meta('房屋安全鉴定') },
    { path: 'relocation/housing/renovations', component: () => import('./Renovations.vue'), meta: meta('危房改造') },
    { path: 'relocation/housing/toilets', component: () => import('./Toilets.vue'), meta: meta('卫生厕所改造') },
    { path: 'relocation/housing/made-safe', component: () => import('./MadeSafe.vue'), meta: meta('住房安全保障户') },
    { path: 'relocation/water', component: () => import('./WaterProjects.vue'), meta: meta('供水工程') },
    { path: 'relocation/water/:id', component: () => import('./WaterProject.vue'), meta: meta('供水工程') },
    { path: 'relocation/guarantees', component: () => import('./Guarantees.vue'), meta: meta('住房和饮水安全保障') },
  ],
  menu: [
    { path: '/relocation', title: '易地搬迁：指标', group: 'pillars', order: 25, icon: TrendCharts, pillar },
    { path: '/relocation/cases', title: '易地搬迁：搬迁档案', group: 'pillars', order: 26, icon: Files, pillar },
    { path: '/relocation/sites', title: '易地搬迁：安置点', group: 'pillars', order: 27, icon: OfficeBuilding, pillar },
    { path: '/relocation/guarantees', title: '住房饮水安全保障', group: 'pillars', order: 28, icon: House, pillar },
  ],
  drills: [
    { api: '/api/relocation/cases', to: page('/relocation/cases') },
    { api: '/api/relocation/sites', to: page('/relocation/sites') },
    { api: '/api/relocation/housing/appraisals', to: page('/relocation/housing/appraisals') },
    { api: '/api/relocation/housing/renovations', to: page('/relocation/housing/renovations') },
    { api: '/api/relocation/housing/toilets', to: page('/relocation/housing/toilets') },
    { api: '/api/relocation/housing/made-safe', to: page('/relocation/housing/made-safe') },
    { api: '/api/relocation/water/projects', to: page('/relocation/water') },
    { api: '/api/relocation/guarantees', to: page('/relocation/guarantees') },
  ],
  dashboardPanels: [
    coveragePanel({ key: 'relocation', title: '易地扶贫搬迁脱贫一批', order: 25, pillar, load: () => loadRelocationFigures(), figures: relocationCoverage, more: '/relocation' }),
  ],
  householdSections: [{ key: 'relocation', title: '易地搬迁', order: 25, component: () => import('./HouseholdRelocation.vue'), pillar }],
}

export default relocation
