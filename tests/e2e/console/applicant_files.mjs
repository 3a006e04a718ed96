// Browser test (issue 20): on a 390×844 phone, an applicant signs in through the identity provider (the
// simulator's login page), applies for 退休一件事 with a scan of her application form picked in the form and the result
// asked by post (address filled in), sees the file stored (typed by its bytes, pages counted); the clerk asks
// once for the household register, she uploads its photo with the supplement's picker and answers online (back
// to pre-review); the case is accepted and approved; the clerk's 出件 dialog shows her choice with post preselected,
// the clerk posts it, and she sees the tracking number. The
// page never scrolls sideways.
//   node applicant_files.mjs BASE_URL SCREENSHOT_DIR   (users in OW_USERS; see run_browser_test)
import { api, base, login, logins, newPage, noHorizontalScroll, run, shot, users } from './browser.mjs'

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
  '2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj\n' +
  '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n' +
  '4 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n' +
  'trailer << /Root 1 0 R >>\n%%EOF\n')
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])
const bearer = async (who) => ({ Authorization: `Bearer ${(await api('POST', '/api/v1/sessions', { login: who.login, password: who.password })).token}` })

await run(async (browser) => {
  const page = await newPage(browser, { width: 390, height: 844 })
  await page.goto(new URL('applicant', base).href)
  await page.click('text=统一身份认证登录')
  await page.waitForSelector('[data-person=resident-lixiuying]', { timeout: 10000 })
  await page.click('[data-person=resident-lixiuying]')
  await page.waitForSelector('text=李秀英', { timeout: 10000 })

  // The form: the ID card's scan picked for its material; the result by post to her address.
  await page.click('button:has-text("我要申请")')
  await page.click('button.case:has-text("退休")')
  await page.waitForSelector('text=申请材料', { timeout: 10000 })
  const picker = page.locator('input[name=apply-file-retirement_application]')
  if ((await picker.getAttribute('accept')) !== 'application/pdf,image/jpeg,image/png') throw new Error('the picker accepts other types')
  if ((await picker.getAttribute('capture')) === null) throw new Error('the picker offers no camera')
  await picker.setInputFiles({ name: '退休申请表.pdf', mimeType: 'application/pdf', buffer: pdf })
  await page.waitForSelector('label.picker:has-text("退休申请表.pdf")')
  await page.click('label:has-text("邮寄（双向快递）")')
  await page.fill('textarea[name=delivery-address]', '浙江省杭州市西湖区文三路90号3幢201室')
  await page.locator('textarea[name=delivery-address]').scrollIntoViewIfNeeded()
  await shot(page, 'applicant-files-form')
  await noHorizontalScroll(page, 'applicant form with files')
  await page.click('button:has-text("提交申请")')
  await page.waitForSelector('text=1 个材料文件已上传', { timeout: 15000 })
  await page.waitForSelector('text=窗口预审中', { timeout: 10000 })
  await page.waitForSelector('.material-upload[data-material=retirement_application] >> text=退休申请表.pdf（2页', { timeout: 10000 })
  await page.waitForSelector('.choice:has-text("邮寄（双向快递）")')
  await page.waitForSelector('.choice:has-text("文三路90号")')
  const number = (await page.textContent('.detail p small')).trim()
  await shot(page, 'applicant-files-submitted')
  await noHorizontalScroll(page, 'applicant case with files')

  // The clerk's pre-review asks once for the household register; she photographs it and answers.
  const clerk = await bearer(users.clerk)
  await api('POST', `/api/v1/cases/${number}/decision`, {
    materials: [{ id: 'id_card', form: 'electronic' }, { id: 'retirement_application', form: 'electronic' }],
    decision: { kind: 'supplement', missing: ['household_register'] },
  }, clerk)
  await page.click('button:has-text("返回")')
  await page.click(`button.case:has-text("${number}")`)
  await page.waitForSelector('text=需要您补正的材料', { timeout: 10000 })
  await page.waitForSelector('text=还有 1 项未上传：居民户口簿')
  await page.setInputFiles('input[name=photo-household_register]', { name: '户口簿.png', mimeType: 'image/png', buffer: png })
  await page.waitForSelector('text=已上传：户口簿.png', { timeout: 15000 })
  if (await page.isVisible('text=项未上传')) throw new Error('the uploaded photo still counts as missing')
  await shot(page, 'applicant-files-supplement')
  await noHorizontalScroll(page, 'applicant supplement upload')
  // Bytes that are no picture are refused, in Chinese.
  await page.setInputFiles('input[name=file-household_register]', { name: '扫描.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90 not a pdf') })
  await page.waitForSelector('text=只接受PDF、JPEG或PNG格式的材料文件', { timeout: 10000 })
  await shot(page, 'applicant-files-refused')
  await page.click('button:has-text("提交补正")')
  await page.waitForSelector('text=窗口预审中', { timeout: 10000 })

  // Accepted, approved by 人社 and 医保, posted by the clerk: she sees the tracking number.
  await api('POST', `/api/v1/cases/${number}/decision`, {
    materials: [{ id: 'id_card', form: 'electronic' }, { id: 'household_register', form: 'electronic' },
                { id: 'retirement_application', form: 'electronic' }],
    decision: { kind: 'accept' },
  }, clerk)
  const approvers = [await bearer(logins.rs1), await bearer(logins.yb1)]
  for (let round = 0; round < 6; round++)
    for (const h of approvers) {
      const inbox = await api('GET', '/api/v1/tasks', undefined, h)
      for (const t of inbox.items.filter((t) => t.number === number)) {
        await api('POST', `/api/v1/tasks/${t.id}/claim`, undefined, h).catch(() => {})
        await api('POST', `/api/v1/tasks/${t.id}/decision`, { kind: 'approve' }, h).catch(() => {})
      }
    }
  const view = await api('GET', `/api/v1/cases/${number}`, undefined, clerk)
  if (view.state !== 'ResultReady') throw new Error(`not ready: ${view.state}`)
  if (view.delivery_choice?.address !== '浙江省杭州市西湖区文三路90号3幢201室') throw new Error('the clerk does not see the address')
  // At the counter's 出件: her choice read from the case, post preselected; the clerk types the tracking number.
  const desk = await newPage(browser)
  await login(desk, users.clerk)
  await desk.click('#tab-delivery')
  await desk.waitForSelector('input[name=delivery-lookup]:focus', { timeout: 10000 })
  await desk.keyboard.type(number)
  await desk.keyboard.press('Enter')
  await desk.waitForSelector(`.el-dialog__title:has-text("出件 · ${number}")`, { timeout: 10000 })
  await desk.waitForSelector('.applicant-choice:has-text("文三路90号3幢201室")', { timeout: 10000 })
  await desk.fill('input[name=tracking-number]', 'SF1234567890')
  await shot(desk, 'applicant-files-clerk-delivery')
  await desk.click('button[name=confirm-delivery]')
  await desk.waitForSelector('text=已出件，办件办结', { timeout: 10000 })
  await page.click('button:has-text("返回")')
  await page.click(`button.case:has-text("${number}")`)
  await page.waitForSelector('text=SF1234567890', { timeout: 10000 })
  await page.locator('.tracking').scrollIntoViewIfNeeded()
  await shot(page, 'applicant-files-posted')
  await noHorizontalScroll(page, 'applicant case posted')
})
