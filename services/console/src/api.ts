// Calls to the platform's API with the session's bearer token. A problem answer (RFC 7807) becomes an
// ApiError whose message is the Chinese title; `field` names the input it is about, when the API says.
export interface Me {
  login: string
  role: string
  display_name?: string
  region_code?: string
  hall_code?: string
  window_code?: string
  department_code?: string
}

export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly code: string, readonly field?: string,
              readonly problem: Record<string, unknown> = {}) {
    super(message)
  }
}

let token = sessionStorage.getItem('ow-token') ?? ''
let unauthorized: () => void = () => {}

// Called when the platform no longer knows the session (expired or signed out elsewhere): back to login.
export function onUnauthorized(handler: () => void) { unauthorized = handler }

export function setToken(t: string) {
  token = t
  if (t) sessionStorage.setItem('ow-token', t)
  else sessionStorage.removeItem('ow-token')
}

export function authHeaders(): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {}
}

export async function api<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { ...authHeaders(), ...extra }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  let res: Response
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  } catch {
    throw new ApiError('无法连接服务器，请检查网络后重试', 0, 'network')
  }
  const text = await res.text()
  let data: Record<string, unknown> = {}
  try { data = text ? JSON.parse(text) : {} } catch { data = {} }
  if (res.status === 401 && token && path !== '/api/v1/sessions') {
    setToken('')
    unauthorized()
  }
  if (!res.ok) {
    throw new ApiError(String(data.title ?? `请求失败（HTTP ${res.status}）`), res.status, String(data.code ?? ''),
                       typeof data.field === 'string' ? data.field : undefined, data)
  }
  return data as T
}

// A text document (receipt, notice, report) fetched with the session's token.
export async function fetchText(path: string): Promise<string> {
  const res = await fetch(path, { headers: authHeaders() })
  const text = await res.text()
  if (!res.ok) {
    let title = `请求失败（HTTP ${res.status}）`
    try { title = JSON.parse(text).title ?? title } catch { /* not a problem document */ }
    throw new ApiError(title, res.status, '')
  }
  return text
}

// Saves a fetched file under the given name (the weekly report).
export async function download(path: string, filename: string) {
  const res = await fetch(path, { headers: authHeaders() })
  if (!res.ok) throw new ApiError(`下载失败（HTTP ${res.status}）`, res.status, '')
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
