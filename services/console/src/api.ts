// Calls to the platform's API with the session's bearer token; problems (RFC 7807) become errors whose
// message is the Chinese title.
export interface Session { token: string; user: { login: string; role: string; display_name?: string; region_code?: string } }

let token = sessionStorage.getItem('ow-token') ?? ''

export function setToken(t: string) {
  token = t
  if (t) sessionStorage.setItem('ow-token', t)
  else sessionStorage.removeItem('ow-token')
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {}
  if (token) headers['Authorization'] = `Bearer ${token}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  const data = text ? JSON.parse(text) : {}
  if (!res.ok) throw new Error(data.title ?? `请求失败（HTTP ${res.status}）`)  // the Chinese title; detail is for logs
  return data as T
}
