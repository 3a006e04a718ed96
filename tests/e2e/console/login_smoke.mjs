// Browser test of the console with Debian's chromium (playwright-core, no browser download): a clerk logs in
// from the keyboard and sees the window's cases; a wrong password shows the Chinese error next to the form;
// the page fits 1366×768 without horizontal scrolling. Saves screenshots.
//   node login_smoke.mjs BASE_URL LOGIN PASSWORD SCREENSHOT_DIR
// playwright-core is installed in services/console (the runner's working directory).
import { createRequire } from 'node:module'
const { chromium } = createRequire(`${process.cwd()}/package.json`)('playwright-core')

const [base, login, password, shots] = process.argv.slice(2)
const fail = (message) => { console.error(message); process.exitCode = 1 }

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] })
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
  await page.goto(base)
  await page.waitForSelector('input[name=login]')

  // A wrong password: the problem's Chinese title is shown, nothing else happens.
  await page.keyboard.type(login)
  await page.keyboard.press('Tab')
  await page.keyboard.type('not-the-password')
  await page.keyboard.press('Enter')
  await page.waitForSelector('.el-alert--error', { timeout: 10000 })
  await page.screenshot({ path: `${shots}/console-login-refused.png` })

  await page.fill('input[name=password]', password)
  await page.press('input[name=password]', 'Enter')
  await page.waitForSelector('text=近期办件', { timeout: 10000 })
  await page.screenshot({ path: `${shots}/console-clerk-home.png` })
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  if (width > 1366) fail(`horizontal scrolling at 1366×768: scrollWidth ${width}`)
  if (!(await page.isVisible('text=窗口受理'))) fail('the clerk role is not shown in the header')
} catch (e) {
  fail(String(e))
} finally {
  await browser.close()
}
