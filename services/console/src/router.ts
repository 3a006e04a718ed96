// Client-side routes. The platform answers every non-API path with index.html, so these are real URLs.
import { createRouter, createWebHistory } from 'vue-router'
import { onUnauthorized } from './api'
import { homeOf, me, restore } from './session'

const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: { render: () => null } },  // the guard sends each user to their role's screen
    { path: '/login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
    { path: '/progress', component: () => import('./views/PublicProgress.vue'), meta: { public: true } },
    // The applicant's own page: signed in through the identity provider (its own cookie, not a staff login).
    { path: '/applicant', component: () => import('./views/ApplicantHome.vue'), meta: { public: true } },
    { path: '/clerk', component: () => import('./views/ClerkWorkbench.vue'), meta: { role: 'clerk' } },
    { path: '/approver', component: () => import('./views/ApproverInbox.vue'), meta: { role: 'approver' } },
    { path: '/supervisor', component: () => import('./views/SupervisorDashboard.vue'), meta: { role: 'supervisor' } },
    { path: '/surveyor', component: () => import('./views/SurveyorDesk.vue'), meta: { role: 'surveyor' } },
    { path: '/admin', component: () => import('./views/AdminDesk.vue'), meta: { role: 'admin' } },
    { path: '/unsupported', component: () => import('./views/UnsupportedRole.vue') },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  const user = await restore()
  if (!user) return { path: '/login', query: to.path === '/' ? {} : { next: to.fullPath } }
  if (to.path === '/' || (to.meta.role && to.meta.role !== user.role)) return homeOf(user.role)
  return true
})

onUnauthorized(() => {
  me.value = null
  const here = router.currentRoute.value
  if (!here.meta.public) router.push({ path: '/login', query: { next: here.fullPath } })
})

export default router
