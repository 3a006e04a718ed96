// Limits on screens in words, never in the catalog's notation.
import { describe, expect, it } from 'vitest'
import { dateTime, limitLabel } from '../../../services/console/src/lib/format'

describe('time limits', () => {
  it('read as people say them', () => {
    expect(limitLabel('1wd')).toBe('1个工作日')
    expect(limitLabel('15wd')).toBe('15个工作日')
    expect(limitLabel('0wd')).toBe('即办')
    expect(limitLabel('30d')).toBe('30日')
    expect(limitLabel('2wh')).toBe('2个工作小时')
    expect(limitLabel('90wm')).toBe('90个工作分钟')
  })
  it('leave anything else as it is, and say nothing for nothing', () => {
    expect(limitLabel('')).toBe('—')
    expect(limitLabel(undefined)).toBe('—')
    expect(limitLabel('3 months')).toBe('3 months')
  })
})

describe('instants and dates', () => {
  it('read 2026年11月27日 21:09, not ISO text', () => {
    expect(dateTime('2026-11-27T21:09:43+08:00')).toBe('2026年11月27日 21:09')
    expect(dateTime('2026-03-02T09:30:00.123+08:00')).toBe('2026年3月2日 09:30')
    expect(dateTime('2026-11-27')).toBe('2026年11月27日')
    expect(dateTime(null)).toBe('—')
  })
})
