// The intake buttons' rules: which materials apply for the applicant's attributes, and which decisions are
// valid for what was received — every combination of a small bundle.
import { describe, expect, it } from 'vitest'
import { admitsEstablishment, birthCertificateError, chosenCommitments, commitmentOffers, matchCaseNumber, neededMaterials, replacedByCommitments, newbornBirthDateError, stepApplies, takesNewborn, validDecisions } from '../../../services/console/src/lib/intake_rules'

// Like 企业开办: registration always; the bank step only when the applicant needs an account.
const route = [{ id: 'register' }, { id: 'bank_account', condition: { attribute: 'needs_bank_account', equals: true } }]
const materials = [
  { id: 'id_card', required: true, key: true, steps: ['register'] },
  { id: 'premises_proof', required: true, key: false, steps: ['register'] },
  { id: 'account_application', required: true, key: true, steps: ['bank_account'] },
  { id: 'photo', required: false, key: false, steps: ['register'] },
  { id: 'shared_form', required: true, key: false, steps: [] },
]

describe('conditional steps', () => {
  it('apply only when the attribute matches; unset counts as false', () => {
    expect(stepApplies(route[1], { needs_bank_account: true })).toBe(true)
    expect(stepApplies(route[1], { needs_bank_account: false })).toBe(false)
    expect(stepApplies(route[1], {})).toBe(false)
    expect(stepApplies(route[0], {})).toBe(true)
  })
  it('decide which required materials are asked', () => {
    expect(neededMaterials(materials, route, {}).map((m) => m.id)).toEqual(['id_card', 'premises_proof', 'shared_form'])
    expect(neededMaterials(materials, route, { needs_bank_account: true }).map((m) => m.id))
      .toEqual(['id_card', 'premises_proof', 'account_application', 'shared_form'])
  })
})

describe('valid decisions', () => {
  const needed = neededMaterials(materials, route, { needs_bank_account: true })
  // every subset of the four needed materials, with a valid and an invalid applicant
  for (let mask = 0; mask < 16; mask++) {
    const received = new Set(needed.filter((_, i) => mask & (1 << i)).map((m) => m.id))
    const missing = needed.filter((m) => !received.has(m.id))
    const onlyDeferrable = missing.length > 0 && missing.every((m) => !m.key)
    it(`received {${[...received].join(',')}}`, () => {
      const d = validDecisions(needed, (id) => received.has(id), true)
      expect(d.missing).toEqual(missing)
      expect(d.accept).toBe(missing.length === 0)
      expect(d.acceptWithDeferral).toBe(onlyDeferrable)
      expect(d.supplement).toBe(missing.length > 0)
      expect(d.refuse).toBe(true)
      const invalid = validDecisions(needed, (id) => received.has(id), false)
      expect([invalid.accept, invalid.acceptWithDeferral, invalid.supplement, invalid.refuse]).toEqual([false, false, false, false])
    })
  }
})

// The same cases the core's rules are tested on (flow_test: IntakeRules.TheCoreAgreesWithTheSharedCases), so
// the buttons and the API agree.
import shared from '../intake_rules_cases.json'

describe('the shared intake-rule cases (the core agrees on them too)', () => {
  shared.cases.forEach((c, n) => {
    it(`case ${n}: received {${c.received.join(',')}} with ${JSON.stringify(c.attributes)}`, () => {
      const needed = neededMaterials(shared.materials, shared.route, c.attributes)
      const d = validDecisions(needed, (id) => c.received.includes(id), true)
      expect(d.missing.map((m) => m.id)).toEqual(c.missing)
      const open = [d.accept && 'accept', d.acceptWithDeferral && 'accept_with_deferral', d.supplement && 'supplement', d.refuse && 'refuse']
      expect(open.filter(Boolean)).toEqual(c.open)
    })
  })
})

describe('applicant shapes', () => {
  it('establishment for 开办 enterprises only, the newborn for 出生 persons only', () => {
    expect(admitsEstablishment({ audience: 'enterprise', stage: '开办' })).toBe(true)
    expect(admitsEstablishment({ audience: 'enterprise', stage: '经营' })).toBe(false)
    expect(takesNewborn({ audience: 'person', stage: '出生' })).toBe(true)
    expect(takesNewborn({ audience: 'person', stage: '退休' })).toBe(false)
  })
  it('a newborn was born within the last year, not in the future', () => {
    expect(newbornBirthDateError('2026-11-20', '2026-11-28')).toBe('')
    expect(newbornBirthDateError('2025-11-28', '2026-11-28')).toBe('')
    expect(newbornBirthDateError('2025-11-27', '2026-11-28')).toContain('一年前')
    expect(newbornBirthDateError('2026-11-29', '2026-11-28')).toContain('不能晚于今天')
    expect(newbornBirthDateError('', '2026-11-28')).not.toBe('')
    expect(newbornBirthDateError('2023-02-28', '2024-02-29')).toBe('')
  })
  it('a birth certificate number is a capital and nine digits', () => {
    expect(birthCertificateError('Q330012345')).toBe('')
    expect(birthCertificateError('Q33001234')).not.toBe('')
  })
  it('finds a ready case by its whole number or its last digits', () => {
    const items = [{ number: '330106202611280000127' }, { number: '33010620261127000412X' }]
    expect(matchCaseNumber(items, '330106202611280000127')).toHaveLength(1)
    expect(matchCaseNumber(items, '0412x').map((i) => i.number)).toEqual(['33010620261127000412X'])
    expect(matchCaseNumber(items, '0127').map((i) => i.number)).toEqual(['330106202611280000127'])
    expect(matchCaseNumber(items, '12')).toEqual([])
    expect(matchCaseNumber(items, '9999')).toEqual([])
  })
})

describe('告知承诺制', () => {
  const steps = [
    { id: 'register', item: '330106-SCJG-001', commitment: { replaces: [{ id: 'premises_proof' }] } },
    { id: 'seal', item: '330106-GA-YZBA' },
    { id: 'clinic', item: '330106-WJW-ZSBA', commitment: { replaces: [{ id: 'premises_proof' }, { id: 'floor_plan' }] } },
  ]
  it('offers the items with a commitment and replaces only the chosen ones\' proofs', () => {
    const offers = commitmentOffers(steps)
    expect(offers.map((s) => s.id)).toEqual(['register', 'clinic'])
    expect([...replacedByCommitments(offers, {})]).toEqual([])
    expect([...replacedByCommitments(offers, { '330106-WJW-ZSBA': true })]).toEqual(['premises_proof', 'floor_plan'])
    expect(chosenCommitments(offers, { '330106-SCJG-001': true, '330106-GA-YZBA': true })).toEqual(['330106-SCJG-001'])
  })
})
