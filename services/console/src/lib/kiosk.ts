// The self-service kiosk (自助终端): the ID card reader is a keyboard wedge — it "types" the card's 18
// characters and Enter into whatever has focus — and a kiosk signs its user out after a spell of inactivity.
import { checkResidentId } from './identity'

// The ID number in what the reader typed (spaces and a trailing Enter dropped, x upper-cased); '' when it is
// not a valid resident ID number.
export function idFromWedge(typed: string): string {
  const id = typed.replace(/[\s\r\n]/g, '').toUpperCase()
  return checkResidentId(id) === '' ? id : ''
}

// Calls `expire` after `seconds` without a pointer, key or touch event; returns the function that stops it.
// `target` is the window in the page (a stand-in in tests).
export function watchInactivity(seconds: number, expire: () => void,
                                target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const events = ['pointerdown', 'keydown', 'touchstart', 'scroll']
  const restart = () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(expire, seconds * 1000)
  }
  for (const e of events) target.addEventListener(e, restart, { passive: true })
  restart()
  return () => {
    if (timer) clearTimeout(timer)
    for (const e of events) target.removeEventListener(e, restart)
  }
}

// The form a material is presented in online: an e-licence when the library has it, else an electronic copy.
export function onlineForm(m: { forms: string[]; elicense_satisfiable: boolean }): string {
  if (m.elicense_satisfiable) return 'elicense'
  return m.forms.includes('electronic') ? 'electronic' : (m.forms[0] ?? 'electronic')
}
