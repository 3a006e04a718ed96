// Browser test: a clerk logs in from the keyboard (an empty form says what is missing; a wrong password first
// shows the Chinese error next to the form) and reaches the intake workbench; the page fits 1366×768 without horizontal scrolling; when the
// session ends elsewhere the console returns to the login page.
//   node login_smoke.mjs BASE_URL SCREENSHOT_DIR   (users in OW_USERS; see run_browser_test)
import { base, login, newPage, noHorizontalScroll, run, shot, users } from './browser.mjs'

await run(async (browser) => {
  const page = await newPage(browser)
  // An empty form says what is missing, field by field.
  await page.goto(base)
  await page.waitForSelector('input[name=login]')
  await page.press('input[name=login]', 'Enter')
  await page.waitForSelector('.el-alert--error:has-text("请输入账号")', { timeout: 10000 })
  await page.fill('input[name=login]', users.clerk.login)
  await page.press('input[name=login]', 'Enter')
  await page.waitForSelector('.el-alert--error:has-text("请输入密码")', { timeout: 10000 })
  await login(page, users.clerk, 'not-the-password')
  await page.waitForSelector('.el-alert--error', { timeout: 10000 })
  if (!(await page.isVisible('text=账号或密码'))) {
    const text = await page.textContent('.el-alert--error')
    if (!/[\u4e00-\u9fff]/.test(text ?? '')) throw new Error(`the login error is not in Chinese: ${text}`)
  }
  await shot(page, 'console-login-refused')

  await page.fill('input[name=password]', users.clerk.password)
  await page.press('input[name=password]', 'Enter')
  await page.waitForSelector('input[name=bundle-search]', { timeout: 10000 })
  if (!(await page.isVisible('text=窗口受理'))) throw new Error('the clerk role is not shown in the header')
  await shot(page, 'console-clerk-home')
  await noHorizontalScroll(page, 'clerk workbench')

  // The session ends elsewhere (expiry, sign-out in another tab): the next call brings the login page back.
  await page.evaluate(async () => {
    await fetch('/api/v1/sessions/current', { method: 'DELETE', headers: { Authorization: `Bearer ${sessionStorage.getItem('ow-token')}` } })
  })
  await page.click('#tab-today')
  await page.waitForSelector('input[name=login]', { timeout: 10000 })
  if (!page.url().includes('/login?next=')) throw new Error(`after the session ended the page is ${page.url()}`)
})
