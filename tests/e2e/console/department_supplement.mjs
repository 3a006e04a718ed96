// Browser test (issue 17, item 2): a department's 补正 is seen downstream. 人社 asks for materials on a 退休一件事
// case (materials, reason, deadline); the clerk's case drawer shows what, why, which department, since when
// and by when, and prints its 补正告知书 (A4 PDF: one page, hall, clerk, consultation phone, legal basis); the
// applicant's page on a 390×844 phone says what to bring, why, by when and where; the clerk records the
// materials for that department — the request closes, the department's clock runs again, one more visit.
// Every kind of document (receipt, both 补正 notices, 容缺 and 不予受理 notices) is printed to A4 PDF, must fit
// on one page, and is kept with a drawing of its page to look at. Screenshots 1366×768.
import { api, eventually, login, newPage, noHorizontalScroll, printToPdf, run, shot, users } from './browser.mjs'

await run(async (browser) => {
  const as = async (who) => ({ Authorization: `Bearer ${(await api('POST', '/api/v1/sessions', { login: who.login, password: who.password })).token}` })
  const clerkAuth = await as(users.clerk)
  const rs = await as(users.approver)
  const materials = ['id_card', 'household_register', 'retirement_application'].map((id) => ({ id, form: 'original' }))
  const c = await api('POST', '/api/v1/cases', {
    bundle: 'TXYJS', applicant: { kind: 'person', name: '王五', id_number: '11010519491231002X' }, contact_phone: '13812345678',
    materials, decision: { kind: 'accept' },
  }, { ...clerkAuth, 'Idempotency-Key': `browser-dept-supplement-${Date.now()}` })
  const receipt = await (await fetch(new URL(`/api/v1/cases/${c.number}/documents/receipt`, process.argv[2]), { headers: clerkAuth })).text()
  const code = /<td class="code">([^<]+)<\/td>/.exec(receipt)?.[1]
  if (!code) throw new Error('no query code on the receipt')

  // 人社 asks for the household register again and a paper it has no catalog entry for, by a date.
  const task = await eventually('the 人社 task', async () =>
    (await api('GET', '/api/v1/tasks', undefined, rs)).items.find((t) => t.number === c.number && t.step === 'contribution_years'))
  await api('POST', `/api/v1/tasks/${task.id}/claim`, {}, rs)
  const due = new Date(Date.now() + 10 * 86400e3).toISOString().slice(0, 10)
  await api('POST', `/api/v1/tasks/${task.id}/decision`, {
    kind: 'request_supplement', materials: ['household_register', '原单位出具的工作年限证明'], reason: '户口簿首页缺失，且1985—1990年工作经历无档案记载', due_date: due,
  }, rs)
  const [y, m, d] = due.split('-').map(Number)
  const dueText = `${y}年${m}月${d}日`

  // 1. The clerk sees the request in the case drawer.
  const clerk = await newPage(browser)
  await login(clerk, users.clerk)
  await clerk.click('#tab-today')
  await clerk.locator('#pane-today tr', { hasText: c.number }).first().click()
  const request = clerk.locator('.dept-supplement')
  await request.waitFor({ timeout: 10000 })
  const text = await request.textContent()
  for (const want of ['西湖区人力资源和社会保障局要求补正', '基本养老保险缴费年限确认', '居民户口簿', '原单位出具的工作年限证明',
    '户口簿首页缺失', dueText, '暂停计时'])
    if (!text.includes(want)) throw new Error(`the clerk's view of the request lacks ${want}: ${text}`)
  await clerk.waitForSelector('.el-drawer :text("西湖区政务服务中心 1号窗口（综合受理）")')
  await shot(clerk, 'console-clerk-department-supplement')
  if ((await clerk.locator('.el-drawer').first().textContent()).includes('暂停 · 暂停')) throw new Error('a paused clock says 暂停 twice')
  await noHorizontalScroll(clerk, 'department supplement')

  // 2. Its notice, in the dialog and on A4 paper.
  await request.locator('button:has-text("打印补正告知书")').click()
  const frame = clerk.frameLocator('iframe.document')
  await frame.locator('text=补正材料告知书').first().waitFor({ timeout: 10000 })
  await frame.locator('text=户口簿首页缺失').first().waitFor()
  await shot(clerk, 'console-clerk-department-supplement-notice')
  await clerk.keyboard.press('Escape')
  const notice = await (await fetch(new URL(`/api/v1/cases/${c.number}/documents/department_supplement_notice`, process.argv[2]), { headers: clerkAuth })).text()
  for (const want of ['西湖区政务服务中心', '受理人：', '咨询电话：', '《中华人民共和国社会保险法》', `请于 ${dueText} 前补正`, c.number])
    if (!notice.includes(want)) throw new Error(`the notice lacks ${want}`)
  for (const kind of ['receipt', 'department_supplement_notice']) {
    const pages = await printToPdf(browser, `/api/v1/cases/${c.number}/documents/${kind}`, clerkAuth, `document-${kind}`)
    if (pages !== 1) throw new Error(`${kind} prints on ${pages} A4 pages, not one`)
  }

  // 3. The applicant's page on a phone says what to bring, why, by when and where.
  const phone = await newPage(browser, { width: 390, height: 844 })
  await phone.goto(new URL(`progress?number=${c.number}&code=${code}`, process.argv[2]).href)
  const need = phone.locator('.need')
  await need.waitFor({ timeout: 10000 })
  const needText = await need.textContent()
  for (const want of ['西湖区人力资源和社会保障局请您补正材料', '居民户口簿', '原单位出具的工作年限证明', '户口簿首页缺失', dueText, '西湖区政务服务中心', '0571-12345'])
    if (!needText.includes(want)) throw new Error(`the applicant's page lacks ${want}: ${needText}`)
  await need.scrollIntoViewIfNeeded()
  await shot(phone, 'public-progress-department-supplement-phone')
  await noHorizontalScroll(phone, 'applicant page with a supplement request')

  // 4. The applicant brings them: the clerk records it for 人社; the request closes and the clock runs again.
  const before = await api('GET', `/api/v1/cases/${c.number}`, undefined, clerkAuth)
  await clerk.locator('button[name="supplement-contribution_years"]').click()
  await clerk.waitForSelector('.el-message-box:has-text("确认申请人已补齐西湖区人力资源和社会保障局要求的材料")', { timeout: 10000 })
  await clerk.click('.el-message-box button:has-text("确认")')
  await clerk.waitForSelector('.el-message:has-text("已记录补正材料")', { timeout: 10000 })
  await request.waitFor({ state: 'detached', timeout: 10000 })
  const after = await api('GET', `/api/v1/cases/${c.number}`, undefined, clerkAuth)
  const t = after.tasks.find((x) => x.step === 'contribution_years')
  if (t.state !== 'Received' || t.supplement) throw new Error(`人社's task after the supplement: ${JSON.stringify(t)}`)
  if (!t.due_at) throw new Error("人社's clock did not run again (no due instant)")
  if (after.state !== 'InProgress') throw new Error(`the case is ${after.state} after the supplement`)
  if (after.visits !== before.visits + 1) throw new Error(`visits ${before.visits} → ${after.visits}, not one more`)
  await clerk.waitForSelector('.el-drawer :text("到窗口次数")')
  await shot(clerk, 'console-clerk-department-supplement-recorded')
  await phone.click('button[name=lookup]')
  await phone.waitForSelector('.result')
  if (await phone.locator('.need').count()) throw new Error('the applicant page still asks for materials')

  // 5. The other notices on paper: 补正 at intake (with its legal basis), 容缺受理 and 不予受理.
  const qykb = (decision, drop = []) => ({
    bundle: 'QYKB', applicant: { kind: 'enterprise', name: '杭州一窗科技有限公司', credit_code: '91110000802100433B' },
    contact_phone: '13812345678', attributes: { needs_invoice: true, needs_bank_account: false },
    materials: ['id_card', 'company_application', 'articles', 'premises_proof', 'representative_doc', 'seal_application']
      .filter((m) => !drop.includes(m)).map((id) => ({ id, form: 'original' })),
    decision,
  })
  const create = async (body, key) => (await api('POST', '/api/v1/cases', body, { ...clerkAuth, 'Idempotency-Key': `browser-docs-${key}-${Date.now()}` })).number
  const probe = await api('POST', '/api/v1/cases', qykb({ kind: 'accept' }), { ...clerkAuth, 'Idempotency-Key': `browser-docs-probe-${Date.now()}` })
  const papers = [
    [await create(qykb({ kind: 'supplement', missing: ['articles'] }, ['articles']), 'supplement'), 'supplement_notice', '第三十二条'],
    [await create(qykb({ kind: 'accept_with_deferral', deferrals: [{ material: 'premises_proof', due_date: probe.due.committed.slice(0, 10) }] }, ['premises_proof']), 'deferral'),
      'deferral_notice', '容缺受理通知书'],
    [await create(qykb({ kind: 'refuse', reason: '不属于本机关职权范围', legal_basis: '《中华人民共和国行政许可法》第三十二条' }), 'refusal'), 'refusal_notice', '行政复议'],
  ]
  for (const [number, kind, want] of papers) {
    const html = await (await fetch(new URL(`/api/v1/cases/${number}/documents/${kind}`, process.argv[2]), { headers: clerkAuth })).text()
    for (const text of [want, '西湖区政务服务中心', '咨询电话：', number])
      if (!html.includes(text)) throw new Error(`${kind} lacks ${text}`)
    if (/XH01|W01|QYKB/.test(html)) throw new Error(`${kind} prints a code instead of a name`)
    const pages = await printToPdf(browser, `/api/v1/cases/${number}/documents/${kind}`, clerkAuth, `document-${kind}`)
    if (pages !== 1) throw new Error(`${kind} prints on ${pages} A4 pages, not one`)
  }
})
