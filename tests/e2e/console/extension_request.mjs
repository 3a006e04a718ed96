// Browser test: an extension (延期) needs the supervisor's own grant. 人社's approver claims a 退休一件事 task and
// requests two working days with a reason in the task drawer — the clock does not move; the supervisor's
// dashboard lists the request and 批准 moves the case's committed due instant; a second request is refused
// with 驳回, whose confirm button stays disabled until a reason is typed, and the approver's drawer shows both
// answers. Screenshots at 1366×768.
import { api, eventually, login, newPage, noHorizontalScroll, run, shot, users } from './browser.mjs'

await run(async (browser) => {
  const as = async (who) => ({ Authorization: `Bearer ${(await api('POST', '/api/v1/sessions', { login: who.login, password: who.password })).token}` })
  const clerk = await as(users.clerk)
  const materials = ['id_card', 'household_register', 'retirement_application'].map((id) => ({ id, form: 'original' }))
  const c = await api('POST', '/api/v1/cases', {
    bundle: 'TXYJS', applicant: { kind: 'person', name: '李四', id_number: '11010519491231002X' }, contact_phone: '13812345678',
    materials, decision: { kind: 'accept' },
  }, { ...clerk, 'Idempotency-Key': `browser-extension-${Date.now()}` })
  const committedDue = async () => (await api('GET', `/api/v1/cases/${c.number}`, undefined, clerk)).due.committed
  const dueBefore = await committedDue()

  // 1. The approver asks for two more working days.
  const approver = await newPage(browser)
  await login(approver, users.approver)
  await approver.waitForSelector('.inbox')
  const row = await eventually('the 人社 task in the inbox', async () => {
    await approver.click('button:has-text("刷新")')
    const r = approver.locator('.inbox tr', { hasText: c.number })
    return (await r.count()) ? r : null
  })
  await row.click()
  await approver.click('button[name=claim]')
  await approver.click('button[name=extend]')
  await approver.waitForSelector('.el-dialog:has-text("申请延期")')
  if (await approver.locator('.el-dialog:has-text("申请延期") :text("监督人员账号")').count()) throw new Error('the dialog still asks for a supervisor')
  await approver.fill('.el-dialog input[name=working-days]', '2')
  await approver.fill('.el-dialog textarea[name=reason]', '需外省社保机构协查缴费记录')
  await shot(approver, 'console-approver-extension-request')
  await approver.click('button[name=confirm-decision]')
  await approver.waitForSelector('.el-drawer .extension-line:has-text("待监督人员审批")', { timeout: 10000 })
  if (await approver.locator('.el-drawer button[name=extend]').count()) throw new Error('a second request is offered while one is pending')
  await shot(approver, 'console-approver-extension-pending')
  await noHorizontalScroll(approver, 'approver extension request')
  if ((await committedDue()) !== dueBefore) throw new Error('the request alone moved the committed due instant')

  // 2. The supervisor grants it on the dashboard.
  const supervisor = await newPage(browser)
  await login(supervisor, users.supervisor)
  const request = supervisor.locator('.extensions tr.el-table__row', { hasText: c.number })
  await request.waitFor({ timeout: 10000 })
  if (!(await request.textContent()).includes('2个工作日')) throw new Error('the request does not show its working days')
  await shot(supervisor, 'console-supervisor-extension-requests')
  await noHorizontalScroll(supervisor, 'supervisor extension requests')
  await request.locator('button:has-text("批准")').click()
  await request.waitFor({ state: 'detached', timeout: 10000 })
  const dueGranted = await committedDue()
  if (!(dueGranted > dueBefore)) throw new Error(`the grant did not move the committed due instant (${dueBefore} → ${dueGranted})`)

  // 3. A second request, refused with a reason.
  const rs = await as(users.approver)
  const taskId = (await api('GET', '/api/v1/tasks', undefined, rs)).items.find((t) => t.number === c.number).id
  await api('POST', `/api/v1/tasks/${taskId}/extension-requests`, { working_days: 1, reason: '再需一个工作日' }, rs)
  await supervisor.reload()
  const second = supervisor.locator('.extensions tr.el-table__row', { hasText: c.number })
  await second.waitFor({ timeout: 10000 })
  await second.locator('button:has-text("驳回")').click()
  const confirm = supervisor.locator('button[name=confirm-refusal]')
  await confirm.waitFor()
  if (!(await confirm.isDisabled())) throw new Error('驳回 is possible without a reason')
  await supervisor.fill('textarea[name=refusal-reason]', '协查已在延长期内完成，无需再延')
  await shot(supervisor, 'console-supervisor-extension-refusal')
  await confirm.click()
  await second.waitFor({ state: 'detached', timeout: 10000 })
  if ((await committedDue()) !== dueGranted) throw new Error('the refusal moved the committed due instant')

  // 4. The approver's drawer shows both answers.
  await approver.click('.el-drawer .el-drawer__close-btn')
  await row.click()
  await approver.waitForSelector('.el-drawer .extension-line:has-text("已批准")', { timeout: 10000 })
  await approver.waitForSelector('.el-drawer .extension-line:has-text("驳回理由：协查已在延长期内完成")', { timeout: 10000 })
  await shot(approver, 'console-approver-extension-answers')
})
