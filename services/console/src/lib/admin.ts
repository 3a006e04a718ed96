// Words and shapes of the admin's screens (系统管理): roles, audit actions and the one-time secrets, in plain Chinese.
export const roleChoices: { value: string; label: string }[] = [
  { value: 'clerk', label: '窗口受理' },
  { value: 'approver', label: '后台审批' },
  { value: 'supervisor', label: '效能监督' },
  { value: 'surveyor', label: '回访调查' },
  { value: 'auditor', label: '审计' },
  { value: 'admin', label: '系统管理' },
]

export const auditActionLabel: Record<string, string> = {
  user_added: '新增用户', password_reset: '重置密码', user_disabled: '停用账号', user_enabled: '启用账号',
  api_key_issued: '签发接口密钥', api_key_revoked: '吊销接口密钥', catalog_loaded: '加载事项目录',
  calendar_loaded: '加载工作日历',
}

// Who issued a key or loaded a file, when the API gives a code instead of a name.
export function actorLabel(actor?: string | null, name?: string | null): string {
  if (name) return name
  if (actor === 'cli') return '命令行'
  return actor || '—'
}

// A fresh Idempotency-Key for one creating request (a retry of the same click reuses it).
export function newIdempotencyKey(): string {
  return `admin-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

// A catalog lint note in plain Chinese: the bundle by name, the limit as people say it (the lint writes English for
// the command line: "bundle TXYJS: <document> publishes no limit: 15wd is the hall's own choice (本厅自定)").
export function catalogNote(note: string, bundleName: (code: string) => string, limitLabel: (v: string) => string): string {
  const unpublished = /^bundle (\S+): (.*) publishes no limit: (\S+) is /.exec(note)
  if (unpublished) return `${bundleName(unpublished[1])}：${unpublished[2]}未公布办理时限，承诺时限${limitLabel(unpublished[3])}由本厅自定`
  const local = /^bundle (\S+): a local choice: no published document; its limit (\S+) is /.exec(note)
  if (local) return `${bundleName(local[1])}：没有公开的文件依据，承诺时限${limitLabel(local[2])}由本厅自定`
  return note
}

export interface UserRow {
  login: string; display_name: string; role: string; region_code: string; disabled: boolean
  hall_code?: string; window_code?: string; department_code?: string
}

export interface KeyRow {
  id: number; fingerprint: string; department: string; label: string; created_at: string; created_by: string
  created_by_name?: string; last_used_at: string | null; revoked_at: string | null
}
