import { Briefcase, Shop, TrendCharts, Connection } from '@element-plus/icons-vue'
import type { PortalModule } from '@/modules/types'
import { page } from '@/shared/drill'
import { coveragePanel } from '@/shared/coverage'
import { industryCoverage, loadIndustryFigures } from './figures'

const pillar = 'industry'
const meta = (title: string) => ({ title, pillar })

// 发展生产脱贫一批: coverage, market entities and workshops, bases, benefit links, household projects, jobs, job
// matching of relocated households, the income the pillar reports, sales (消费扶贫).
const industry: PortalModule = {
  name: 'industry',
  order: 20,
  routes: [
    { path: 'industry', component: () => import('./IndustryFigures.vue'), meta: meta('产业就业扶贫指标') },
    { path: 'industry/entities', component: () => import('./Entities.vue'), meta: meta('经营主体与扶贫车间') },
    { path: 'industry/entities/:id', component: () => import('./EntityView.vue'), meta: meta('经营主体') },
    { path: 'industry/bases', component: () => import('./Bases.vue'), meta: meta('产业基地') },
    { path: 'industry/households', component: () => import('./CoveredHouseholds.vue'), meta: meta('产业覆盖户') },
    { path: 'industry/employment', component: () => import('./Employment.vue'), meta: meta('就业扶贫') },
    { path: 'industry/projects', component: () => import('./Projects.vue'), meta: meta('产业到户项目') },
    { path: 'industry/income', component: () => import('./Income.vue'), meta: meta('产业就业收入记录') },
    { path: 'industry/sales', component: () => import('./Sales.vue'), meta: meta('消费扶贫') },
    { path: 'industry/work-list', component: () => import('./WorkList.vue'), meta: meta('产业帮扶工作清单') },
    { path: 'industry/candidates', component: () => import('./Candidates.vue'), meta: meta('培训结业待就业人员') },
    { path: 'work/job-matching', component: () => import('./MatchingTasks.vue'), meta: meta('就业匹配') },
    { path: 'work/job-matching/:id', component: () => import('./MatchingTask.vue'), meta: meta('就业帮扶任务') },
  ],
  menu: [
    { path: '/industry', title: '产业就业：指标', group: 'pillars', order: 20, icon: TrendCharts, pillar },
    { path: '/industry/entities', title: '产业就业：经营主体', group: 'pillars', order: 21, icon: Shop, pillar },
    { path: '/industry/employment', title: '产业就业：就业', group: 'pillars', order: 22, icon: Briefcase, pillar },
    { path: '/work/job-matching', title: '就业匹配', group: 'work', order: 50, icon: Connection, pillar },
  ],
  drills: [
    { api: '/api/industry/households', to: page('/industry/households') },
    { api: '/api/industry/bases', to: page('/industry/bases') },
    { api: '/api/industry/entities', to: page('/industry/entities') },
    { api: '/api/industry/projects', to: page('/industry/projects') },
    { api: '/api/industry/employment', to: page('/industry/employment') },
    { api: '/api/industry/income', to: page('/industry/income') },
    { api: '/api/industry/sales', to: page('/industry/sales') },
    { api: '/api/industry/work-list', to: page('/industry/work-list') },
    { api: '/api/industry/job-matching/tasks', to: page('/work/job-matching') },
  ],
  dashboardPanels: [
    coveragePanel({ key: 'industry', title: '发展生产脱贫一批', order: 20, pillar, load: () => loadIndustryFigures(), figures: industryCoverage, more: '/industry' }),
  ],
  householdSections: [{ key: 'industry', title: '产业就业', order: 20, component: () => import('./HouseholdIndustry.vue'), pillar }],
}

export default industry
