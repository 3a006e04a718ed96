// Halls, windows and regions by name (GET /api/v1/halls, fetched once per page load): the console shows
// 西湖区政务服务中心 1号窗口 where a staff account carries XH01 / W01. An unknown code is shown as it is.
import { ref } from 'vue'
import { api } from '../api'

interface Hall { code: string; name: string; region_code: string; windows: { code: string; name: string }[] }
interface Places { regions: { code: string; name: string }[]; halls: Hall[] }

const places = ref<Places | null>(null)
let loading: Promise<void> | null = null

export function loadPlaces(): Promise<void> {
  loading ??= api<Places>('GET', '/api/v1/halls').then((p) => { places.value = p }).catch(() => { loading = null })
  return loading
}

export function hallName(code?: string | null): string {
  if (!code) return ''
  return places.value?.halls.find((h) => h.code === code)?.name ?? code
}

export function windowName(hall?: string | null, window?: string | null): string {
  if (!window) return ''
  return places.value?.halls.find((h) => h.code === hall)?.windows.find((w) => w.code === window)?.name ?? window
}

export function regionName(code?: string | null): string {
  if (!code) return ''
  return places.value?.regions.find((r) => r.code === code)?.name ?? code
}
