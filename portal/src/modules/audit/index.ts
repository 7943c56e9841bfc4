import { Document } from '@element-plus/icons-vue'
import type { PortalModule } from '@/modules/types'
import { auditRoles } from '@/shared/permissions'

// 审计日志, for auditors and the county administrator only (the gateway answers 403 to anyone else).
const audit: PortalModule = {
  name: 'audit',
  order: 90,
  routes: [{ path: 'audit', component: () => import('./AuditSearch.vue'), meta: { title: '审计日志', roles: auditRoles } }],
  menu: [{ path: '/audit', title: '审计日志', group: 'supervision', order: 10, icon: Document, roles: auditRoles }],
}

export default audit
