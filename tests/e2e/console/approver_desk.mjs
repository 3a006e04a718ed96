// Browser test: the approver's desk (issue 17). A push department's approver (公安) finds an empty inbox that
// says, naming the department, that its tasks are worked in its own system. 人社's inbox with more tasks than a
// page: the total shown and a second page; a task of 引进人才居住证 (every step parallel) shows its route with a
// legend, no two labels overlapping and none cut with an ellipsis, as does 退休一件事 (a chain with a parallel
// middle); 签收, 通过 and 要求补正 (补正原因 required, sent as `reason` beside `materials`) each end with a toast and
// the list refreshed; 已办 lists the decisions, mine and the department's, newest first. Screenshots at 1366×768.
import { api, eventually, login, logins, newPage, noHorizontalScroll, run, shot, users } from './browser.mjs'

const pageSize = 20

await run(async (browser) => {
  const as = async (who) => ({ Authorization: `Bearer ${(await api('POST', '/api/v1/sessions', { login: who.login, password: who.password })).token}` })
  const clerk = await as(users.clerk)
  const rs = await as(users.approver)

  // 1. 公安 is a push department: its approver's inbox is empty, and says why.
  const ga = await newPage(browser)
  await login(ga, logins.ga1)
  const why = ga.locator('.push-department')
  await why.waitFor({ timeout: 10000 })
  const whyText = await why.textContent()
  for (const words of ['杭州市公安局西湖区分局', '业务系统', '推送'])
    if (!whyText.includes(words)) throw new Error(`the push department's explanation lacks 「${words}」: ${whyText}`)
  if (/\b(GA|push)\b/.test(whyText)) throw new Error(`the explanation shows a code: ${whyText}`)
  await shot(ga, 'console-approver-push-department')
  await noHorizontalScroll(ga, 'push department inbox')

  // 2. More 人社 tasks than one page: 引进人才居住证 cases (人才认定 at 人社 and 居住证 at 公安, both at once).
  const guide = await api('GET', '/api/v1/bundles/RCJZZ', undefined, clerk)
  const materials = guide.materials.filter((m) => m.required).map((m) => ({ id: m.id, form: m.forms[0] }))
  const numbers = []
  for (let i = 0; i < pageSize + 3; i++) {
    const c = await api('POST', '/api/v1/cases', {
      bundle: 'RCJZZ', applicant: { kind: 'person', name: `人才${i}`, id_number: '11010519491231002X' }, contact_phone: '13812345678',
      materials, decision: { kind: 'accept' },
    }, { ...clerk, 'Idempotency-Key': `approver-desk-${Date.now()}-${i}` })
    numbers.push(c.number)
  }
  const retire = await api('POST', '/api/v1/cases', {
    bundle: 'TXYJS', applicant: { kind: 'person', name: '李四', id_number: '11010519491231002X' }, contact_phone: '13812345678',
    materials: ['id_card', 'household_register', 'retirement_application'].map((id) => ({ id, form: 'original' })), decision: { kind: 'accept' },
  }, { ...clerk, 'Idempotency-Key': `approver-desk-retire-${Date.now()}` })
  const first = await api('GET', `/api/v1/tasks?page=1&size=${pageSize}`, undefined, rs)
  const expected = numbers.length + 1
  if (first.total !== expected || first.items.length !== pageSize) throw new Error(`page 1: total ${first.total}, ${first.items.length} items (expected ${expected}, ${pageSize})`)
  const second = await api('GET', `/api/v1/tasks?page=2&size=${pageSize}`, undefined, rs)
  if (second.items.length !== expected - pageSize) throw new Error(`page 2 has ${second.items.length} items`)
  if (second.items.some((t) => first.items.some((f) => f.id === t.id))) throw new Error('page 2 repeats a task of page 1')
  const names = first.items[0]
  if (!names.bundle_name || !names.step_name || names.bundle_name === names.bundle) throw new Error(`an inbox row without names: ${JSON.stringify(names)}`)

  // 3. The inbox in the browser: the total, a pager, the second page.
  const approver = await newPage(browser)
  await login(approver, users.approver)
  await approver.waitForSelector('.inbox')
  await eventually('the total in the inbox', async () => {
    await approver.click('button:has-text("刷新")')
    return (await approver.textContent('.approver-tabs')).includes(`共 ${expected} 件`)
  })
  const rows = approver.locator('.inbox tr.el-table__row')
  if ((await rows.count()) !== pageSize) throw new Error(`the first page shows ${await rows.count()} rows`)
  const firstRowPage1 = await rows.first().textContent()
  if (!firstRowPage1.includes('引进人才') && !firstRowPage1.includes('退休')) throw new Error(`an inbox row without the bundle's name: ${firstRowPage1}`)
  await shot(approver, 'console-approver-inbox-page1')
  await approver.click('.inbox-pager .btn-next')
  await eventually('the second page', async () => (await rows.count()) === expected - pageSize)
  if ((await rows.first().textContent()) === firstRowPage1) throw new Error('the second page shows the first page')
  await shot(approver, 'console-approver-inbox-page2')
  await noHorizontalScroll(approver, 'approver inbox page 2')
  await approver.click('.inbox-pager .btn-prev')
  await eventually('back on the first page', async () => (await rows.count()) === pageSize)

  // 4. A task whose every step is parallel: the route graph, its legend, labels whole and apart.
  const toasts = async (text) => approver.locator('.el-message', { hasText: text }).first().waitFor({ timeout: 10000 })
  const openTask = async (number) => {
    if (await approver.locator('.el-drawer').isVisible()) {
      await approver.click('.el-drawer .el-drawer__close-btn')
      await approver.locator('.el-drawer').waitFor({ state: 'hidden' })
    }
    const row = await eventually(`${number} in the inbox`, async () => {
      await approver.click('button:has-text("刷新")')
      for (;;) {
        const r = approver.locator('.inbox tr.el-table__row', { hasText: number })
        if (await r.count()) return r
        const next = approver.locator('.inbox-pager .btn-next:not([disabled])')
        if (!(await next.count())) return null
        await next.click()
        await approver.waitForTimeout(300)
      }
    })
    await row.click()
    await approver.waitForSelector(`.el-drawer .el-drawer__header:has-text("${number}")`)
    await approver.waitForSelector('.el-drawer .route-node')
  }
  const checkGraph = async (where, steps) => {
    const found = await approver.evaluate(() => {
      const boxes = [...document.querySelectorAll('.el-drawer .route-node')].map((n) => {
        const r = n.getBoundingClientRect()
        return { step: n.dataset.step, box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom } }
      })
      const labels = [...document.querySelectorAll('.el-drawer .route-node .name, .el-drawer .route-node .department, .el-drawer .route-node .state')].map((e) => {
        const r = e.getBoundingClientRect(), style = getComputedStyle(e)
        return { text: e.textContent, box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
                 cut: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1 || style.textOverflow === 'ellipsis' || /…$/.test(e.textContent) }
      })
      const legend = [...document.querySelectorAll('.el-drawer .route-legend li')].map((l) => l.textContent.trim())
      return { boxes, labels, legend }
    })
    if (found.boxes.length !== steps) throw new Error(`${where}: ${found.boxes.length} steps drawn, expected ${steps}`)
    const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5
    for (const list of [found.boxes, found.labels])
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++)
          if (overlap(list[i].box, list[j].box)) throw new Error(`${where}: 「${list[i].text ?? list[i].step}」 overlaps 「${list[j].text ?? list[j].step}」`)
    const cut = found.labels.filter((l) => l.cut)
    if (cut.length) throw new Error(`${where}: labels cut: ${cut.map((l) => l.text).join(', ')}`)
    if (found.labels.some((l) => /\b[A-Z]{2,5}\b/.test(l.text))) throw new Error(`${where}: a code in the graph: ${found.labels.map((l) => l.text)}`)
    if (!found.legend.length || !found.legend.some((l) => /办理中|已分发待签收|已通过|等待前序/.test(l)))
      throw new Error(`${where}: no legend of the states: ${found.legend}`)
    return found
  }
  const parallel = numbers[0]
  await openTask(parallel)
  const graph = await checkGraph('引进人才居住证', 2)
  const labelText = graph.labels.map((l) => l.text).join(' ')
  for (const name of ['引进人才资格认定', '居住证办理', '西湖区人力资源和社会保障局', '杭州市公安局西湖区分局'])
    if (!labelText.includes(name)) throw new Error(`the graph lacks 「${name}」: ${labelText}`)
  await shot(approver, 'console-approver-route-parallel')
  await noHorizontalScroll(approver, 'all-parallel route')

  // 5. 签收 and 通过, each with a toast; the inbox loses the task, 已办 gains it.
  await approver.click('.el-drawer button[name=claim]')
  await toasts('已签收')
  await approver.click('.el-drawer button[name=approve]')
  await approver.waitForSelector('.el-dialog:has-text("审批通过")')
  await approver.click('button[name=confirm-decision]')
  await toasts('已审批通过')
  await shot(approver, 'console-approver-approved-toast')
  await approver.waitForSelector('.el-drawer .route-node[data-step=talent][data-state=Approved]')
  await eventually('the approved task gone from the inbox', async () => (await approver.textContent('.approver-tabs')).includes(`共 ${expected - 1} 件`), 10000)

  // 6. 要求补正 on another: the reason is required, and sent as `reason` beside `materials`.
  await openTask(numbers[1])
  await approver.click('.el-drawer button[name=claim]')
  await toasts('已签收')
  await approver.click('.el-drawer button:has-text("要求补正")')
  const dialog = approver.locator('.el-dialog:has-text("要求补正")')
  await dialog.waitFor()
  if (!(await dialog.textContent()).includes('补正原因')) throw new Error('the supplement form has no 补正原因 field')
  await dialog.locator('.el-checkbox', { hasText: '劳动合同' }).first().click()
  await approver.click('button[name=confirm-decision]')
  await dialog.locator('.field-error:has-text("请填写补正原因")').waitFor({ timeout: 5000 })
  await approver.fill('.el-dialog textarea[name=reason]', '劳动合同缺少用人单位盖章，请补交盖章原件')
  await shot(approver, 'console-approver-supplement-form')
  const sent = approver.waitForRequest((r) => r.url().endsWith('/decision') && r.method() === 'POST')
  await approver.click('button[name=confirm-decision]')
  const body = JSON.parse((await sent).postData())
  if (body.kind !== 'request_supplement' || !body.materials?.includes('labour_contract') || body.reason !== '劳动合同缺少用人单位盖章，请补交盖章原件')
    throw new Error(`the supplement request sent ${JSON.stringify(body)}`)
  await toasts('已要求补正')

  // 7. A chain with a parallel middle (退休一件事): the graph in columns, labels apart.
  await openTask(retire.number)
  await checkGraph('退休一件事', 4)
  await shot(approver, 'console-approver-route-chain')
  await approver.click('.el-drawer .el-drawer__close-btn')
  await approver.locator('.el-drawer').waitFor({ state: 'hidden' })

  // 8. 已办: mine newest first (补正 then 通过), with names; the department's too.
  await approver.click('.approver-tabs .el-tabs__item:has-text("已办")')
  const done = approver.locator('.decided tr.el-table__row')
  await eventually('two decisions in 已办', async () => (await done.count()) === 2, 10000)
  const [newest, older] = [await done.nth(0).textContent(), await done.nth(1).textContent()]
  if (!newest.includes(numbers[1]) || !newest.includes('要求补正') || !newest.includes('引进人才资格认定') || !newest.includes('引进人才居住证'))
    throw new Error(`the newest decision: ${newest}`)
  if (!older.includes(parallel) || !older.includes('通过')) throw new Error(`the older decision: ${older}`)
  if (!/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/.test(newest)) throw new Error(`no time on the decision: ${newest}`)
  await shot(approver, 'console-approver-decided')
  await approver.click('.approver-tabs .el-radio-button:has-text("本部门")')
  await eventually('the department\'s decisions', async () => (await done.count()) >= 2, 10000)
  const mine = await api('GET', '/api/v1/task-decisions?scope=me', undefined, rs)
  if (mine.total !== 2 || mine.items[0].decision !== 'request_supplement' || mine.items[1].decision !== 'approve')
    throw new Error(`task-decisions: ${JSON.stringify(mine)}`)
  const gaMine = await api('GET', '/api/v1/task-decisions?scope=me', undefined, await as(logins.ga1))
  if (gaMine.total !== 0) throw new Error('公安\'s approver sees 人社\'s decisions as theirs')
  await noHorizontalScroll(approver, 'approver 已办')
})
