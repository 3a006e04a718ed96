// The kiosk's keyboard-wedge ID card input, its inactivity sign-out, and the online form of a material.
import { describe, expect, it, vi } from 'vitest'
import { idFromWedge, onlineForm, watchInactivity } from '../../../services/console/src/lib/kiosk'

describe('ID card reader as a keyboard wedge', () => {
  it('takes the 18 characters it typed, Enter and spaces dropped, x upper-cased', () => {
    expect(idFromWedge('11010519491231002x\r\n')).toBe('11010519491231002X')
    expect(idFromWedge(' 330106199003071527\n')).toBe('330106199003071527')
  })
  it('gives nothing for a misread card', () => {
    expect(idFromWedge('330106199003071528\n')).toBe('')  // wrong check digit
    expect(idFromWedge('3301061990\n')).toBe('')
  })
})

describe('inactivity sign-out', () => {
  it('fires after the quiet spell and not while someone is using the kiosk', () => {
    vi.useFakeTimers()
    const handlers: Record<string, () => void> = {}
    const target = {
      addEventListener: (e: string, h: () => void) => { handlers[e] = h },
      removeEventListener: (e: string) => { delete handlers[e] },
    } as unknown as Window
    const expire = vi.fn()
    const stop = watchInactivity(90, expire, target)
    vi.advanceTimersByTime(80_000)
    handlers.pointerdown()
    vi.advanceTimersByTime(80_000)
    expect(expire).not.toHaveBeenCalled()
    vi.advanceTimersByTime(10_001)
    expect(expire).toHaveBeenCalledTimes(1)
    stop()
    expect(Object.keys(handlers)).toHaveLength(0)
    vi.useRealTimers()
  })
})

describe('materials presented online', () => {
  it('are e-licences where the library has them, else electronic copies', () => {
    expect(onlineForm({ forms: ['original', 'copy'], elicense_satisfiable: true })).toBe('elicense')
    expect(onlineForm({ forms: ['original', 'electronic'], elicense_satisfiable: false })).toBe('electronic')
    expect(onlineForm({ forms: ['original'], elicense_satisfiable: false })).toBe('original')
  })
})
