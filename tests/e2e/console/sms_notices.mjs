// Browser test of the SMS notices in the clerk's case view (issue 20): a 退休一件事 case accepted at the window and
// one sent back for 补正 — the simulated gateway receives each text in Chinese (case number, the material by
// name, never the ID number); the case drawer's 短信通知 lists them with the masked phone and 已发送.
import { api, eventually, login, newPage, noHorizontalScroll, run, shot, users } from './browser.mjs'

const idNumber = '11010519491231002X'
const application = (key, decision, materials) => ({
  bundle: 'TXYJS', applicant: { kind: 'person', name: '李四', id_number: idNumber }, contact_phone: '13812345678',
  materials: materials.map((id) => ({ id, form: 'original' })), decision, _key: key,
})

await run(async (browser) => {
  const token = (await api('POST', '/api/v1/sessions', { login: users.clerk.login, password: users.clerk.password })).token
  const asClerk = { Authorization: `Bearer ${token}` }
  const intake = async (body) => {
    const { _key, ...rest } = body
    return (await api('POST', '/api/v1/cases', rest, { ...asClerk, 'Idempotency-Key': _key })).number
  }
  const accepted = await intake(application(`sms-${Date.now()}-a`, { kind: 'accept' }, ['id_card', 'household_register', 'retirement_application']))
  const supplement = await intake(application(`sms-${Date.now()}-s`, { kind: 'supplement', missing: ['household_register'] }, ['id_card', 'retirement_application']))
  // The gateway has both texts; the platform has recorded them as sent.
  const texts = await eventually('both texts at the gateway', async () => {
    const got = (await (await fetch(`${process.env.OW_DEPT_SIM_URL}/_sms/messages`)).json()).messages
    const of = (n) => got.find((m) => m.text.includes(n))?.text
    return of(accepted) && of(supplement) ? { accepted: of(accepted), supplement: of(supplement) } : null
  })
  if (!texts.accepted.includes('受理') || !texts.supplement.includes('需补正以下材料：居民户口簿'))
    throw new Error(`texts as received: ${JSON.stringify(texts)}`)
  if (Object.values(texts).some((t) => t.includes(idNumber))) throw new Error('an ID number in a text')
  for (const n of [accepted, supplement])
    await eventually(`${n}'s message recorded as sent`, async () =>
      (await api('GET', `/api/v1/cases/${n}/sms`, undefined, asClerk)).items[0]?.status === 'sent')

  const clerk = await newPage(browser)
  await login(clerk, users.clerk)
  await clerk.click('#tab-today')
  for (const [n, label] of [[supplement, '补正通知'], [accepted, '受理通知']]) {
    await clerk.locator('#pane-today tr', { hasText: n }).click()
    const row = clerk.locator('.el-drawer .sms tr', { hasText: label })
    await row.waitFor({ timeout: 10000 })
    for (const text of ['138****5678', '已发送', n]) await row.locator(`text=${text}`).first().waitFor({ timeout: 5000 })
    await clerk.locator('.el-drawer .sms').scrollIntoViewIfNeeded()
    await shot(clerk, `console-case-sms-${label === '受理通知' ? 'accepted' : 'supplement'}`)
    await noHorizontalScroll(clerk, 'the case drawer with its SMS notices')
    await clerk.keyboard.press('Escape')
    await clerk.locator('.el-drawer .sms').waitFor({ state: 'hidden', timeout: 5000 })
  }
})
