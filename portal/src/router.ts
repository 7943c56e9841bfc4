import { createRouter, createWebHistory } from 'vue-router'
import { decide } from '@/guard'
import { modules } from '@/modules'
import { loadSession, forget } from '@/session'
import { setUnauthorizedHandler } from '@/api/http'
import AppLayout from '@/layout/AppLayout.vue'
import SignIn from '@/views/SignIn.vue'
import Dashboard from '@/views/Dashboard.vue'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/sign-in', component: SignIn, meta: { public: true, title: '登录' } },
    {
      path: '/households/:id/print',
      component: () => import('@/views/HouseholdPrint.vue'),
      meta: { title: '打印户档案', bare: true },
    },
    {
      path: '/',
      component: AppLayout,
      children: [
        { path: '', redirect: '/dashboard' },
        { path: 'dashboard', component: Dashboard, meta: { title: '综合概况' } },
        { path: 'households/:id', component: () => import('@/views/HouseholdView.vue'), meta: { title: '一户一档' } },
        ...modules.flatMap((m) => m.routes),
        { path: 'forbidden', component: () => import('@/views/Forbidden.vue'), meta: { title: '无权访问' } },
        { path: ':pathMatch(.*)*', component: () => import('@/views/NotFound.vue'), meta: { title: '页面不存在' } },
      ],
    },
  ],
})

router.beforeEach(async (to) => {
  const user = to.meta.public ? null : await loadSession()
  const decision = decide(to, user)
  return 'allow' in decision ? true : { path: decision.redirect, query: decision.query }
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - 精准扶贫管理平台` : '精准扶贫管理平台'
})

// A call answered 401 means the session ended on the server: sign in again, then come back.
setUnauthorizedHandler(() => {
  forget()
  const here = router.currentRoute.value
  if (!here.meta.public) void router.push({ path: '/sign-in', query: { redirect: here.fullPath } })
})
