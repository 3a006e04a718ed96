// Browser test of the clerk's everyday loops at the counter (issue 17, the window clerk's asks):
//  - 企业开办 started before the company exists (设立登记): the proposed name and the agent's ID, checked like a
//    person's; the receipt names the proposed company; the agent's ID is masked for a supervisor;
//  - 出生一件事 with the newborn's name, sex, birth date and 出生医学证明编号; a birth date in the future is
//    flagged at the field and refused by the API with a Chinese title naming it;
//  - the 容缺 dialog opens with its first date focused, defaulted to the bundle's committed limit in working
//    days by the calendar (not calendar days), and Enter confirms;
//  - the 不予受理 dialog opens with the reason focused; Enter does nothing until both fields are filled, then
//    confirms;
//  - 一次性告知补正 asks for a confirmation first and a toast follows;
//  - 出件: the ready case found by the last digits of its number (Enter), delivered, with a toast.
import { api, login, newPage, noHorizontalScroll, openBundle, fillPerson, eventually, run, shot, users } from './browser.mjs'

// The case number in a document dialog's title, once it is not the previous document's.
const numberIn = (page, selector, previous = '') => eventually(`a new case number in ${selector}`, async () => {
  const n = (await page.locator(selector).first().textContent()).match(/\d{20}[\dX]/)?.[0]
  return n && n !== previous && await page.locator(selector).first().isVisible() ? n : null
}, 15000)
const isoDate = (d) => d.toISOString().slice(0, 10)
const todayCst = () => isoDate(new Date(Date.now() + 8 * 3600 * 1000))
const daysFrom = (date, n) => { const d = new Date(`${date}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return isoDate(d) }
const closeDocument = async (page) => {
  await page.frameLocator('iframe.document').locator('text=办件编号').first().waitFor({ timeout: 10000 })  // opened
  await page.keyboard.press('Escape')
  await page.waitForSelector('input[name=bundle-search]:focus', { timeout: 10000 })
    .catch(async (e) => { await shot(page, 'console-clerk-desk-failed'); throw e })
}

await run(async (browser) => {
  const session = async (who) => ({ Authorization: `Bearer ${(await api('POST', '/api/v1/sessions', { login: who.login, password: who.password })).token}` })
  const asClerk = await session(users.clerk)
  const clerk = await newPage(browser)
  await login(clerk, users.clerk)

  // ——— 企业开办 as 设立登记: no credit code yet ———
  await openBundle(clerk, 'QYKB')
  await clerk.click('.el-radio:has-text("设立登记（尚无统一社会信用代码）")')
  await clerk.waitForSelector('label:has-text("拟设立企业名称")')
  await clerk.focus('input[name=applicant-name]')
  await clerk.keyboard.type('杭州云栖示例科技有限公司')
  await clerk.keyboard.press('Enter')                      // on to the agent's name
  await clerk.waitForSelector('input[name=agent-name]:focus')
  await clerk.keyboard.type('李四')
  await clerk.keyboard.press('Enter')                      // on to the agent's ID number
  await clerk.keyboard.type('110105194912310021')           // wrong check digit: the person rule applies
  await clerk.waitForSelector('.el-form-item__error:has-text("身份证号码校验位不正确")')
  await clerk.fill('input[name=agent-id-number]', '11010519491231002X')
  await clerk.fill('input[name=contact-phone]', '13812345678')
  await clerk.click('.attributes .el-checkbox:has-text("招用职工")')  // the 人社 step the 出件 below waits for
  await clerk.keyboard.press('F7')
  await clerk.waitForSelector('button[name=accept]:not([disabled])')
  await shot(clerk, 'console-clerk-establishment')
  await noHorizontalScroll(clerk, 'establishment intake')
  await clerk.keyboard.press('F8')
  await clerk.waitForSelector('.el-message:has-text("已受理")', { timeout: 15000 })  // the toast
  const established = await numberIn(clerk, '.el-dialog__title:has-text("受理回执")')
  await clerk.frameLocator('iframe.document').locator('text=杭州云栖示例科技有限公司').first().waitFor({ timeout: 10000 })
  await clerk.frameLocator('iframe.document').locator('text=设立登记，经办人').first().waitFor({ timeout: 10000 })
  await shot(clerk, 'console-clerk-establishment-receipt')
  await closeDocument(clerk)
  const seen = await api('GET', `/api/v1/cases/${established}`, undefined, asClerk)
  if (seen.applicant.agent?.id_number !== '11010519491231002X' || !seen.applicant.establishment || seen.applicant.credit_code)
    throw new Error(`the establishment's applicant as stored: ${JSON.stringify(seen.applicant)}`)
  const masked = await api('GET', `/api/v1/cases/${established}`, undefined, await session(users.supervisor))
  if (masked.applicant.agent?.id_number !== '110***********002X' || masked.applicant.agent?.name !== '李*')
    throw new Error(`a supervisor sees the agent as ${JSON.stringify(masked.applicant.agent)}`)

  // ——— 出生一件事 with the newborn ———
  await openBundle(clerk, 'CSYJS')
  await fillPerson(clerk, '张三', '11010519491231002X', '13900001111')
  await clerk.fill('input[name=newborn-name]', '张小宝')
  await clerk.click('.el-radio:has-text("女")')
  const tomorrow = daysFrom(todayCst(), 1)
  await clerk.fill('input[name=newborn-birth-date]', tomorrow)
  await clerk.fill('input[name=newborn-certificate]', 'Q330012345')
  await clerk.waitForSelector('.el-form-item__error:has-text("新生儿出生日期不能晚于今天")')
  await clerk.waitForSelector('.materials .el-tag:has-text("免提交（电子证照核验）")', { timeout: 10000 })
  await clerk.keyboard.press('F7')
  if (!(await clerk.isDisabled('button[name=accept]'))) throw new Error('受理 is enabled with a birth date in the future')
  await shot(clerk, 'console-clerk-newborn-future')
  // The API refuses it too, naming the field in Chinese.
  const birth = (born) => ({
    bundle: 'CSYJS', applicant: { kind: 'person', name: '张三', id_number: '11010519491231002X',
      newborn: { name: '张小宝', sex: '女', birth_date: born, certificate_number: 'Q330012345' } },
    contact_phone: '13900001111',
    materials: [{ id: 'parents_id_cards', form: 'original' }, { id: 'marriage_certificate', form: 'original' }, { id: 'household_register', form: 'original' }],
    decision: { kind: 'accept' } })
  const refused = await fetch(new URL('/api/v1/cases', clerk.url()), { method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `newborn-future-${Date.now()}`, ...asClerk }, body: JSON.stringify(birth(tomorrow)) })
  const problem = await refused.json()
  if (refused.status !== 422 || problem.field !== 'applicant.newborn.birth_date' || !problem.title.includes('新生儿出生日期'))
    throw new Error(`a future birth date answered ${refused.status} ${JSON.stringify(problem)}`)
  const born = daysFrom(todayCst(), -10)
  await clerk.fill('input[name=newborn-birth-date]', born)
  await clerk.waitForSelector('button[name=accept]:not([disabled])')
  await shot(clerk, 'console-clerk-newborn')
  await noHorizontalScroll(clerk, 'newborn intake')
  await clerk.keyboard.press('F8')
  const birthCase = await numberIn(clerk, '.el-dialog__title:has-text("受理回执")', established)
  const receiptHtml = await (await fetch(new URL(`/api/v1/cases/${birthCase}/documents/receipt`, clerk.url()), { headers: asClerk })).text()
  const newbornRow = /<th>新生儿<\/th><td>([^<]*)<\/td>/.exec(receiptHtml)?.[1] ?? ''
  if (!newbornRow.includes('张小宝') || !newbornRow.includes('女') || newbornRow.includes('Q330012345'))
    throw new Error(`the receipt's newborn row: "${newbornRow}" in ${receiptHtml.slice(0, 1500)}`)
  await closeDocument(clerk)
  const birthView = await api('GET', `/api/v1/cases/${birthCase}`, undefined, asClerk)
  const newborn = birthView.applicant.newborn
  if (newborn?.name !== '张小宝' || newborn.sex !== '女' || newborn.birth_date !== born || newborn.certificate_number !== 'Q330012345')
    throw new Error(`the newborn as stored: ${JSON.stringify(birthView.applicant)} (${birthView.state})`)

  // ——— 容缺: the first date focused, defaulted by the working-day calendar, Enter confirms ———
  await openBundle(clerk, 'TXYJS')
  await fillPerson(clerk, '孙七', '110101199003074477', '13900004444')
  await clerk.waitForSelector('.materials .el-tag:has-text("免提交（电子证照核验）")', { timeout: 10000 })
  await clerk.keyboard.press('F7')
  await clerk.focus('input[name=material-household_register]')  // the deferrable 居民户口簿 is missing
  await clerk.keyboard.press('Space')
  await clerk.waitForSelector('button[name=accept][disabled]')
  await clerk.keyboard.press('F9')
  await clerk.waitForSelector('input[name=defer-household_register]:focus', { timeout: 10000 })
  const expected = await api('GET', '/api/v1/calendar/working-days?bundle=TXYJS', undefined, asClerk)
  const proposed = await clerk.inputValue('input[name=defer-household_register]')
  if (proposed !== expected.deferral_date) throw new Error(`the promised date defaults to ${proposed}, the calendar says ${expected.deferral_date}`)
  if (expected.working_days !== 15) throw new Error(`退休一件事 promises 15 working days, the default counts ${expected.working_days}`)
  if (proposed === daysFrom(expected.from, 15)) throw new Error(`the default ${proposed} counts calendar days`)
  if (proposed > expected.committed_due_date) throw new Error(`the default ${proposed} is after the committed due date`)
  await clerk.waitForSelector(`.el-dialog:has-text("默认为15个工作日后")`)
  await shot(clerk, 'console-clerk-deferral-dialog')
  await clerk.keyboard.press('Enter')
  await clerk.waitForSelector('.el-dialog__title:has-text("容缺受理告知书")', { timeout: 15000 })
  await clerk.waitForSelector('.el-message:has-text("已容缺受理")')
  await closeDocument(clerk)

  // ——— 不予受理: the reason focused; Enter confirms only when the form is complete ———
  await openBundle(clerk, 'TXYJS')
  await fillPerson(clerk, '王五', '110101199003074477', '13900002222')
  await clerk.keyboard.press('F7')
  await clerk.click('button[name=refuse]')
  await clerk.waitForSelector('textarea[name=refuse-reason]:focus', { timeout: 10000 })
  await clerk.keyboard.type('申请人未达到法定退休年龄')
  await clerk.keyboard.press('Enter')                       // no legal basis yet: nothing happens
  await clerk.waitForTimeout(300)
  if (await clerk.locator('.el-dialog__title:has-text("不予受理告知书")').count()) throw new Error('refused without a legal basis')
  await clerk.keyboard.press('Tab')
  await clerk.keyboard.type('《国务院关于工人退休、退职的暂行办法》第一条')
  await shot(clerk, 'console-clerk-refusal-dialog')
  await clerk.keyboard.press('Enter')
  await clerk.waitForSelector('.el-dialog__title:has-text("不予受理告知书")', { timeout: 15000 })
  await closeDocument(clerk)

  // ——— 一次性告知补正: confirmed first, a toast after ———
  await openBundle(clerk, 'TXYJS')
  await fillPerson(clerk, '赵六', '110101199003074477', '13900003333')
  await clerk.waitForSelector('button[name=supplement]:not([disabled])')
  await clerk.keyboard.press('F10')
  await clerk.waitForSelector('.el-message-box:has-text("出具补正告知书")')
  await shot(clerk, 'console-clerk-supplement-confirm')
  await clerk.click('.el-message-box button:has-text("取消")')   // cancelled: nothing issued
  await clerk.waitForSelector('.el-message-box', { state: 'hidden' })
  if (await clerk.locator('.el-dialog__title:has-text("补正告知书")').count()) throw new Error('a cancelled 补正 issued a notice')
  await clerk.keyboard.press('F10')
  await clerk.waitForSelector('.el-message-box:has-text("出具补正告知书")')
  await clerk.keyboard.press('Enter')
  await clerk.waitForSelector('.el-message:has-text("已出具补正告知书")', { timeout: 15000 })
  await clerk.waitForSelector('.el-dialog__title:has-text("补正告知书")')
  await closeDocument(clerk)

  // ——— 出件: the establishment, once 人社 approves (the simulator approves the rest), found by its last digits ———
  const asApprover = await session(users.approver)
  const task = await eventually('the 人社 task of the establishment', async () =>
    (await api('GET', '/api/v1/tasks', undefined, asApprover)).items.find((t) => t.number === established))
  await api('POST', `/api/v1/tasks/${task.id}/claim`, {}, asApprover)
  await api('POST', `/api/v1/tasks/${task.id}/decision`, { kind: 'approve', opinion: '同意' }, asApprover)
  await eventually('the establishment ready', async () =>
    (await api('GET', `/api/v1/cases/${established}`, undefined, asClerk)).state === 'ResultReady', 60000)
  await clerk.click('#tab-delivery')
  await clerk.waitForSelector('input[name=delivery-lookup]:focus', { timeout: 10000 })
  await clerk.keyboard.type(established.slice(-6).toLowerCase())
  await clerk.keyboard.press('Enter')
  await clerk.waitForSelector(`.el-dialog__title:has-text("出件 · ${established}")`, { timeout: 10000 })
  await shot(clerk, 'console-clerk-delivery-search')
  await clerk.click('button[name=confirm-delivery]')
  await clerk.waitForSelector('.el-message:has-text("已出件")', { timeout: 10000 })
  await clerk.waitForSelector('text=已出件，办件办结')
  await noHorizontalScroll(clerk, 'delivery search')
  await clerk.keyboard.press('Escape')
  await clerk.fill('input[name=delivery-lookup]', '99999999')
  await clerk.keyboard.press('Enter')
  await clerk.waitForSelector('.field-error:has-text("待出件办件中没有")')
  console.log(`establishment ${established}, birth ${birthCase}: intake, 容缺, 不予受理, 补正 and 出件 at the clerk's desk`)
})
