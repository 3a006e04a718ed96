// Browser test of 告知承诺 at the counter (issue 19):
//  - 企业开办's 企业设立登记 offers the commitment instead of the address proof, with its 核查 period;
//  - a listed applicant (demo registry: 严重失信主体名单) cannot choose it: the box is disabled and says why;
//  - a clean applicant's commitment counts for the proof: 受理 is enabled without it, the case is accepted, and
//    its 告知承诺书 (from the case drawer's documents) prints on one A4 page.
import { api, login, newPage, openBundle, printToPdf, run, shot, users } from './browser.mjs'

await run(async (browser) => {
  const clerk = await newPage(browser)
  await login(clerk, users.clerk)
  const token = (await api('POST', '/api/v1/sessions', { login: users.clerk.login, password: users.clerk.password })).token
  const enterprise = async (name, code) => {
    await clerk.fill('input[name=applicant-name]', name)
    await clerk.fill('input[name=credit-code]', code)
    await clerk.fill('input[name=contact-phone]', '13900007777')
  }
  const box = 'input[name="commitment-330106-SCJG-001"]'

  // A listed enterprise: the commitment is not open to it.
  await openBundle(clerk, 'QYKB')
  await enterprise('杭州失信示例有限公司', '91330106MA2B000022')
  await clerk.waitForSelector('[data-test=credit].listed', { timeout: 10000 })
  await clerk.waitForSelector('[data-test=commitment]:has-text("申请人列入失信名单，不适用告知承诺制")')
  if (!(await clerk.isDisabled(box))) throw new Error('a listed applicant may choose 告知承诺')
  await shot(clerk, 'console-intake-commitment-listed')

  // A clean one: the commitment stands in for 住所（经营场所）使用证明.
  await clerk.fill('input[name=bundle-search]', '')
  await clerk.focus('input[name=bundle-search]')
  await openBundle(clerk, 'QYKB')
  await enterprise('杭州承诺科技有限公司', '91110000802100433B')
  await clerk.waitForSelector('[data-test=credit]:has-text("未发现失信记录")', { timeout: 10000 })
  await clerk.waitForSelector('[data-test=commitment]:has-text("以告知承诺书代替「住所（经营场所）使用证明」（审批后20个工作日内核查）")')
  await clerk.keyboard.press('F7')
  await clerk.focus('input[name="material-premises_proof"]')  // untick the address proof: not handed over
  await clerk.keyboard.press('Space')
  await clerk.focus(box)
  await clerk.keyboard.press('Space')
  await clerk.waitForSelector('.materials .el-tag:has-text("告知承诺代替")')
  if (await clerk.isDisabled('button[name=accept]')) throw new Error('受理 is disabled with the commitment for the address proof')
  await shot(clerk, 'console-intake-commitment-chosen')
  await clerk.click('button[name=accept]')
  await clerk.waitForSelector('.el-dialog__title:has-text("受理回执")', { timeout: 15000 })
  const number = (await clerk.textContent('.el-dialog__title:has-text("受理回执")')).match(/\d{20}[\dX]/)?.[0]
  if (!number) throw new Error('no case number on the receipt')
  const pages = await printToPdf(browser, `/api/v1/cases/${number}/documents/commitment_letter`,
                                 { Authorization: `Bearer ${token}` }, 'commitment-letter')
  if (pages !== 1) throw new Error(`the 告知承诺书 takes ${pages} pages`)
})
