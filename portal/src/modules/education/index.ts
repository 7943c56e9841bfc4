import { Notebook, Reading, Wallet } from '@element-plus/icons-vue'
import type { PortalModule } from '@/modules/types'
import { page } from '@/shared/drill'
import { prefetch } from '@/shared/prefetch'
import { educationFiguresKey, loadEducationFigures } from './figures'

const pillar = 'education'

// 发展教育脱贫一批: students and school rolls, dropout cases (控辍保学), aid (应享未享), training.
const education: PortalModule = {
  name: 'education',
  order: 40,
  routes: [
    { path: 'work/dropouts', component: () => import('./Dropouts.vue'), meta: { title: '控辍保学', pillar } },
    { path: 'work/dropouts/:id', component: () => import('./DropoutCaseView.vue'), meta: { title: '控辍保学案件', pillar } },
    { path: 'work/aid-gaps', component: () => import('./AidGaps.vue'), meta: { title: '资助应享未享', pillar } },
    { path: 'education/students', component: () => import('./Students.vue'), meta: { title: '学生与学籍', pillar } },
  ],
  menu: [
    { path: '/work/dropouts', title: '控辍保学', group: 'work', order: 30, icon: Notebook, pillar },
    { path: '/work/aid-gaps', title: '资助应享未享', group: 'work', order: 40, icon: Wallet, pillar },
    { path: '/education/students', title: '教育：学生与学籍', group: 'pillars', order: 40, icon: Reading, pillar },
  ],
  drills: [
    { api: '/api/education/students', to: page('/education/students') },
    { api: '/api/education/dropouts', to: page('/work/dropouts') },
    { api: '/api/education/aid/coverage', to: page('/work/aid-gaps') },
  ],
  dashboardPanels: [
    {
      key: 'education',
      title: '发展教育脱贫一批',
      order: 40,
      pillar,
      component: () => import('./EducationFigures.vue'),
      prefetch: () => prefetch(educationFiguresKey, loadEducationFigures),
    },
  ],
  householdSections: [{ key: 'education', title: '教育', order: 40, component: () => import('./HouseholdEducation.vue'), pillar }],
}

export default education
