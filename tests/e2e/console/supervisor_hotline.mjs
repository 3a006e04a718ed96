// Browser test of the supervisor's 12345, inspection and quarterly screens (issue 18): a ticket the simulated
// hotline sends appears with its handling clock and is answered directly (the direct-answer rate moves); an
// inspection finding is recorded against a window and listed by name; the quarterly staff evaluation lists the
// clerk's window with this quarter's accepted case and the ticket's complaint, the surveyed 实现率 as —.
import { api, eventually, login, newPage, noHorizontalScroll, run, shot, users } from './browser.mjs'

const sim = process.env.OW_DEPT_SIM_URL
async function sendTicket(ticket) {
  const res = await fetch(`${sim}/_hotline/tickets`, { method: 'POST', body: JSON.stringify(ticket) })
  const text = await res.text()
  if (res.status !== 201) throw new Error(`the simulated hotline's ticket: ${res.status} ${text}`)
  return JSON.parse(text)
}

await run(async (browser) => {
  // A case accepted at XH01/W01 this quarter, and a complaint about it through the simulated 12345 hotline.
  const session = await api('POST', '/api/v1/sessions', { login: users.clerk.login, password: users.clerk.password })
  const materials = ['id_card', 'company_application', 'articles', 'premises_proof', 'representative_doc', 'seal_application'].map((id) => ({ id, form: 'original' }))
  const created = await api('POST', '/api/v1/cases', {
    bundle: 'QYKB', applicant: { kind: 'enterprise', name: '杭州热线测试有限公司', credit_code: '91110000802100433B' },
    contact_phone: '13900007777', attributes: {}, materials, decision: { kind: 'accept' },
  }, { Authorization: `Bearer ${session.token}`, 'Idempotency-Key': `browser-hotline-${Date.now()}` })
  const ticket = await sendTicket({ kind: '投诉', subject: '窗口等候时间过长', case_number: created.number,
                                    applicant: { name: '孙七', phone: '13600004444' } })

  const page = await newPage(browser)
  await login(page, users.supervisor)
  const tickets = page.locator('.tickets')
  await tickets.scrollIntoViewIfNeeded()
  const row = tickets.locator('tr', { hasText: ticket.hotline_id })
  await row.waitFor({ timeout: 15000 })
  for (const text of ['投诉', '窗口等候时间过长', '西湖区政务服务中心', '处理中']) await row.getByText(text).first().waitFor()
  await shot(page, 'console-supervisor-hotline')
  await row.getByRole('button', { name: '答复' }).click()
  await page.fill('textarea[name=ticket-answer]', '已当场向申请人说明并增开窗口')
  await page.getByText('当场答复/直接答复').click()
  await page.getByRole('button', { name: '保存' }).click()
  await row.getByText('直接答复 ·').waitFor({ timeout: 10000 })
  await tickets.getByText('直接答复率 100.0%').waitFor()
  await shot(page, 'console-supervisor-hotline-answered')

  // An inspection finding against the clerk's window.
  const inspections = page.locator('.inspections')
  await inspections.scrollIntoViewIfNeeded()
  await inspections.getByText('近8周还没有巡查').waitFor()
  await inspections.getByRole('button', { name: '记录检查发现' }).click()
  const dialog = page.locator('.el-dialog', { hasText: '记录检查发现' })
  // The dialog's hall is the first of the halls list once it has loaded; only then are its windows offered.
  await dialog.locator('.el-select').nth(1).getByText('西湖区政务服务中心').waitFor()
  await dialog.locator('.el-select').nth(2).click()  // 窗口
  await page.locator('.el-select-dropdown__item:visible', { hasText: '1号窗口' }).first().click()
  await dialog.locator('textarea[name=inspection-finding]').fill('窗口人员午间离岗未放置暂停服务提示')
  await dialog.locator('textarea[name=inspection-rectification]').fill('本周内整改，设置提示牌')
  await dialog.getByRole('button', { name: '保存' }).click()
  const finding = inspections.locator('tr', { hasText: '窗口人员午间离岗' })
  await finding.waitFor({ timeout: 10000 })
  for (const text of ['大厅巡查', '西湖区政务服务中心 1号窗口', 'sup1', '年']) await finding.getByText(text, { exact: false }).first().waitFor()
  await shot(page, 'console-supervisor-inspections')

  // The quarterly staff evaluation: the window, then the clerk.
  const staff = page.locator('.staff')
  await staff.scrollIntoViewIfNeeded()
  const line = staff.locator('tbody tr', { hasText: '西湖区政务服务中心' }).first()
  await line.waitFor({ timeout: 10000 })
  await eventually('the window to count the case and the complaint', async () => {
    const cells = await line.locator('td').allInnerTexts()
    return cells[2] === '1' && cells.includes('—') && cells[cells.length - 2] === '1'
  }, 10000)
  await staff.getByText('该窗口无回访时以“—”表示', { exact: false }).waitFor()
  await shot(page, 'console-supervisor-staff-quarterly')
  await staff.getByText('按受理人员').click()
  await staff.locator('tbody tr', { hasText: 'clerk1' }).waitFor()
  await noHorizontalScroll(page, 'supervisor dashboard with the 12345 and inspection panels')
})
