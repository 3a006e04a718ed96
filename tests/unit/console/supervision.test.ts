// The supervisor's name pickers, periods and the week to open on.
import { describe, expect, it } from 'vitest'
import { hasActivity, nameMatches, periodText, weekText, weekToOpen, windowName } from '../../../services/console/src/lib/supervision'

describe('finding a name by part of it', () => {
  it('finds a department by its short name, in order, or by its code', () => {
    expect(nameMatches('人社', '西湖区人力资源和社会保障局', 'RS')).toBe(true)
    expect(nameMatches('市监', '西湖区市场监督管理局', 'SCJG')).toBe(true)
    expect(nameMatches('税务', '国家税务总局杭州市西湖区税务局', 'SW')).toBe(true)
    expect(nameMatches('rs', '西湖区人力资源和社会保障局', 'RS')).toBe(true)
    expect(nameMatches('社人', '西湖区人力资源和社会保障局', 'RS')).toBe(false)
    expect(nameMatches('人社', '西湖区市场监督管理局', 'SCJG')).toBe(false)
    expect(nameMatches('', '西湖区', '330106')).toBe(true)
  })
})

describe('periods in words', () => {
  it('say the first and the last day', () => {
    expect(periodText('2026-11-23', '2026-11-30')).toBe('2026年11月23日—11月29日')
    expect(periodText('2026-12-28', '2027-01-04')).toBe('2026年12月28日—2027年1月3日')
    expect(periodText('2026-11-28', '2026-11-29')).toBe('2026年11月28日')
    expect(weekText({ label: '2026-W48', from: '2026-11-23', to: '2026-11-30' })).toBe('第48周（2026年11月23日—11月29日）')
  })
})

describe('the week to open on', () => {
  const w = (label: string) => ({ label, from: '', to: '' })
  it('is the newest week with anything in it, else the newest week', () => {
    const weeks = [
      { week: w('2026-W46'), counts: { accepted: 3, ended: { total: 0 }, ratings: 0 } },
      { week: w('2026-W47'), counts: { accepted: 0, ended: { total: 2 }, ratings: 0 } },
      { week: w('2026-W48'), counts: { accepted: 0, ended: { total: 0 }, ratings: 0 } },
    ]
    expect(weekToOpen(weeks)?.week.label).toBe('2026-W47')
    expect(weekToOpen(weeks.map((x) => ({ ...x, counts: null })))?.week.label).toBe('2026-W48')
    expect(hasActivity({ ratings: 1 })).toBe(true)
  })
  it('names windows', () => {
    expect(windowName('W01')).toBe('1号窗口')
    expect(windowName('X9')).toBe('X9')
  })
})
