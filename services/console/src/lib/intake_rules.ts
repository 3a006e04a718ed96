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
