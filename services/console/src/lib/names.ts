// Names for the codes the API returns (departments, bundles, steps), loaded once per page from the catalog:
// supervisors read 西湖区人力资源和社会保障局 and 参保登记, never RS or social_insurance.
import { reactive } from 'vue'
import { api } from '../api'

interface Named { code: string; name: string }
export const names = reactive({
  departments: [] as Named[],
  bundles: [] as Named[],
  steps: {} as Record<string, string>,  // step id → the item's name (the first bundle that has the step)
})
let loading: Promise<void> | null = null

export function loadNames(): Promise<void> {
  loading ??= (async () => {
    try {
      names.departments = (await api<{ items: Named[] }>('GET', '/api/v1/departments')).items
      names.bundles = (await api<{ items: Named[] }>('GET', '/api/v1/bundles')).items
      const guides = await Promise.all(names.bundles.map((b) =>
        api<{ route: { id: string; item_name: string }[] }>('GET', `/api/v1/bundles/${encodeURIComponent(b.code)}`).catch(() => ({ route: [] }))))
      const steps: Record<string, string> = {}
      for (const g of guides) for (const s of g.route) steps[s.id] ??= s.item_name
      names.steps = steps
    } catch { loading = null /* try again next time; the codes' places show 未知 meanwhile */ }
  })()
  return loading
}

// Before the catalog has answered a name reads …; a code the catalog does not know reads as what it is.
export const departmentName = (code?: string | null) =>
  !code ? '—' : names.departments.find((d) => d.code === code)?.name ?? (names.departments.length ? '其他部门' : '…')
export const bundleName = (code?: string | null) =>
  !code ? '—' : names.bundles.find((b) => b.code === code)?.name ?? (names.bundles.length ? '其他事项' : '…')
export const stepName = (id?: string | null) =>
  !id ? '—' : names.steps[id] ?? (Object.keys(names.steps).length ? '办理环节' : '…')
