// Browser test (issue 20): an applicant on a 390×844 phone signs in through the identity provider (the
// simulator's login page), applies for 退休一件事 from the public guide with the counter's form, sees the case
// waiting for pre-review, gets the clerk's one-time supplement list, answers it online (back to pre-review) —
// no trip; the page never scrolls sideways.
//   node applicant_phone.mjs BASE_URL SCREENSHOT_DIR   (users in OW_USERS; see run_browser_test)
import { api, base, newPage, noHorizontalScroll, run, shot, users } from './browser.mjs'

await run(async (browser) => {
  const page = await newPage(browser, { width: 390, height: 844 })
  await page.goto(new URL('applicant', base).href)
  await page.click('text=统一身份认证登录')
  await page.waitForSelector('[data-person=resident-lixiuying]', { timeout: 10000 })
  await shot(page, 'applicant-phone-provider-login')
  await page.click('[data-person=resident-lixiuying]')
  await page.waitForSelector('text=李秀英', { timeout: 10000 })
  await page.waitForSelector('text=还没有办件')
  await shot(page, 'applicant-phone-signed-in')
  await noHorizontalScroll(page, 'applicant home')

  await page.click('button:has-text("我要申请")')
  await page.click('button.case:has-text("退休")')
  await page.waitForSelector('text=申请材料', { timeout: 10000 })
  await shot(page, 'applicant-phone-form')
  await noHorizontalScroll(page, 'applicant form')
  await page.click('button:has-text("提交申请")')
  await page.waitForSelector('text=窗口预审中', { timeout: 10000 })
  const number = (await page.textContent('.detail p small')).trim()
  await shot(page, 'applicant-phone-submitted')

  // The clerk's pre-review asks once for the household register.
  const { token } = await api('POST', '/api/v1/sessions', { login: users.clerk.login, password: users.clerk.password })
  await api('POST', `/api/v1/cases/${number}/decision`, {
    materials: [{ id: 'id_card', form: 'elicense' }, { id: 'retirement_application', form: 'electronic' }],
    decision: { kind: 'supplement', missing: ['household_register'] },
  }, { Authorization: `Bearer ${token}` })
  await page.click('button:has-text("返回")')
  await page.click(`button.case:has-text("${number}")`)
  await page.waitForSelector('text=需要您补正的材料', { timeout: 10000 })
  await shot(page, 'applicant-phone-supplement')
  await noHorizontalScroll(page, 'applicant supplement')
  await page.click('button:has-text("提交补正")')
  await page.waitForSelector('text=窗口预审中', { timeout: 10000 })
})
