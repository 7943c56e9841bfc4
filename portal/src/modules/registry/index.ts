import { Files, Finished, House, Location, Warning } from '@element-plus/icons-vue'
import type { PortalModule } from '@/modules/types'
import { page } from '@/shared/drill'
import { prefetch } from '@/shared/prefetch'
import { loadRegistryFigures, registryFiguresKey } from './dashboard/figures'

// 建档立卡 registry: households, villages, the exit procedure, monitoring, the county's figures.
const registry: PortalModule = {
  name: 'registry',
  order: 10,
  routes: [
    { path: 'households', component: () => import('./households/HouseholdList.vue'), meta: { title: '建档立卡户' } },
    { path: 'households/exited', component: () => import('./households/ExitedList.vue'), meta: { title: '已脱贫户' } },
    { path: 'villages', component: () => import('./villages/VillageList.vue'), meta: { title: '行政村与贫困发生率' } },
    { path: 'inspections/:id/sample', component: () => import('./villages/InspectionSample.vue'), meta: { title: '抽样户' } },
    { path: 'inspections/:id/missed', component: () => import('./villages/InspectionSample.vue'), meta: { title: '漏评户' } },
    { path: 'work/exit', component: () => import('./exit/ExitBatches.vue'), meta: { title: '贫困户退出程序' } },
    { path: 'work/exit/:id', component: () => import('./exit/ExitBatch.vue'), meta: { title: '退出批次' } },
    { path: 'work/monitoring', component: () => import('./monitoring/MonitoringFlags.vue'), meta: { title: '防返贫监测对象' } },
    { path: 'work/monitoring/:id', component: () => import('./monitoring/MonitoringFlag.vue'), meta: { title: '监测对象' } },
  ],
  menu: [
    { path: '/households', title: '建档立卡户', group: 'households', order: 10, icon: House },
    { path: '/households/exited', title: '已脱贫户', group: 'households', order: 20, icon: Finished },
    { path: '/villages', title: '行政村', group: 'households', order: 30, icon: Location },
    { path: '/work/exit', title: '贫困户退出程序', group: 'work', order: 10, icon: Files },
    { path: '/work/monitoring', title: '防返贫监测', group: 'work', order: 20, icon: Warning },
  ],
  drills: [
    { api: '/api/households', to: page('/households') },
    { api: '/api/households/exits', to: page('/households/exited') },
    { api: '/api/households/villages/incidence', to: page('/villages') },
    { api: '/api/households/monitoring/flags', to: page('/work/monitoring') },
    { api: /^\/api\/households\/inspections\/([^/]+)\/sample$/, to: (q, [id]) => ({ path: `/inspections/${id}/sample`, query: q }) },
    { api: /^\/api\/households\/inspections\/([^/]+)\/missed$/, to: (q, [id]) => ({ path: `/inspections/${id}/missed`, query: q }) },
    { api: /^\/api\/households\/inspections\/([^/]+)$/, to: (_q, [id]) => ({ path: `/inspections/${id}/sample`, query: { finding: 'visited' } }) },
  ],
  dashboardPanels: [
    {
      key: 'registry',
      title: '脱贫攻坚成效',
      order: 10,
      component: () => import('./dashboard/RegistryFigures.vue'),
      prefetch: () => prefetch(registryFiguresKey, loadRegistryFigures),
    },
  ],
  householdSections: [
    { key: 'income', title: '收入与脱贫评估', order: 10, component: () => import('./sections/HouseholdIncome.vue') },
    { key: 'exit', title: '退出程序', order: 80, component: () => import('./sections/HouseholdExit.vue') },
    { key: 'monitoring', title: '防返贫监测', order: 90, component: () => import('./sections/HouseholdMonitoring.vue') },
    { key: 'helpers', title: '结对帮扶与走访', order: 95, component: () => import('./sections/HouseholdHelpers.vue') },
  ],
}

export default registry
