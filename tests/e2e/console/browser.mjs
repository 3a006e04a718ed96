// Shared pieces of the console's browser tests: Debian's chromium through playwright-core (no browser
// download), the 1366×768 counter screen (or a phone's), keyboard login, the no-horizontal-scroll check, screenshots.
import fs from 'node:fs'
import { createRequire } from 'node:module'
const { chromium } = createRequire(`${process.cwd()}/package.json`)('playwright-core')

export const [base, shots] = process.argv.slice(2)
// users: the first user of each role (users.approver is 人社's rs1); logins: every user by login.
export const users = {}
export const logins = {}
for (const u of (process.env.OW_USERS ?? '').split(',').filter(Boolean)) {
  const [login, password, role] = u.split(':')
  logins[login] = { login, password }
  users[role] ??= { login, password }
}

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] })
}

// A page on the counter's 1366×768 screen, or on another viewport (e.g. a phone's 390×844); `extra` context
// options (the accessibility test injects axe-core past the console's CSP with bypassCSP).
export async function newPage(browser, viewport = { width: 1366, height: 768 }, extra = {}) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', isMobile: viewport.width < 600, hasTouch: viewport.width < 600, ...extra })
  const page = await context.newPage()
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`))  // shown when a test fails
  context.on('response', (r) => recordResponse(r.request().method(), r.url(), r.status(), r.headers()['content-type'], () => r.text()))
  return page
}

// The platform's answers the browser (and api() below) received, recorded like the C++ e2e tests' answers
// (tests/support/response_record.cpp) for OpenApi.EveryE2eResponseMatchesTheDocument, when the fixture made
// $OW_TESTENV/openapi-responses. Event streams and non-JSON bodies are recorded without their body.
const recordDir = process.env.OW_TESTENV && `${process.env.OW_TESTENV}/openapi-responses`
const recordFile = recordDir && fs.existsSync(recordDir) ? `${recordDir}/browser-${process.pid}.jsonl` : null
const test = `ConsoleBrowser:${process.argv[1]?.split('/').pop()}`
async function recordResponse(method, url, status, contentType = '', body) {
  if (!recordFile || !base) return
  const u = new URL(url)
  if (u.origin !== new URL(base).origin || !(u.pathname.startsWith('/api/') || ['/healthz', '/readyz', '/metrics'].includes(u.pathname))) return
  const line = { test, method, target: u.pathname + u.search, status, content_type: contentType }
  if (contentType.includes('json') && status !== 204) {
    try { line.body = JSON.parse(await body()) } catch { return }  // a body the page went away from: not recorded
  } else line.body_bytes = 0
  fs.appendFileSync(recordFile, JSON.stringify(line) + '\n')
}

// Types the login from the keyboard (the login field has focus on arrival) and submits with Enter.
export async function login(page, who, password = who.password) {
  await page.goto(base)
  await page.waitForSelector('input[name=login]')
  await page.focus('input[name=login]')
  await page.keyboard.type(who.login)
  await page.keyboard.press('Tab')
  await page.keyboard.type(password)
  await page.keyboard.press('Enter')
}

export async function noHorizontalScroll(page, where) {
  const { width, screen } = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, screen: window.innerWidth }))
  if (width > screen) throw new Error(`${where}: horizontal scrolling at ${screen} px wide (scrollWidth ${width})`)
}

export async function shot(page, name) {
  await page.screenshot({ path: `${shots}/${name}.png`, animations: 'disabled' })
}

// At the intake workbench, with the bundle search focused: types the bundle's name or code and Enter, and
// waits for the applicant form to take the focus.
export async function openBundle(page, query) {
  await page.waitForSelector('input[name=bundle-search]:focus', { timeout: 10000 })
  await page.keyboard.type(query)
  await page.keyboard.press('Enter')
  await page.waitForSelector('input[name=applicant-name]:focus', { timeout: 10000 })
}

// Fills a person applicant's fields directly (where the keyboard path is not what a test is about).
export async function fillPerson(page, name, idNumber, phone) {
  await page.fill('input[name=applicant-name]', name)
  await page.fill('input[name=id-number]', idNumber)
  await page.fill('input[name=contact-phone]', phone)
}

// A direct API call from the test (not through the page), e.g. to create a case or move the test clock.
export async function api(method, path, body, headers = {}) {
  const res = await fetch(new URL(path, base), { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body && JSON.stringify(body) })
  const text = await res.text()
  await recordResponse(method, res.url, res.status, res.headers.get('content-type') ?? '', async () => text)
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return text ? JSON.parse(text) : {}
}

// Repeats `attempt` (which returns a truthy value when done) until it succeeds or `ms` pass.
export async function eventually(what, attempt, ms = 30000) {
  const end = Date.now() + ms
  for (;;) {
    const r = await attempt().catch(() => null)
    if (r) return r
    if (Date.now() > end) throw new Error(`timed out: ${what}`)
    await new Promise((res) => setTimeout(res, 500))
  }
}

// Runs the test body with a browser, failing the process on any error (the test clock first set back to 0).
export async function run(body) {
  // Each test starts on the real time: the servers are shared, and a test before may have moved their clock.
  await api('POST', '/api/v1/test/clock', { offset_seconds: 0 })
  const browser = await launch()
  try {
    await body(browser)
  } catch (e) {
    console.error(e?.stack ?? String(e))
    process.exitCode = 1
  } finally {
    await browser.close()
  }
}

// A printed document as the hall prints it: its HTML (fetched with `headers`) printed to A4 PDF by chromium,
// kept as `name`.pdf with a drawing of its first page (`name`-page1.png, pdftoppm) to look at; returns the
// number of pages (pdfinfo).
export async function printToPdf(browser, path, headers, name) {
  const res = await fetch(new URL(path, base), { headers })
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`)
  const page = await browser.newPage()
  await page.setContent(await res.text(), { waitUntil: 'load' })
  const pdf = `${shots}/${name}.pdf`
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true })
  await page.close()
  const { execFileSync } = await import('node:child_process')
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, `${shots}/${name}-page1`])
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0)
}
