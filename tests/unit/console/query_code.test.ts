// The public page reads the query code however the applicant types it, and refuses what cannot be one —
// the same rules as the platform's (tests/unit/acceptance/query_code_test.cpp).
import { describe, expect, it } from 'vitest'
import { checkQueryCode, normaliseQueryCode, QUERY_CODE_ALPHABET } from '../../../services/console/src/lib/query_code'

describe('query codes', () => {
  it('has no look-alike symbols', () => {
    expect(QUERY_CODE_ALPHABET).toHaveLength(22)
    for (const c of '01258BGILOQSUZ') expect(QUERY_CODE_ALPHABET).not.toContain(c)
  })
  it('accepts any case, separators and full-width characters', () => {
    expect(normaliseQueryCode('XK7M-RT4H-PW')).toBe('XK7MRT4HPW')
    expect(normaliseQueryCode(' xk7m rt4h pw ')).toBe('XK7MRT4HPW')
    expect(normaliseQueryCode('ＸＫ７Ｍ－ＲＴ４Ｈ－ＰＷ')).toBe('XK7MRT4HPW')
    expect(normaliseQueryCode('XK7M\u3000RT4H\u3000PW')).toBe('XK7MRT4HPW')
  })
  it('refuses what cannot be a code, saying where to find it', () => {
    expect(normaliseQueryCode('XK7M-RT4H-P')).toBe('')
    expect(normaliseQueryCode('XK7M-RT4H-P0')).toBe('')
    expect(normaliseQueryCode('5678')).toBe('')
    expect(checkQueryCode('')).toBe('请输入受理回执上的查询码')
    expect(checkQueryCode('5678')).toContain('受理回执')
    expect(checkQueryCode('xk7m-rt4h-pw')).toBe('')
  })
})
