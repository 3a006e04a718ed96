// ISO weeks (the weekly report's unit): labels like 2026-W47 and their Monday..next-Monday date ranges.
export interface Week { label: string; from: string; to: string }

function isoWeekOf(d: Date): { year: number; week: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
  const day = t.getUTCDay() || 7
  t.setUTCDate(t.getUTCDate() + 4 - day)  // the week's Thursday decides its year
  const yearStart = new Date(Date.UTC(t.getUTCFullYear(), 0, 1))
  return { year: t.getUTCFullYear(), week: Math.ceil(((t.getTime() - yearStart.getTime()) / 86400000 + 1) / 7) }
}

// The last `count` weeks, oldest first, ending with the week of `today` (YYYY-MM-DD).
export function lastWeeks(today: string, count: number): Week[] {
  const d = new Date(`${today}T00:00:00Z`)
  const monday = new Date(d)
  monday.setUTCDate(d.getUTCDate() - ((d.getUTCDay() || 7) - 1))
  const out: Week[] = []
  for (let i = count - 1; i >= 0; i--) {
    const from = new Date(monday)
    from.setUTCDate(monday.getUTCDate() - 7 * i)
    const to = new Date(from)
    to.setUTCDate(from.getUTCDate() + 7)
    const w = isoWeekOf(from)
    out.push({ label: `${w.year}-W${String(w.week).padStart(2, '0')}`, from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) })
  }
  return out
}
