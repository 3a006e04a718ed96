// The console's live checks at the counter agree with the API's rules (GB 11643 ID numbers, GB 32100 credit
// codes) on known good and bad values.
import { describe, expect, it } from 'vitest'
import { birthDate, checkCreditCode, checkPhone, checkResidentId, creditCodeFault } from '../../../services/console/src/lib/identity'

const today = new Date('2026-11-23T00:00:00Z')

describe('resident ID numbers', () => {
  it('accepts valid numbers, including an X check digit, and reads the birth date', () => {
    expect(checkResidentId('11010519491231002X', today)).toBe('')
    expect(checkResidentId('110101199003074477', today)).toBe('')
    expect(birthDate('11010519491231002X')).toBe('1949-12-31')
  })
  it('names what is wrong', () => {
    expect(checkResidentId('', today)).toBe('请输入身份证号码')
    expect(checkResidentId('1101051949123100', today)).toContain('18 位')
    expect(checkResidentId('11010519491231002Y', today)).toContain('末位')
    expect(checkResidentId('110105194912310021', today)).toBe('身份证号码校验位不正确')
    expect(checkResidentId('110105194902300020', today)).toBe('身份证号码中的出生日期无效')  // 30 February
    expect(checkResidentId('110105203001010028', today)).toBe('身份证号码中的出生日期无效')  // born in the future
    expect(birthDate('110105194902300020')).toBeNull()
  })
})

describe('unified social credit codes', () => {
  it('accepts valid codes', () => {
    expect(checkCreditCode('91110000802100433B')).toBe('')
    expect(checkCreditCode('91330106MA2KXXXX0Y'.replace(/X/g, '0').slice(0, 17) + checkChar('91330106MA2K00000'))).toBe('')
  })
  it('names what is wrong', () => {
    expect(checkCreditCode('91110000802100433X')).toBe('统一社会信用代码校验位不正确')
    expect(checkCreditCode('9111000080210043')).toContain('18 位')
    expect(checkCreditCode('9111000080210O433B')).toContain('第 14 位')  // the letter O is not allowed
  })
  it('offers the override only for a wrong check character, as the API allows (identity_test.cpp has the same codes)', () => {
    expect(creditCodeFault('91110000710925462Y').fault).toBe('check')
    expect(creditCodeFault('123').fault).toBe('length')
    expect(creditCodeFault('91110000I10925462X').fault).toBe('alphabet')
    expect(creditCodeFault('9111000071092546Z2').fault).toBe('alphabet')
    expect(creditCodeFault('XXXXXXXXXXXXXXXXXX').fault).toBe('division')
    expect(creditCodeFault('91350100M000100Y43').fault).toBe('none')
  })
})

describe('phones', () => {
  it('takes mobile and fixed-line numbers', () => {
    expect(checkPhone('13812345678')).toBe('')
    expect(checkPhone('0571-87654321')).toBe('')
    expect(checkPhone('12345')).not.toBe('')
  })
})

// The GB 32100 check character computed independently of the code under test, for a second valid sample.
function checkChar(first17: string): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  let sum = 0
  for (let i = 0; i < 17; i++) sum += chars.indexOf(first17[i]) * (3 ** i % 31)
  return chars[(31 - (sum % 31)) % 31]
}
