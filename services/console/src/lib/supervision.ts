// Pure helpers of the supervisor's screens: finding a department, district or window by part of its name
// (人社 finds 西湖区人力资源和社会保障局), periods and weeks in words, and which week to open on.
import type { Week } from './weeks'

// True when every character of the query appears in the name in order (人社 in 人力资源和社会保障局, 市监 in
// 市场监督管理局), or the query is part of the code (rs, 3301).
export function nameMatches(query: string, name: string, code = ''): boolean {
  const q = query.trim().toLowerCase()
  if (!q) return true
  if (code.toLowerCase().includes(q)) return true
  let i = 0
  for (const ch of name.toLowerCase()) if (ch === q[i] && ++i === q.length) return true
  return false
}

// 2026-11-23 → 2026年11月23日; a period [from, to) as 2026年11月23日—11月29日 (the year once when it is the same).
function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number)
  return [y, m, d]
}
function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}
export function periodText(from: string, toExclusive: string): string {
  const [y1, m1, d1] = parts(from)
  const [y2, m2, d2] = parts(dayBefore(toExclusive))
  const start = `${y1}年${m1}月${d1}日`
  if (y1 === y2 && m1 === m2 && d1 === d2) return start
  return `${start}—${y1 === y2 ? '' : `${y2}年`}${m2}月${d2}日`
}

// 2026-W48 → 第48周（2026年11月23日—11月29日）
export function weekText(w: Week): string {
  return `第${Number(w.label.slice(6))}周（${periodText(w.from, w.to)}）`
}

// Whether a period's figures hold anything: an application accepted or ended, or a rating given.
export interface PeriodCounts { accepted?: number; ended?: { total?: number }; ratings?: number }
export function hasActivity(s: PeriodCounts | null | undefined): boolean {
  return !!s && ((s.accepted ?? 0) > 0 || (s.ended?.total ?? 0) > 0 || (s.ratings ?? 0) > 0)
}

// The week to open on: the newest week with activity (weeks oldest first, each with its counts), else the
// newest week; `latest` says whether the newest week itself was chosen.
export function weekToOpen<T extends { week: Week; counts: PeriodCounts | null }>(weeks: T[]): T | undefined {
  for (let i = weeks.length - 1; i >= 0; i--) if (hasActivity(weeks[i].counts)) return weeks[i]
  return weeks[weeks.length - 1]
}

// A window code as people say it: W01 → 1号窗口 (other codes as they are).
export function windowName(code: string | null | undefined): string {
  if (!code) return '—'
  const m = /^W0*(\d+)$/i.exec(code)
  return m ? `${m[1]}号窗口` : code
}
