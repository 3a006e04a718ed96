// Browser test of the supervisor's screen in plain Chinese (issue 17): on a fresh database every panel says
// what would appear there and why it is empty; with cases only in an earlier week the dashboard opens on that
// week and says so; KPI cards show the count behind each rate and the period, with the definition on hover;
// a department is picked by typing 人社; an empty week says so; no visible text is a code (RS, 330106, 1wd).
import { api, eventually, login, newPage, noHorizontalScroll, run, shot, users } from './browser.mjs'

const DAY = 86400
const setClock = (offset_seconds) => api('POST', '/api/v1/test/clock', { offset_seconds })

// This week's Monday..Sunday in China Standard Time, as the cards write it (2026年11月23日—11月29日).
function weekOf(offsetDays) {
  const t = new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * DAY * 1000)
  const monday = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() - ((t.getUTCDay() || 7) - 1)))
  const sunday = new Date(monday.getTime() + 6 * DAY * 1000)
  const ymd = (d) => [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
  const [y1, m1, d1] = ymd(monday), [y2, m2, d2] = ymd(sunday)
  return `${y1}年${m1}月${d1}日—${y1 === y2 ? '' : `${y2}年`}${m2}月${d2}日`
}

// Visible text outside inputs that looks like a code: RS, QYKB, 1wd.
async function codesOnScreen(page) {
  return page.evaluate(() => {
    const found = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement
      if (!el || el.closest('input, textarea, script, style, [aria-hidden=true]')) continue
      const r = el.getBoundingClientRect()
      const style = getComputedStyle(el)
      if (!r.width || !r.height || style.visibility === 'hidden' || style.display === 'none') continue
      const text = n.textContent.trim()
      if (/\b[A-Z]{2,5}\b/.test(text) || /\d+wd\b/.test(text)) found.push(text)
    }
    return found
  })
}

async function expectNoCodes(page, where) {
  const codes = await codesOnScreen(page)
  if (codes.length) throw new Error(`${where}: codes on screen: ${JSON.stringify(codes.slice(0, 10))}`)
}

await run(async (browser) => {
  const page = await newPage(browser)
  // 1. A fresh database: every panel explains its emptiness.
  await login(page, users.supervisor)
  await page.waitForSelector('.empty-period', { timeout: 15000 })
  const emptyTexts = ['没有受理、办结或评价的办件', '近两年都还没有受理、办结或评价的办件', '目前没有未处理的预警', '还没有发出督办', '打开本页以来还没有新预警',
                      '待您批准或驳回的申请会列在这里', '没有待回访或整改的差评', '近八周没有受理或办结的办件']
  for (const t of emptyTexts) await page.getByText(t).first().waitFor({ timeout: 10000 })
  if (await page.getByText('暂无数据').count()) throw new Error('a bare 暂无数据 on the fresh dashboard')
  await shot(page, 'console-supervisor-empty')
  await page.locator('.followups').scrollIntoViewIfNeeded()
  await shot(page, 'console-supervisor-empty-lower')
  await page.evaluate(() => window.scrollTo(0, 0))
  await expectNoCodes(page, 'fresh dashboard')
  await noHorizontalScroll(page, 'fresh dashboard')

  // 2. Cases only two weeks ago: the dashboard opens on that week and says so.
  const session = await api('POST', '/api/v1/sessions', { login: users.clerk.login, password: users.clerk.password })
  const auth = { Authorization: `Bearer ${session.token}` }
  const materials = ['id_card', 'company_application', 'articles', 'premises_proof', 'representative_doc', 'seal_application'].map((id) => ({ id, form: 'original' }))
  let serial = 0
  const accept = () => api('POST', '/api/v1/cases', {
    bundle: 'QYKB', applicant: { kind: 'enterprise', name: '杭州名称测试有限公司', credit_code: '91110000802100433B' },
    contact_phone: '13900006666', attributes: { hires_employees: true }, materials, decision: { kind: 'accept' },
  }, { ...auth, 'Idempotency-Key': `browser-names-${Date.now()}-${serial++}` })
  await setClock(-14 * DAY)
  await accept()
  await setClock(0)
  await page.reload()
  const period = page.locator('.period-bar .el-select')
  await eventually('the dashboard to open on the week with cases', async () => (await period.innerText()).includes(weekOf(-14)), 15000)
  await page.getByText('本周还没有受理、办结或评价的办件，先显示最近有办件的一周').waitFor()
  await page.locator('.kpi-online_share .count', { hasText: '0/1 件' }).waitFor()
  await shot(page, 'console-supervisor-earlier-week')

  // 3. This week: one case accepted and one withdrawn (ended after one visit), then the clock runs past the
  //    limit of the earlier case's 人社 step so that 人社 has an overdue alert.
  await accept()
  const withdrawn = await accept()
  await api('POST', `/api/v1/cases/${withdrawn.number}/withdrawal`, { reason: '申请人撤回申请' }, auth)
  await setClock(6 * DAY)
  const sup = await api('POST', '/api/v1/sessions', { login: users.supervisor.login, password: users.supervisor.password })
  const supAuth = { Authorization: `Bearer ${sup.token}` }
  await eventually('an overdue alert for 人社', async () =>
    (await api('GET', '/api/v1/alerts?department=RS', undefined, supAuth)).items.length > 0, 20000)

  await page.reload()
  const realisation = page.locator('.kpi-realisation_rate')
  await eventually('this week on the cards', async () => (await period.innerText()).includes(weekOf(0)), 15000)
  await realisation.locator('.count', { hasText: '1/1 件' }).waitFor({ timeout: 10000 })
  const periodText = await realisation.locator('.period').innerText()
  if (periodText !== weekOf(0)) throw new Error(`the card's period reads ${periodText}, not ${weekOf(0)}`)
  if (!(await realisation.locator('.value').innerText()).includes('100.0%')) throw new Error('实现率 is not 100.0%')
  await realisation.hover()
  const tip = page.locator('.kpi-definition:visible')
  await tip.waitFor({ timeout: 5000 })
  const definition = await tip.innerText()
  for (const part of ['分子：', '分母：', '申请人到现场不超过 1 次', '撤回均计入'])
    if (!definition.includes(part)) throw new Error(`the definition lacks ${part}: ${definition}`)
  await shot(page, 'console-supervisor-kpi-definition')
  await page.mouse.move(5, 5)

  // 4. The department filter: typing 人社 finds 西湖区人力资源和社会保障局 by name, and the table follows.
  const department = page.locator('.toolbar .el-select').filter({ has: page.locator('[aria-label="部门"]') }).first()
  await department.click()
  await page.keyboard.type('人社')
  const option = page.locator('.picker-department .el-select-dropdown__item:visible')
  await eventually('one department found by 人社', async () => (await option.count()) === 1 && (await option.innerText()) === '西湖区人力资源和社会保障局', 5000)
  await shot(page, 'console-supervisor-department-picker')
  await option.click()
  const rows = page.locator('.alerts tr.el-table__row')
  await rows.first().waitFor({ timeout: 10000 })
  await eventually('only 人社 alerts in the table', async () => {
    const texts = await rows.allInnerTexts()
    return texts.length > 0 && texts.every((t) => t.includes('西湖区人力资源和社会保障局') && t.includes('单位参保登记'))
  }, 10000)
  if (!(await department.innerText()).includes('西湖区人力资源和社会保障局') && !(await department.locator('.el-select__selected-item, .el-select__placeholder').first().innerText()).includes('人力资源'))
    throw new Error('the picker does not show the department by name')
  await shot(page, 'console-supervisor-filtered')
  await expectNoCodes(page, 'dashboard with cases')
  await noHorizontalScroll(page, 'dashboard with cases')

  // 5. The week's report as a printable page: names and words, no codes.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("下载网页版")')])
  const { readFile } = await import('node:fs/promises')
  const report = await newPage(browser)
  await report.setContent(await readFile(await download.path(), 'utf8'))
  for (const t of ['西湖区', '西湖区人力资源和社会保障局', '西湖区市场监督管理局']) await report.getByText(t).first().waitFor({ timeout: 5000 })
  await shot(report, 'console-supervisor-weekly-report')
  await expectNoCodes(report, 'the weekly report')
  await report.close()

  // 6. A week with nothing in it says so.
  await period.click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: weekOf(-49) }).click()
  await page.locator('.empty-period', { hasText: `${weekOf(-49)}没有受理、办结或评价的办件` }).waitFor({ timeout: 5000 })
  await page.locator('.kpi-satisfaction_rate .count', { hasText: '本期没有收到评价' }).waitFor()
  if (await page.locator('.period-bar .note').count()) throw new Error(`a note beside a week picked by hand: ${await page.locator('.period-bar .note').innerText()}`)
  await page.evaluate(() => window.scrollTo(0, 0))
  await shot(page, 'console-supervisor-empty-week')
  await expectNoCodes(page, 'an empty week')
})
