// The counter's live checks, the same rules the API applies: resident ID numbers (GB 11643: check digit,
// real birth date) and unified social credit codes (GB 32100: check character). Messages in Chinese.
const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const idChecks = '10X98765432'

export function birthDate(id: string): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) return null
  const y = +id.slice(6, 10), m = +id.slice(10, 12), d = +id.slice(12, 14)
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
}

export function checkResidentId(id: string, today = new Date()): string {
  if (!id) return '请输入身份证号码'
  if (id.length !== 18) return `身份证号码应为 18 位（已输入 ${id.length} 位）`
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号码前 17 位为数字，末位为数字或 X'
  const birth = birthDate(id)
  if (!birth || birth < '1900-01-01' || birth > today.toISOString().slice(0, 10)) return '身份证号码中的出生日期无效'
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * idWeights[i]
  if (idChecks[sum % 11] !== id[17]) return '身份证号码校验位不正确'
  return ''
}

const creditChars = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

// What is wrong with a credit code, as the core says it (workflow/flow/identity.cpp): only a wrong check
// character may be overridden by the clerk with a reason; anything else is no credit code.
export type CreditCodeFault = 'none' | 'empty' | 'length' | 'alphabet' | 'division' | 'check'

export function creditCodeFault(code: string): { fault: CreditCodeFault; message: string } {
  if (!code) return { fault: 'empty', message: '请输入统一社会信用代码' }
  if (code.length !== 18) return { fault: 'length', message: `统一社会信用代码应为 18 位（已输入 ${code.length} 位）` }
  for (let i = 0; i < 18; i++)
    if (creditChars.indexOf(code[i]) < 0) return { fault: 'alphabet', message: `第 ${i + 1} 位字符“${code[i]}”不允许出现在统一社会信用代码中` }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { fault: 'division', message: '第 3–8 位应为登记管理机关行政区划码（数字）' }
  let sum = 0
  for (let i = 0; i < 17; i++) sum += creditChars.indexOf(code[i]) * creditWeights[i]
  const expected = creditChars[(31 - (sum % 31)) % 31]
  if (code[17] !== expected) return { fault: 'check', message: '统一社会信用代码校验位不正确' }
  return { fault: 'none', message: '' }
}

export function checkCreditCode(code: string): string {
  return creditCodeFault(code).message
}

export function checkPhone(phone: string): string {
  if (!phone) return '请输入联系电话'
  if (!/^1\d{10}$/.test(phone) && !/^0\d{2,3}-?\d{7,8}$/.test(phone)) return '请输入 11 位手机号或带区号的固定电话'
  return ''
}
