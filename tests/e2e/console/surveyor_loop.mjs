// Browser test: the surveyor's call-and-record loop. Three applications refused at the window end today; the
// surveyor (回访调查) opens 抽样框与抽样 — the month's frame with its problems (the same applicant three times is
// flagged), downloads it as CSV (BOM, Chinese headers), draws this week's sample with a seed, then in 回访名单
// records one call as 接通 · 2次 · 不满意 with a problem (the 整改 follow-up opens, seen by the supervisor) and
// another as 未接通 (it waits for another day: 记录 is disabled today); 调查估计与排名 shows the month's intervals.
// Screenshots at 1366×768.
import { readFileSync } from 'node:fs'
import { api, eventually, login, newPage, noHorizontalScroll, run, shot, users } from './browser.mjs'

// This week as ISO 8601 writes it (China Standard Time).
function isoWeek(now = new Date(Date.now() + 8 * 3600 * 1000)) {
  const t = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  t.setUTCDate(t.getUTCDate() - ((t.getUTCDay() + 6) % 7) + 3)  // the week's Thursday
  const jan1 = new Date(Date.UTC(t.getUTCFullYear(), 0, 1))
  return `${t.getUTCFullYear()}-W${String(1 + Math.floor((t - jan1) / (7 * 86400000))).padStart(2, '0')}`
}

await run(async (browser) => {
  const as = async (who) => ({ Authorization: `Bearer ${(await api('POST', '/api/v1/sessions', { login: who.login, password: who.password })).token}` })
  const clerk = await as(users.clerk)
  const materials = ['id_card', 'household_register', 'retirement_application'].map((id) => ({ id, form: 'original' }))
  for (let i = 0; i < 3; ++i)
    await api('POST', '/api/v1/cases', {
      bundle: 'TXYJS', applicant: { kind: 'person', name: '李四', id_number: '11010519491231002X' }, contact_phone: '13812345678',
      materials, decision: { kind: 'refuse', reason: '不属于本中心受理范围', legal_basis: '《行政许可法》第三十二条' },
    }, { ...clerk, 'Idempotency-Key': `browser-survey-${Date.now()}-${i}` })

  const page = await newPage(browser)
  await login(page, users.surveyor)
  await page.waitForSelector('.surveyor')
  await page.click('.el-tabs__item:has-text("抽样框与抽样")')
  const totals = await page.waitForSelector('.frame .totals')
  if (!/重复申请人 [1-9]/.test(await totals.textContent())) throw new Error('the same applicant three times is not flagged')
  await page.waitForSelector('.frame .el-table__row:has-text("同一申请人本月重复出现")')
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[name=export-frame]')])
  const csv = readFileSync(await download.path(), 'utf8')
  if (!csv.startsWith('\uFEFF抽样框') || !csv.includes('办件编号,一件事,受理大厅')) throw new Error(`the CSV export: ${csv.slice(0, 80)}`)
  if (!csv.includes('13812345678')) throw new Error('the frame is for calling: the phone must be unmasked')
  await page.fill('input[name=draw-week]', isoWeek())
  await page.fill('input[name=draw-seed]', '20261128')
  await page.click('button[name=draw]')
  await page.waitForSelector('.drawn:has-text("随机种子 20261128")', { timeout: 10000 })
  await shot(page, 'console-surveyor-frame')
  await noHorizontalScroll(page, 'surveyor frame')

  // The call list: one reached and dissatisfied, one not reached.
  await page.click('.el-tabs__item:has-text("回访名单")')
  const first = page.locator('.calls .el-table__row:has(button[name=record-call]:not([disabled]))').first()
  await first.waitFor({ timeout: 10000 })
  const number = (await first.locator('td').nth(1).textContent()).trim()
  await first.locator('button[name=record-call]').click()
  const dialog = page.locator('.el-dialog:has-text("回访记录")')
  await dialog.waitFor()
  await dialog.locator('label:has-text("接通")').first().click()
  await dialog.locator('label:has-text("2次")').click()
  await dialog.locator('label:has-text("不满意")').click()
  await dialog.locator('textarea[name=problems]').fill('受理后又让补交材料，多跑了一次')
  await shot(page, 'console-surveyor-answer-form')
  await page.click('button[name=save-call]')
  await page.waitForSelector('.el-message:has-text("不满意已转整改")', { timeout: 10000 })
  await page.locator('.calls .el-table__row', { hasText: number }).waitFor({ state: 'detached', timeout: 10000 })

  const surveyor = await as(users.surveyor)
  const all = (await api('GET', '/api/v1/callbacks?state=all', undefined, surveyor)).items
  const done = all.find((e) => e.case_number === number && e.status === 'reached')
  if (!done) throw new Error(`the answer for ${number} was not kept`)
  const followups = (await api('GET', '/api/v1/followups', undefined, await as(users.supervisor))).items
  if (!followups.some((f) => f.case_number === number && f.label === '回访不满意')) throw new Error('no 整改 follow-up for the dissatisfied answer')

  const second = page.locator('.calls .el-table__row:has(button[name=record-call]:not([disabled]))').first()
  const other = (await second.locator('td').nth(1).textContent()).trim()
  await second.locator('button[name=record-call]').click()
  await dialog.waitFor()
  await dialog.locator('label:has-text("未接通")').click()
  await page.click('button[name=save-call]')
  const waiting = page.locator('.calls .el-table__row', { hasText: other })
  await eventually('the unanswered call waits for another day', async () =>
    (await waiting.textContent()).includes('未接通待重拨') && (await waiting.locator('button[name=record-call]').isDisabled()))
  await shot(page, 'console-surveyor-call-list')
  await noHorizontalScroll(page, 'surveyor call list')

  // The month's estimates with their intervals and the ranking.
  await page.click('.el-tabs__item:has-text("调查估计与排名")')
  await page.waitForSelector('.estimates .estimate-table .el-table__row', { timeout: 10000 })
  await page.waitForSelector('.estimates canvas')
  if (!(await page.locator('.estimates .rank-table').first().textContent()).includes('西湖区')) throw new Error('the ranking does not name 西湖区')
  await shot(page, 'console-surveyor-estimates')
  await noHorizontalScroll(page, 'surveyor estimates')
})
