import { FirstAidKit, Umbrella, TrendCharts, UserFilled, Checked } from '@element-plus/icons-vue'
import type { PortalModule } from '@/modules/types'
import { page } from '@/shared/drill'
import { coveragePanel } from '@/shared/coverage'
import { welfareCoverage, loadWelfareFigures } from './figures'

const pillar = 'welfare'
const meta = (title: string) => ({ title, pillar })

// 社会保障兜底一批: 低保 and 特困 (应保尽保), insurance, hospital claims, chronic-disease certificates, disability,
// protection insurance.
const welfare: PortalModule = {
  name: 'welfare',
  order: 50,
  routes: [
    { path: 'welfare', component: () => import('./WelfareFigures.vue'), meta: meta('社会保障兜底指标') },
    { path: 'welfare/assistance', component: () => import('./Enrolments.vue'), meta: meta('低保和特困供养对象') },
    { path: 'welfare/assistance/:id', component: () => import('./EnrolmentView.vue'), meta: meta('保障对象') },
    { path: 'welfare/qualifying', component: () => import('./Qualifying.vue'), meta: meta('符合低保特困条件的户') },
    { path: 'work/assistance-gaps', component: () => import('./Qualifying.vue'), meta: meta('应保尽保') },
    { path: 'welfare/payments', component: () => import('./Payments.vue'), meta: meta('低保特困救助金发放') },
    { path: 'welfare/claims', component: () => import('./Claims.vue'), meta: meta('医疗费用结算') },
    { path: 'welfare/claims/:id', component: () => import('./ClaimView.vue'), meta: meta('结算详情') },
    { path: 'welfare/uninsured', component: () => import('./Uninsured.vue'), meta: meta('未参保人员') },
    { path: 'welfare/medical-guarantees', component: () => import('./MedicalGuarantees.vue'), meta: meta('基本医疗有保障') },
    { path: 'welfare/certificates', component: () => import('./Certificates.vue'), meta: meta('慢病证') },
    { path: 'welfare/deliveries', component: () => import('./Deliveries.vue'), meta: meta('送药上门') },
    { path: 'welfare/disabilities', component: () => import('./Disabilities.vue'), meta: meta('残疾人评定') },
    { path: 'welfare/payouts', component: () => import('./Payouts.vue'), meta: meta('扶贫保险理赔') },
  ],
  menu: [
    { path: '/work/assistance-gaps', title: '应保尽保', group: 'work', order: 45, icon: Checked, pillar },
    { path: '/welfare', title: '社会保障：指标', group: 'pillars', order: 50, icon: TrendCharts, pillar },
    { path: '/welfare/assistance', title: '社会保障：低保特困', group: 'pillars', order: 51, icon: UserFilled, pillar },
    { path: '/welfare/claims', title: '社会保障：医疗结算', group: 'pillars', order: 52, icon: FirstAidKit, pillar },
    { path: '/welfare/payouts', title: '社会保障：扶贫保险', group: 'pillars', order: 53, icon: Umbrella, pillar },
  ],
  drills: [
    { api: '/api/welfare/assistance/enrolments', to: page('/welfare/assistance') },
    { api: '/api/welfare/assistance/qualifying', to: page('/welfare/qualifying') },
    { api: '/api/welfare/assistance/gaps', to: page('/work/assistance-gaps') },
    { api: '/api/welfare/assistance/payments', to: page('/welfare/payments') },
    { api: '/api/welfare/claims', to: page('/welfare/claims') },
    { api: '/api/welfare/insurance/uninsured', to: page('/welfare/uninsured') },
    { api: '/api/welfare/insurance/guarantees', to: page('/welfare/medical-guarantees') },
    { api: '/api/welfare/certificates', to: page('/welfare/certificates') },
    { api: '/api/welfare/deliveries', to: page('/welfare/deliveries') },
    { api: '/api/welfare/disabilities', to: page('/welfare/disabilities') },
    { api: '/api/welfare/protection/payouts', to: page('/welfare/payouts') },
  ],
  dashboardPanels: [
    coveragePanel({ key: 'welfare', title: '社会保障兜底一批', order: 50, pillar, load: () => loadWelfareFigures(), figures: welfareCoverage, more: '/welfare' }),
  ],
  householdSections: [{ key: 'welfare', title: '社会保障兜底', order: 50, component: () => import('./HouseholdWelfare.vue'), pillar }],
}

export default welfare
