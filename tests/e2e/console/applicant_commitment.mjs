// Browser test of 告知承诺制 on the applicant's phone (issues 19 and 20), 390×844: an enterprise agent signs in at
// the identity provider, chooses 企业开办, and the page offers 企业设立登记's commitment instead of the address
// proof with its 核查 period and what she promises; chosen, the proof is no longer asked for, the case is
// submitted without it and reaches the clerk's pre-review with the commitment in its place; the page never scrolls sideways.
//   node applicant_commitment.mjs BASE_URL SCREENSHOT_DIR   (users in OW_USERS; see run_browser_test)
import { api, base, newPage, noHorizontalScroll, run, shot, users } from './browser.mjs'

await run(async (browser) => {
  const page = await newPage(browser, { width: 390, height: 844 })
  await page.goto(new URL('applicant', base).href)
  await page.click('text=统一身份认证登录')
  await page.click('[data-person=agent-zhangwei]', { timeout: 10000 })
  await page.waitForSelector('text=张伟', { timeout: 10000 })
  await page.click('button:has-text("我要申请")')
  await page.click('button.case:has-text("企业开办")')
  const offer = '[data-test=commitment]:has-text("以告知承诺书代替「住所（经营场所）使用证明」")'
  await page.waitForSelector(offer, { timeout: 10000 })
  await page.waitForSelector('[data-test=commitment]:has-text("审批后20个工作日内核查")')
  const proof = '.material-row:has-text("住所（经营场所）使用证明")'
  if (!(await page.isVisible(proof))) throw new Error('the address proof is not asked before the commitment')
  await page.click(`${offer} .el-checkbox`)
  await page.waitForSelector(proof, { state: 'hidden' })
  await page.locator(offer).scrollIntoViewIfNeeded()
  await shot(page, 'applicant-phone-commitment')
  await noHorizontalScroll(page, 'applicant commitment')

  // She has none of the proofs at hand yet (the demo e-licence library holds none of this company's): the
  // clerk's pre-review will ask for them; the commitment goes with the application.
  const ticked = page.locator('.material-row:visible .el-checkbox.is-checked')
  while (await ticked.count()) await ticked.first().click()
  await page.click('button:has-text("提交申请")')
  await page.waitForSelector('.el-alert--error, :text("窗口预审中")', { timeout: 10000 })
  if (await page.locator('.el-alert--error').count())
    throw new Error(`not submitted: ${await page.locator('.el-alert--error').first().textContent()}`)
  const number = (await page.textContent('.detail p small')).trim()
  const { token } = await api('POST', '/api/v1/sessions', { login: users.clerk.login, password: users.clerk.password })
  const seen = await api('GET', `/api/v1/cases/${number}`, undefined, { Authorization: `Bearer ${token}` })
  // The pre-review sees the proof stood in for by the commitment, and the signed 告知承诺书 among the materials.
  const form = Object.fromEntries((seen.materials ?? []).map((m) => [m.id, m.form]))
  if (form.premises_proof !== 'commitment' || !('commitment_letter' in form))
    throw new Error(`the clerk does not see the commitment: ${JSON.stringify(seen.materials)}`)
  console.log(`case ${number}: submitted with the commitment for 住所（经营场所）使用证明`)
})
