// Browser test: the administrator's screen (系统管理, issue 21). The admin signs in and lands on 用户; adds a
// supervisor through the form (a one-time password is shown once, and it signs in), resets and disables from the
// table; in 部门接口密钥 issues a key for 西湖区人力资源和社会保障局 (shown once; it works for the department protocol)
// and revokes it (then refused); in 工作日历 a file with a mistake is refused line by line, a good 2027 file is loaded
// and the open clocks recomputed; 事项目录 shows the check's report; 操作记录 lists every change. Screenshots at 1366×768.
import { api, login, newPage, noHorizontalScroll, run, shot, users } from './browser.mjs'

async function choose(page, dialog, selectIndex, option) {
  await dialog.locator('.el-select').nth(selectIndex).click()
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: option }).first().click()
}

async function confirmBox(page, button) {
  await page.locator('.el-message-box__btns button', { hasText: button }).click()
}

await run(async (browser) => {
  const page = await newPage(browser)
  await login(page, users.admin)
  await page.waitForSelector('.admin-desk')
  await page.waitForSelector('.el-table__row:has-text("clerk1")')
  await shot(page, 'console-admin-users')
  await noHorizontalScroll(page, 'admin users')

  // 新增用户: a supervisor of 西湖区.
  await page.click('[data-test=add-user]')
  const dialog = page.locator('.el-dialog:has-text("新增用户")')
  await dialog.waitFor()
  await dialog.locator('input[name=login]').fill('zhao.min')
  await dialog.locator('input[name=display_name]').fill('赵敏')
  await choose(page, dialog, 0, '效能监督')
  await choose(page, dialog, 1, '西湖区')
  await shot(page, 'console-admin-add-user')
  await dialog.locator('button:has-text("新增")').click()
  const secret = page.locator('[data-test=one-time-secret]')
  await secret.waitFor({ timeout: 10000 })
  const password = (await secret.textContent()).trim()
  await shot(page, 'console-admin-user-password')
  await page.click('button:has-text("我已保存，关闭")')
  await page.waitForSelector('.el-table__row:has-text("zhao.min"):has-text("效能监督")')
  await api('POST', '/api/v1/sessions', { login: 'zhao.min', password })  // throws unless 201

  // 停用 from the table: the account can no longer sign in.
  await page.locator('.el-table__row:has-text("zhao.min") button:has-text("停用")').click()
  await confirmBox(page, '停用')
  await page.waitForSelector('.el-table__row:has-text("zhao.min"):has-text("已停用")')
  const refused = await fetch(new URL('/api/v1/sessions', process.argv[2]), { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'zhao.min', password }) })
  if (refused.status !== 401) throw new Error(`a disabled user signed in: ${refused.status}`)

  // 部门接口密钥: issue one for 人社, shown once, then revoke it.
  await page.click('.el-tabs__item:has-text("部门接口密钥")')
  await page.click('[data-test=issue-key]')
  const keyDialog = page.locator('.el-dialog:has-text("签发部门接口密钥")')
  await keyDialog.waitFor()
  await choose(page, keyDialog, 0, '西湖区人力资源和社会保障局')
  await keyDialog.locator('input[name=label]').fill('人社业务系统 正式环境')
  await keyDialog.locator('button:has-text("签发")').click()
  await secret.waitFor({ timeout: 10000 })
  const key = (await secret.textContent()).trim()
  await shot(page, 'console-admin-key-issued')
  await page.click('button:has-text("我已保存，关闭")')
  await api('GET', '/api/v1/departments/RS/tasks', undefined, { 'X-Api-Key': key })  // the department protocol takes it
  const row = page.locator('.el-table__row:has-text("人社业务系统 正式环境")')
  await row.waitFor()
  if ((await page.content()).includes(key)) throw new Error('the key is still on the page after the dialog closed')
  await shot(page, 'console-admin-keys')
  await noHorizontalScroll(page, 'admin keys')
  await row.locator('button:has-text("吊销")').click()
  await confirmBox(page, '吊销')
  await row.waitFor({ state: 'detached', timeout: 10000 })
  const after = await fetch(new URL('/api/v1/departments/RS/tasks', process.argv[2]), { headers: { 'X-Api-Key': key } })
  if (after.status !== 401) throw new Error(`a revoked key was taken: ${after.status}`)

  // 工作日历: a file with a make-up workday on a Tuesday is refused; a good 2027 file is loaded.
  await page.click('.el-tabs__item:has-text("工作日历")')
  await page.waitForSelector('text=正在使用的工作日历')
  const file = page.locator('[data-test=calendar-file]')
  await file.setInputFiles({ name: 'cn-calendar-2027.csv', mimeType: 'text/csv',
    buffer: Buffer.from('date,kind,name\n2027-01-01,holiday,元旦\n2027-01-05,workday,元旦\n') })
  await page.waitForSelector('[data-test=calendar-issues]:has-text("第 3 行")')
  await shot(page, 'console-admin-calendar-refused')
  await file.setInputFiles({ name: 'cn-calendar-2027.csv', mimeType: 'text/csv',
    buffer: Buffer.from('date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,workday,春节\n2027-02-08,holiday,春节\n2027-10-01,holiday,国庆节\n') })
  await page.waitForSelector('[data-test=calendar-ok]')
  await page.click('[data-test=calendar-install]')
  await confirmBox(page, '加载并重算')
  await page.waitForSelector('[data-test=calendar-result]:has-text("2027年")', { timeout: 20000 })
  await page.waitForSelector('text=2018年至2027年')
  await shot(page, 'console-admin-calendar-loaded')
  await noHorizontalScroll(page, 'admin calendar')

  // 事项目录: the dry run's report.
  await page.click('.el-tabs__item:has-text("事项目录")')
  await page.click('button:has-text("检查（不加载）")')
  await page.waitForSelector('[data-test=catalog-report]:has-text("检查通过")', { timeout: 20000 })
  await shot(page, 'console-admin-catalog')

  // 操作记录: every change above, by name.
  await page.click('.el-tabs__item:has-text("操作记录")')
  for (const what of ['新增用户', '停用账号', '签发接口密钥', '吊销接口密钥', '加载工作日历'])
    await page.waitForSelector(`.el-table__row:has-text("${what}")`, { timeout: 10000 })
  await shot(page, 'console-admin-audit')
  await noHorizontalScroll(page, 'admin audit')
})
