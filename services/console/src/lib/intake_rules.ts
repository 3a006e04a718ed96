// Which materials a bundle asks of this applicant and which window decisions are valid — the rules the
// intake buttons follow (the API enforces the same; these only keep invalid buttons disabled).
export interface RuleStep { id: string; condition?: { attribute: string; equals: unknown } }
export interface RuleMaterial { id: string; required: boolean; key: boolean; steps: string[] }

// A conditional step applies when the applicant's attribute equals the condition (unset counts as false).
export function stepApplies(step: RuleStep | undefined, attributes: Record<string, unknown>): boolean {
  if (!step?.condition) return true
  return String(attributes[step.condition.attribute] ?? false) === String(step.condition.equals)
}

// The required materials of the steps that apply (a material used by no step is always asked).
export function neededMaterials<M extends RuleMaterial>(materials: M[], route: RuleStep[], attributes: Record<string, unknown>): M[] {
  const byId = new Map(route.map((s) => [s.id, s]))
  return materials.filter((m) => m.required && (!m.steps.length || m.steps.some((id) => stepApplies(byId.get(id), attributes))))
}

export interface Decisions<M> { missing: M[]; accept: boolean; acceptWithDeferral: boolean; supplement: boolean; refuse: boolean }

// 受理 with nothing missing; 容缺受理 when something is missing and all of it is deferrable; 补正 when something
// is missing; 不予受理 always — each only for a valid applicant.
export function validDecisions<M extends RuleMaterial>(needed: M[], received: (id: string) => boolean, applicantValid: boolean): Decisions<M> {
  const missing = needed.filter((m) => !received(m.id))
  const ok = applicantValid
  return {
    missing,
    accept: ok && missing.length === 0,
    acceptWithDeferral: ok && missing.length > 0 && missing.every((m) => !m.key),
    supplement: ok && missing.length > 0,
    refuse: ok,
  }
}

// The applicant shapes the core allows beyond a person or a registered enterprise (workflow/flow/intake_rules):
// a 开办 bundle (企业开办) may be started before the company exists — its proposed name and the agent's ID —
// and an 出生 bundle (出生一件事) takes the newborn's details.
export interface StagedBundle { audience: string; stage: string }
export const admitsEstablishment = (b: StagedBundle) => b.audience === 'enterprise' && b.stage === '开办'
export const takesNewborn = (b: StagedBundle) => b.audience === 'person' && b.stage === '出生'

// The newborn's birth date (YYYY-MM-DD): not after today, not more than a year before it (29 Feb → 28 Feb).
export function newbornBirthDateError(date: string, today: string): string {
  if (!date) return '请选择新生儿出生日期'
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return '出生日期格式应为 年-月-日'
  if (date > today) return '新生儿出生日期不能晚于今天'
  const y = +today.slice(0, 4) - 1
  const md = today.slice(5) === '02-29' ? '02-28' : today.slice(5)
  if (date < `${y}-${md}`) return '新生儿出生日期早于一年前，不能按出生一件事办理'
  return ''
}

// 出生医学证明编号: one capital letter and nine digits.
export function birthCertificateError(number: string): string {
  if (!number) return '请输入出生医学证明编号'
  return /^[A-Z]\d{9}$/.test(number) ? '' : '出生医学证明编号为 1 位大写字母加 9 位数字'
}

// 出件 search: a case number typed whole, or its last characters (at least 4 digits or X), among the ready cases.
export function matchCaseNumber<T extends { number: string }>(items: T[], typed: string): T[] {
  const q = typed.trim().toUpperCase()
  if (!q) return items
  const exact = items.filter((i) => i.number.toUpperCase() === q)
  if (exact.length) return exact
  return /^[\dX]{4,}$/.test(q) ? items.filter((i) => i.number.endsWith(q)) : []
}

// 告知承诺制: the steps whose item takes the applicant's signed commitment instead of named proofs (catalog
// `commitment`), the proofs the chosen ones stand in for (counted as received, no file asked), and the items
// sent as `commitments`. The platform checks the applicant's credit record and refuses a listed one.
export interface CommitmentStep { item: string; commitment?: { replaces: { id: string }[] } }
export function commitmentOffers<S extends CommitmentStep>(route: S[]): S[] {
  return route.filter((s) => s.commitment)
}
export function replacedByCommitments(offers: CommitmentStep[], chosen: Record<string, boolean>): Set<string> {
  return new Set(offers.filter((s) => chosen[s.item]).flatMap((s) => s.commitment!.replaces.map((r) => r.id)))
}
export function chosenCommitments(offers: CommitmentStep[], chosen: Record<string, boolean>): string[] {
  return offers.filter((s) => chosen[s.item]).map((s) => s.item)
}
