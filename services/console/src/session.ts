// The signed-in user, shared by the shell and the screens; home route per role.
import { ref } from 'vue'
import { api, setToken, type Me } from './api'

export const me = ref<Me | null>(null)

export const roleName: Record<string, string> = { clerk: '窗口受理', approver: '后台审批', supervisor: '效能监督', admin: '系统管理', auditor: '审计', surveyor: '回访调查' }

export function homeOf(role: string | undefined): string {
  return ({ clerk: '/clerk', approver: '/approver', supervisor: '/supervisor', surveyor: '/surveyor', admin: '/admin' } as Record<string, string>)[role ?? ''] ?? '/unsupported'
}

// Who the stored token belongs to (null when there is none or it expired).
export async function restore(): Promise<Me | null> {
  if (me.value) return me.value
  try { me.value = await api<Me>('GET', '/api/v1/me') } catch { me.value = null }
  return me.value
}

export async function signIn(login: string, password: string): Promise<Me> {
  const s = await api<{ token: string; user: Me }>('POST', '/api/v1/sessions', { login, password })
  setToken(s.token)
  me.value = s.user
  return s.user
}

export async function signOut() {
  try { await api('DELETE', '/api/v1/sessions/current') } catch { /* already gone */ }
  setToken('')
  me.value = null
}

// `&hall=…` for the signed-in clerk's hall: the window's actions on a case belong to the hall that holds it, so
// the clerk's work lists show only that hall's cases.
export function hallFilter(): string {
  return me.value?.hall_code ? `&hall=${encodeURIComponent(me.value.hall_code)}` : ''
}
