// Display helpers shared by the console's screens: dates, percentages, clocks and their colours.
// An instant or a date as people write it: 2026年11月27日 21:09 (the API's times are China Standard Time).
export function dateTime(v: unknown): string {
  if (typeof v !== 'string' || !v) return '—'
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(v)
  if (!m) return v
  const day = `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
  return m[4] ? `${day} ${m[4]}:${m[5]}` : day
}

// A time limit as people say it: 1wd → 1个工作日, 30d → 30日, 2wh → 2个工作小时, 0wd → 即办 (the catalog's
// notation, workflow/calendar/limit.cpp, is for files, not for screens).
export function limitLabel(v: unknown): string {
  const m = typeof v === 'string' ? /^(\d+)(wd|d|wh|wm)$/.exec(v) : null
  if (!m) return typeof v === 'string' && v ? v : '—'
  const n = Number(m[1])
  if (m[2] === 'wd') return n === 0 ? '即办' : `${n}个工作日`
  if (m[2] === 'd') return `${n}日`
  if (m[2] === 'wh') return `${n}个工作小时`
  return `${n}个工作分钟`
}

export function percent(v: unknown): string {
  return typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—'
}

export function yuan(fen: unknown): string {
  return typeof fen === 'number' ? (fen === 0 ? '免费' : `¥${(fen / 100).toFixed(2)}`) : '—'
}

// Working time left, from seconds (office hours: 7 working hours a day).
export function remaining(seconds: unknown): string {
  if (typeof seconds !== 'number') return '—'
  const neg = seconds < 0
  let s = Math.abs(seconds)
  const days = Math.floor(s / (7 * 3600)); s -= days * 7 * 3600
  const hours = Math.floor(s / 3600); s -= hours * 3600
  const minutes = Math.floor(s / 60)
  const text = days ? `${days}个工作日${hours}小时` : hours ? `${hours}小时${minutes}分` : `${minutes}分钟`
  return neg ? `已超 ${text}` : `剩 ${text}`
}

export interface ClockReading { status?: string; remaining_seconds?: number; due_at?: string | null }

// Element Plus tag type per clock status: green running, yellow warning, red overdue, grey paused.
export function clockTagType(c: ClockReading | null | undefined): 'success' | 'warning' | 'danger' | 'info' {
  switch (c?.status) {
    case 'overdue': return 'danger'
    case 'warning': return 'warning'
    case 'running': return 'success'
    default: return 'info'
  }
}

export const clockStatusLabel: Record<string, string> = { running: '正常', warning: '预警', overdue: '超期', paused: '暂停', stopped: '已停止' }

export const taskStateLabel: Record<string, string> = {
  Waiting: '等待前序', Ready: '待分发', Dispatching: '推送中', Dispatched: '已分发待签收', Received: '办理中',
  Approved: '已通过', Rejected: '不予许可', SupplementRequested: '待补正', DispatchFailed: '推送失败', Cancelled: '已取消',
  Skipped: '不适用',
}

export const alertKindLabel: Record<string, string> = {
  warning: '临期预警', overdue: '办件超期', step_overdue: '环节超期', deferral_overdue: '容缺材料逾期',
  followup_overdue: '差评回访逾期', dispatch_failed: '推送失败', ticket_warning: '12345工单临期', ticket_overdue: '12345工单超期',
}

export function today(): string {
  const d = new Date(Date.now() + 8 * 3600 * 1000)  // China Standard Time, whatever the browser's zone
  return d.toISOString().slice(0, 10)
}

// How an application came in, in the hall's words.
export const channelLabel: Record<string, string> = { window: '窗口受理', online: '网上申请', app: '掌上办（App）', kiosk: '自助终端' }
