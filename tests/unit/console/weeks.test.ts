// ISO week ranges for the supervisor's trends and the weekly report picker.
import { describe, expect, it } from 'vitest'
import { lastWeeks } from '../../../services/console/src/lib/weeks'

describe('lastWeeks', () => {
  it('ends with the week of today, Monday to next Monday, oldest first', () => {
    const weeks = lastWeeks('2026-11-23', 3)
    expect(weeks).toEqual([
      { label: '2026-W46', from: '2026-11-09', to: '2026-11-16' },
      { label: '2026-W47', from: '2026-11-16', to: '2026-11-23' },
      { label: '2026-W48', from: '2026-11-23', to: '2026-11-30' },
    ])
  })
  it('labels weeks across the new year by their Thursday', () => {
    expect(lastWeeks('2027-01-03', 1)[0]).toEqual({ label: '2026-W53', from: '2026-12-28', to: '2027-01-04' })
    expect(lastWeeks('2026-01-01', 1)[0]).toEqual({ label: '2026-W01', from: '2025-12-29', to: '2026-01-05' })
  })
})
