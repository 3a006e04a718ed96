// Material files of a case (scans and photos): listing, uploading one at the counter, fetching one's bytes
// (each fetch is recorded by the platform as a personal-data access), and how a file is described in words.
import { ApiError, api, authHeaders } from '../api'

export interface MaterialFile {
  id: number; material: string; file_name: string; sha256: string; media_type: string; size_bytes: number
  pages: number | null; uploaded_at: string; url: string; stored_before?: boolean; virus_scanned?: boolean
  source?: 'upload' | 'elicense'; source_name?: string
}

export { acceptedFiles, fileSize, fileSummary } from './file_words'

// A case's materials with their names from the catalog version it was accepted under.
export async function caseMaterials(number: string): Promise<{ id: string; name: string }[]> {
  const c = await api<{ bundle: string; catalog_version: number; materials: { id: string }[] }>('GET', `/api/v1/cases/${number}`)
  const guide = await api<{ materials: { id: string; name: string }[] }>('GET', `/api/v1/bundles/${c.bundle}?version=${c.catalog_version}`)
  return c.materials.map((m) => ({ id: m.id, name: guide.materials.find((g) => g.id === m.id)?.name ?? m.id }))
}

export async function listFiles(number: string): Promise<MaterialFile[]> {
  return (await api<{ items: MaterialFile[] }>('GET', `/api/v1/cases/${number}/files`)).items
}

// A refused request's Chinese title (problem+json), or a plain sentence with the status.
async function refusal(res: Response): Promise<ApiError> {
  let data: Record<string, unknown> = {}
  try { data = JSON.parse(await res.text()) } catch { /* not a problem document */ }
  // A file far over the limit is refused by the server's transport (its general 请求体过大): said as the file's limit.
  const title = res.status === 413 && data.code !== 'case_files_too_large' ? '材料文件超过大小上限'
    : typeof data.title === 'string' ? data.title : `请求失败（HTTP ${res.status}）`
  return new ApiError(title, res.status, String(data.code ?? ''), typeof data.field === 'string' ? data.field : undefined, data)
}

// Uploads `file` (a scan from the document camera or a file from disk) as material `material` of case `number`.
export async function uploadFile(number: string, material: string, file: File): Promise<MaterialFile> {
  const path = `/api/v1/cases/${number}/materials/${encodeURIComponent(material)}/files?name=${encodeURIComponent(file.name)}`
  let res: Response
  try {
    res = await fetch(path, { method: 'POST', headers: { ...authHeaders(), 'Content-Type': 'application/octet-stream' }, body: file })
  } catch {
    throw new ApiError('上传中断，请检查网络后重新上传', 0, 'network')
  }
  if (!res.ok) throw await refusal(res)
  return (await res.json()) as MaterialFile
}

// One file's bytes, through the route that records the view.
export async function fetchFile(url: string): Promise<Blob> {
  let res: Response
  try {
    res = await fetch(url, { headers: authHeaders() })
  } catch {
    throw new ApiError('无法连接服务器，请检查网络后重试', 0, 'network')
  }
  if (!res.ok) throw await refusal(res)
  return res.blob()
}
