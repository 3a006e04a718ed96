// Browser test: a department's system refuses a push, the supervisor sees the 推送失败 alert on the dashboard
// and, once the department is back, pushes the task again with 重新推送 — the alert resolves and the task
// is dispatched.
import { api, eventually, login, newPage, noHorizontalScroll, run, shot, users } from './browser.mjs'

const sim = process.env.OW_DEPT_SIM_URL
const control = (body) => fetch(`${sim}/_control`, { method: 'POST', body: JSON.stringify(body) })

await run(async (browser) => {
  await control({ refuse_seconds: 3, departments: ['SCJG'] })
  const refusedUntil = Date.now() + 3000
  const session = await api('POST', '/api/v1/sessions', { login: users.clerk.login, password: users.clerk.password })
  const auth = { Authorization: `Bearer ${session.token}` }
  const materials = ['id_card', 'company_application', 'articles', 'premises_proof', 'representative_doc', 'seal_application'].map((id) => ({ id, form: 'original' }))
  const c = await api('POST', '/api/v1/cases', {
    bundle: 'QYKB', applicant: { kind: 'enterprise', name: '杭州推送科技有限公司', credit_code: '91110000802100433B' },
    contact_phone: '13900005555', attributes: {}, materials, decision: { kind: 'accept' },
  }, { ...auth, 'Idempotency-Key': `browser-refused-${Date.now()}` })
  const registerState = async () => (await api('GET', `/api/v1/cases/${c.number}`, undefined, auth)).tasks.find((t) => t.step === 'register').state
  await eventually('the refused push to fail', async () => (await registerState()) === 'DispatchFailed', 15000)

  const supervisor = await newPage(browser)
  await login(supervisor, users.supervisor)
  const row = supervisor.locator('.alerts tr.el-table__row', { hasText: c.number }).filter({ hasText: '推送失败' })
  await row.waitFor({ timeout: 10000 })
  await shot(supervisor, 'console-supervisor-dispatch-failed')
  await noHorizontalScroll(supervisor, 'dispatch failed alert')
  await new Promise((r) => setTimeout(r, Math.max(0, refusedUntil - Date.now() + 300)))  // the department accepts again
  await row.locator('button:has-text("重新推送")').click()
  await row.waitFor({ state: 'detached', timeout: 10000 })
  await eventually('the task to be dispatched again', async () => ['Dispatched', 'Received', 'Approved'].includes(await registerState()), 15000)
})
