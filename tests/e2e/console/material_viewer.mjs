// Browser test: materials as files (issue 20). At the counter, right after an intake, the clerk scans a material
// of the new case; then opens another 退休一件事 case and, per material,
// uploads a two-page PDF (上传/高拍仪扫描) and a JPEG photo: each answer shows its type, pages and size; an
// executable named .pdf and a file over the size limit are refused with the Chinese reason. 人社's approver
// opens the task: before 签收 no file is shown; after it the viewer lists the materials with their files, draws
// the PDF's pages (next page, zoom in, rotate) and the image (rotate), and the personal-data access record lists
// the approver's views of the files.
// Screenshots at 1366×768.
import { api, eventually, fillPerson, login, logins, newPage, noHorizontalScroll, openBundle, run, shot, users } from './browser.mjs'

await run(async (browser) => {
  const as = async (who) => ({ Authorization: `Bearer ${(await api('POST', '/api/v1/sessions', { login: who.login, password: who.password })).token}` })
  const clerkAuth = await as(users.clerk)
  const c = await api('POST', '/api/v1/cases', {
    bundle: 'TXYJS', applicant: { kind: 'person', name: '李四', id_number: '11010519491231002X' }, contact_phone: '13812345678',
    // The household register as an e-licence: its document comes from the library as the material's file.
    materials: [{ id: 'id_card', form: 'original' }, { id: 'household_register', form: 'elicense' },
      { id: 'retirement_application', form: 'original' }], decision: { kind: 'accept' },
  }, { ...clerkAuth, 'Idempotency-Key': `material-viewer-${Date.now()}` })

  // The files: a two-page application form printed by chromium, and a photo of an ID card as a JPEG.
  const maker = await browser.newPage({ viewport: { width: 640, height: 400 } })
  await maker.setContent(`<style>@page { size: A4; margin: 20mm } h1 { font-size: 28pt } p { font-size: 16pt }</style>
    <h1>退休申请表</h1><p>申请人：李四</p><p>第一页：基本信息</p><div style="break-after: page"></div>
    <h1>退休申请表（续）</h1><p>第二页：工作经历</p>`)
  const pdf = await maker.pdf({ preferCSSPageSize: true })
  await maker.setContent(`<div style="width:600px;height:380px;background:#cfe3f7;border-radius:16px;padding:24px;box-sizing:border-box;font:24px sans-serif">
    <div style="font-size:30px;font-weight:bold">居民身份证</div><p>姓名 李四</p><p>住址 浙江省杭州市西湖区</p>
    <div style="position:absolute;right:60px;top:70px;width:140px;height:180px;background:#8aa"></div></div>`)
  const jpeg = await maker.screenshot({ type: 'jpeg', quality: 85 })
  const png = await maker.screenshot()
  await maker.close()

  // 1. The clerk at the counter: 今日办件, the case, 上传/高拍仪扫描 per material.
  const clerk = await newPage(browser)
  await login(clerk, users.clerk)
  // Right after an intake at the counter (F7 every material, F8 受理, Esc closes the receipt) the new case's
  // materials are listed under the form, each with its 上传/高拍仪扫描.
  await openBundle(clerk, 'TXYJS')
  await fillPerson(clerk, '王五', '11010519491231002X', '13900005555')
  await clerk.waitForTimeout(500)  // the e-licence lookup
  await clerk.keyboard.press('F7')
  await clerk.keyboard.press('F8')
  await clerk.frameLocator('iframe.document').locator('text=办件编号').first().waitFor({ timeout: 15000 })
  await clerk.keyboard.press('Escape')
  const scans = clerk.locator('.counter-scans')
  await scans.locator('.mu-row').first().waitFor({ timeout: 10000 })
  const intakeRow = scans.locator('.mu-row').first()
  const [picker] = await Promise.all([clerk.waitForEvent('filechooser'), intakeRow.locator('button').click()])
  await picker.setFiles({ name: '扫描.png', mimeType: 'image/png', buffer: png })
  await eventually('the intake scan stored', async () => (await intakeRow.textContent()).includes('已上传「扫描.png」：PNG图片'))
  await scans.scrollIntoViewIfNeeded()
  await shot(clerk, 'console-clerk-intake-scans')
  await clerk.click('.workbench .el-tabs__item:has-text("今日办件")')
  await clerk.locator('tr.el-table__row', { hasText: c.number }).click()
  await clerk.waitForSelector('.el-drawer .material-upload .mu-row')
  const row = (material) => clerk.locator(`.el-drawer .material-upload .mu-row[data-material=${material}]`)
  const upload = async (material, name, mimeType, buffer) => {
    const outcome = row(material).locator('.mu-outcome')
    const previous = (await outcome.count()) ? await outcome.textContent() : null
    const [chooser] = await Promise.all([clerk.waitForEvent('filechooser'), row(material).locator('button').click()])
    await chooser.setFiles({ name, mimeType, buffer })
    return eventually(`the answer to ${name}`, async () => {
      const said = (await outcome.count()) ? await outcome.textContent() : previous
      return said !== previous && said
    })
  }
  const pdfSaid = await upload('retirement_application', '退休申请表.pdf', 'application/pdf', pdf)
  if (!pdfSaid.includes('已上传「退休申请表.pdf」') || !pdfSaid.includes('PDF · 2页')) throw new Error(`the PDF's upload says: ${pdfSaid}`)
  const jpegSaid = await upload('id_card', '身份证.jpg', 'image/jpeg', jpeg)
  if (!jpegSaid.includes('JPEG图片') || !/KB/.test(jpegSaid)) throw new Error(`the JPEG's upload says: ${jpegSaid}`)
  const exeSaid = await upload('household_register', '户口簿.pdf', 'application/pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00 an executable'))
  if (!exeSaid.includes('「户口簿.pdf」未上传：只接受PDF、JPEG或PNG格式的材料文件')) throw new Error(`the executable's refusal says: ${exeSaid}`)
  const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024, 0x61)])  // over files.max_file_bytes
  const bigSaid = await upload('household_register', '户口簿扫描.pdf', 'application/pdf', big)
  if (!bigSaid.includes('「户口簿扫描.pdf」未上传：材料文件超过大小上限')) throw new Error(`the oversize refusal says: ${bigSaid}`)
  if (!(await row('retirement_application').textContent()).includes('退休申请表.pdf')) throw new Error('the PDF is not listed under its material')
  await shot(clerk, 'console-clerk-material-upload')
  await noHorizontalScroll(clerk, 'clerk material upload')

  // 2. The approver: the task, 签收, the viewer.
  const approver = await newPage(browser)
  await login(approver, users.approver)
  await approver.waitForSelector('.inbox')
  const taskRow = await eventually(`${c.number} in the inbox`, async () => {
    await approver.click('button:has-text("刷新")')
    const r = approver.locator('.inbox tr.el-table__row', { hasText: c.number })
    return (await r.count()) ? r : null
  })
  await taskRow.click()
  await approver.waitForSelector(`.el-drawer .el-drawer__header:has-text("${c.number}")`)
  await approver.waitForSelector('.materials-locked')  // not held yet: no file shown
  await approver.click('.el-drawer button[name=claim]')
  await approver.waitForSelector('.material-viewer .mv-file', { timeout: 15000 })
  const list = await approver.textContent('.material-viewer .mv-list')
  for (const words of ['申请人身份证明', '居民户口簿', '退休申请表.pdf', '身份证.jpg', 'PDF · 2页', '居民户口簿（电子证照）.pdf',
    '电子证照库 · PDF · 1页'])
    if (!list.includes(words)) throw new Error(`the viewer's list lacks 「${words}」: ${list}`)
  const inked = () => approver.evaluate(() => {  // dark pixels drawn on the canvas: the page is really there
    const c = document.querySelector('.material-viewer canvas')
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data
    let n = 0
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && d[i] + d[i + 1] + d[i + 2] < 200) n++
    return { n, width: c.width, height: c.height }
  })
  const toolbar = () => approver.textContent('.material-viewer .mv-toolbar')
  await approver.click('.mv-file:has-text("退休申请表.pdf")')
  await eventually('the PDF page drawn', async () => (await toolbar()).includes('第 1 / 2 页') && (await inked()).n > 100)
  const showViewer = () => approver.evaluate(() => document.querySelector('.material-viewer').scrollIntoView({ block: 'end' }))
  await showViewer()
  await shot(approver, 'console-approver-material-pdf')
  await noHorizontalScroll(approver, 'approver material viewer')
  await approver.click('.material-viewer button[name=next-page]')
  await eventually('the second page', async () => (await toolbar()).includes('第 2 / 2 页') && (await inked()).n > 100)
  const before = await inked()
  const zoomText = async () => /(\d+)%/.exec(await toolbar())?.[1]
  const z0 = Number(await zoomText())
  await approver.click('.material-viewer button[name=zoom-in]')
  await eventually('zoomed in', async () => Number(await zoomText()) > z0 && (await inked()).width > before.width)
  await approver.click('.material-viewer button[name=rotate-right]')
  await eventually('the page turned', async () => { const s = await inked(); return s.width > s.height && s.n > 100 })
  await showViewer()
  await shot(approver, 'console-approver-material-pdf-rotated')
  await approver.click('.mv-file:has-text("身份证.jpg")')
  await eventually('the image drawn', async () => { const s = await inked(); return !(await toolbar()).includes('页') && s.width > s.height && s.n > 100 })
  await approver.click('.material-viewer button[name=rotate-right]')
  await eventually('the image turned', async () => { const s = await inked(); return s.height > s.width })
  await approver.click('.material-viewer button[name=zoom-out]')
  await showViewer()
  await shot(approver, 'console-approver-material-image')

  // The library's document of the household register: its Chinese text drawn (the bundled character maps).
  await approver.click('.mv-file:has-text("居民户口簿（电子证照）.pdf")')
  await eventually('the licence document drawn', async () => {
    const s = await inked()
    const opening = await approver.locator('.material-viewer .mv-hint, .material-viewer .el-alert').count()
    return !opening && (await approver.textContent('.mv-file.active')).includes('电子证照') && s.height > s.width && s.n > 300
  })
  await showViewer()
  await shot(approver, 'console-approver-material-elicense')

  // 3. The access record lists the approver's views of the files.
  const record = await api('GET', `/api/v1/pii-access?case=${c.number}`, undefined, await as(logins.aud1))
  const views = record.items.filter((i) => i.actor.login === users.approver.login && i.route === 'GET /api/v1/cases/{number}/files/{id}')
  if (views.length < 3 || views.some((v) => v.route_label !== '查看材料文件'))
    throw new Error(`the access record has ${views.length} file views by the approver: ${JSON.stringify(record.items)}`)
})
