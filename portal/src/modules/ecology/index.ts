import { Coin, Guide, TrendCharts, Sunny } from '@element-plus/icons-vue'
import type { PortalModule } from '@/modules/types'
import { page } from '@/shared/drill'
import { coveragePanel } from '@/shared/coverage'
import { ecologyCoverage, loadEcologyFigures } from './figures'

const pillar = 'ecology'
const meta = (title: string) => ({ title, pillar })

// 生态补偿脱贫一批: forest rangers (quotas, posts, patrols, pay), ecological compensation, afforestation and orchards.
const ecology: PortalModule = {
  name: 'ecology',
  order: 30,
  routes: [
    { path: 'ecology', component: () => import('./EcologyFigures.vue'), meta: meta('生态补偿指标') },
    { path: 'ecology/rangers', component: () => import('./Rangers.vue'), meta: meta('生态护林员') },
    { path: 'ecology/rangers/:id', component: () => import('./RangerView.vue'), meta: meta('护林员') },
    { path: 'ecology/pay', component: () => import('./RangerPay.vue'), meta: meta('护林员工资发放') },
    { path: 'ecology/quotas', component: () => import('./Quotas.vue'), meta: meta('护林员指标与空缺') },
    { path: 'ecology/compensation', component: () => import('./Compensation.vue'), meta: meta('生态补偿发放') },
    { path: 'ecology/projects', component: () => import('./Projects.vue'), meta: meta('生态项目') },
    { path: 'ecology/projects/:id', component: () => import('./ProjectView.vue'), meta: meta('生态项目') },
    { path: 'ecology/households', component: () => import('./Reached.vue'), meta: meta('生态补偿受益户') },
  ],
  menu: [
    { path: '/ecology', title: '生态补偿：指标', group: 'pillars', order: 30, icon: TrendCharts, pillar },
    { path: '/ecology/rangers', title: '生态补偿：护林员', group: 'pillars', order: 31, icon: Guide, pillar },
    { path: '/ecology/compensation', title: '生态补偿：补偿发放', group: 'pillars', order: 32, icon: Coin, pillar },
    { path: '/ecology/projects', title: '生态补偿：生态项目', group: 'pillars', order: 33, icon: Sunny, pillar },
  ],
  drills: [
    { api: '/api/ecology/rangers', to: page('/ecology/rangers') },
    { api: '/api/ecology/rangers/pay', to: page('/ecology/pay') },
    { api: '/api/ecology/rangers/quotas', to: page('/ecology/quotas') },
    { api: '/api/ecology/compensation', to: page('/ecology/compensation') },
    { api: '/api/ecology/projects', to: page('/ecology/projects') },
    { api: '/api/ecology/households', to: page('/ecology/households') },
  ],
  dashboardPanels: [
    coveragePanel({ key: 'ecology', title: '生态补偿脱贫一批', order: 30, pillar, load: () => loadEcologyFigures(), figures: ecologyCoverage, more: '/ecology' }),
  ],
  householdSections: [{ key: 'ecology', title: '生态补偿', order: 30, component: () => import('./HouseholdEcology.vue'), pillar }],
}

export default ecology
