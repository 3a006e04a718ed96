// Uploading a material file (a scan or a phone photo) to the platform with progress: the body is the file itself,
// its name in the query; the platform types it by its bytes. A problem answer becomes an ApiError with the
// problem's Chinese title, as api() does. Cookies (the applicant's session) go along: same origin.
import { ApiError } from '../api'

export interface MaterialFile {
  id: number; material: string; file_name: string; media_type: string; size_bytes: number; pages: number | null
  uploaded_at: string; url: string; stored_before?: boolean
  source?: 'upload' | 'elicense'  // elicense: the licence's document from the e-licence library
}

// What the phone's picker may offer: the types the platform keeps.
export const acceptedTypes = 'application/pdf,image/jpeg,image/png'

// 820 字节, 12.5 KB, 2.1 MB.
export function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

// 身份证.pdf（2页，12.5 KB）
export function fileLabel(f: MaterialFile): string {
  const pages = f.media_type === 'application/pdf' && f.pages ? `${f.pages}页，` : ''
  const from = f.source === 'elicense' ? '电子证照库调取，' : ''
  return `${f.file_name}（${from}${pages}${sizeLabel(f.size_bytes)}）`
}

export function uploadFile(url: string, file: File, headers: Record<string, string>,
                           onProgress: (percent: number) => void): Promise<MaterialFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${url}?name=${encodeURIComponent(file.name)}`)
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v)
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(Math.round((100 * e.loaded) / e.total)) }
    xhr.onload = () => {
      let data: Record<string, unknown> = {}
      try { data = xhr.responseText ? JSON.parse(xhr.responseText) : {} } catch { data = {} }
      if (xhr.status >= 200 && xhr.status < 300) { onProgress(100); resolve(data as unknown as MaterialFile); return }
      const title = xhr.status === 413 && !data.title ? '文件太大，无法上传' : String(data.title ?? `上传失败（HTTP ${xhr.status}）`)
      reject(new ApiError(title, xhr.status, String(data.code ?? ''), typeof data.field === 'string' ? data.field : undefined, data))
    }
    xhr.onerror = () => reject(new ApiError('网络中断，文件没有上传成功，请重试', 0, 'network'))
    xhr.send(file)
  })
}
