// Browser test (issue 17, accessibility and plain Chinese): every main screen of each role — the login, the
// clerk's four tabs with a bundle open and a case drawer, the approver's inbox, done list, task drawer and
// material viewer (issue 20), the supervisor's dashboard, the surveyor's three tabs, the applicant's page on a desk and on a phone — is checked by axe-core (WCAG 2 A/AA
// rules: accessible names, contrast ≥ 4.5:1, …) with no serious or critical violation, and no visible text
// outside fields meant for codes looks like a code (`\b[A-Z]{2,5}\b`, `\d+wd\b`). Screenshots of each screen.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { api, base, eventually, login, newPage as basePage, run, shot, users } from './browser.mjs'

const axeSource = readFileSync(createRequire(`${process.cwd()}/package.json`).resolve('axe-core/axe.min.js'), 'utf8')
const failures = []
const desk = { width: 1366, height: 768 }
const newPage = (browser, viewport = desk) => basePage(browser, viewport, { bypassCSP: true })

// Words that are allowed in capitals: what a person reads as a word, not a code.
const allowed = new Set(['QR', 'PDF', 'JPEG', 'PNG', 'ID', 'App', 'KB', 'MB'])  // file formats and sizes (lib/file_words) are read by their names

async function check(page, screen) {
  await page.waitForTimeout(300)  // transitions settle
  await shot(page, `a11y-${screen}`)
  await page.addScriptTag({ content: axeSource })
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' ' + n.html.slice(0, 140) + (n.failureSummary ? ' [' + n.failureSummary.split('\n').slice(1, 2).join('') + ']' : '')).join('; ')}`)
  })
  for (const v of result) failures.push(`${screen}: ${v}`)
  // Visible text outside inputs, code cells (.code, .no, [data-code]) and the case number itself.
  const texts = await page.evaluate(() => {
    const out = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement
      if (!el || el.closest('input, textarea, script, style, [data-code], .code, .no, svg')) continue
      const style = getComputedStyle(el)
      if (style.visibility === 'hidden' || style.display === 'none' || !el.getClientRects().length) continue
      const t = n.textContent.trim()
      if (t) out.push(t)
    }
    return out
  })
  for (const t of texts) {
    for (const m of t.matchAll(/\b[A-Z]{2,5}\b|\b\d+wd\b/g))
      if (!allowed.has(m[0])) failures.push(`${screen}: code-like text "${m[0]}" in "${t.slice(0, 80)}"`)
  }
}

await run(async (browser) => {
  const as = async (who) => ({ Authorization: `Bearer ${(await api('POST', '/api/v1/sessions', { login: who.login, password: who.password })).token}` })
  const clerkAuth = await as(users.clerk)
  const c = await api('POST', '/api/v1/cases', {
    bundle: 'TXYJS', applicant: { kind: 'person', name: '赵六', id_number: '11010519491231002X' }, contact_phone: '13812345678',
    materials: ['id_card', 'household_register', 'retirement_application'].map((id) => ({ id, form: 'original' })), decision: { kind: 'accept' },
  }, { ...clerkAuth, 'Idempotency-Key': `browser-a11y-${Date.now()}` })

  const anon = await newPage(browser)
  await anon.goto(new URL('login', process.argv[2]).href)
  await anon.waitForSelector('input[name=login]')
  await check(anon, 'login')

  const clerk = await newPage(browser)
  await login(clerk, users.clerk)
  await clerk.waitForSelector('input[name=bundle-search]:focus', { timeout: 10000 })
  await check(clerk, 'clerk-intake')
  await clerk.keyboard.type('退休')
  await clerk.keyboard.press('Enter')
  await clerk.waitForSelector('input[name=applicant-name]:focus', { timeout: 10000 })
  await check(clerk, 'clerk-intake-form')
  for (const tab of ['today', 'prereview', 'delivery']) {
    await clerk.click(`#tab-${tab}`)
    await clerk.waitForSelector(`#pane-${tab}`, { state: 'visible' })
    await check(clerk, `clerk-${tab}`)
  }
  await clerk.click('#tab-today')
  await clerk.locator('#pane-today tr', { hasText: c.number }).first().click()
  await clerk.waitForSelector('.el-drawer :text("办理流程")', { timeout: 10000 })
  await check(clerk, 'clerk-case-drawer')

  const approver = await newPage(browser)
  await login(approver, users.approver)
  await approver.waitForSelector('.inbox', { timeout: 10000 })
  await check(approver, 'approver-inbox')
  const row = await eventually('the case in the inbox', async () => {
    await approver.click('button:has-text("刷新")')
    const r = approver.locator('.inbox tr', { hasText: c.number })
    return (await r.count()) ? r.first() : null
  })
  await row.click()
  await approver.waitForSelector('.el-drawer', { timeout: 10000 })
  await check(approver, 'approver-task-drawer')
  // The material viewer (issue 20): a scan of the ID card uploaded by the clerk, the task claimed, the page drawn.
  const maker = await browser.newPage({ viewport: { width: 480, height: 300 } })
  await maker.setContent('<div style="font:28px sans-serif;padding:24px;background:#cfe3f7;height:252px">居民身份证<p>姓名 赵六</p></div>')
  const scan = await maker.screenshot()
  await maker.close()
  const put = await fetch(new URL(`/api/v1/cases/${c.number}/materials/id_card/files?name=${encodeURIComponent('身份证.png')}`, base),
                          { method: 'POST', headers: { ...clerkAuth, 'Content-Type': 'image/png' }, body: scan })
  if (put.status !== 201) throw new Error(`upload: ${put.status} ${await put.text()}`)
  await approver.click('.el-drawer button[name=claim]')
  await approver.click('.material-viewer .mv-file', { timeout: 15000 })
  await approver.waitForFunction(() => { const c = document.querySelector('.material-viewer canvas, .material-viewer img'); return c && (c.width || c.naturalWidth) > 0 })
  await approver.evaluate(() => document.querySelector('.material-viewer').scrollIntoView({ block: 'end' }))
  await check(approver, 'approver-material-viewer')

  const supervisor = await newPage(browser)
  await login(supervisor, users.supervisor)
  await supervisor.waitForSelector('.alerts', { timeout: 10000 })
  await check(supervisor, 'supervisor-dashboard')

  const surveyor = await newPage(browser)
  await login(surveyor, users.surveyor)
  await surveyor.waitForSelector('.calls', { timeout: 10000 })
  await check(surveyor, 'surveyor-calls')
  for (const [tab, selector, name] of [['抽样框与抽样', '.frame', 'surveyor-frame'], ['调查估计与排名', '.estimates', 'surveyor-estimates']]) {
    await surveyor.click(`.el-tabs__item:has-text("${tab}")`)
    await surveyor.waitForSelector(selector, { timeout: 10000 })
    await check(surveyor, name)
  }

  for (const [name, viewport] of [['public-desk', undefined], ['public-phone', { width: 390, height: 844 }]]) {
    const page = await newPage(browser, viewport)
    await page.goto(new URL('progress', process.argv[2]).href)
    await page.waitForSelector('input[name=case-number]')
    await check(page, name)
  }

  if (failures.length) throw new Error(`${failures.length} problem(s):\n${failures.join('\n')}`)
})
