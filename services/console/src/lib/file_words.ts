// How a material file is described to people: its type, pages and size in words (no API calls: unit-tested).
// What the file picker offers (the platform decides by the bytes, not by the name).
export const acceptedFiles = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png'

const typeNames: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG图片', 'image/png': 'PNG图片' }

// 856 KB, 2.1 MB: the size as people read it.
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

// PDF · 3页 · 2.1 MB; a licence's document from the e-licence library says so first.
export function fileSummary(f: { media_type: string; pages: number | null; size_bytes: number; source?: string }): string {
  const parts = f.source === 'elicense' ? ['电子证照库', typeNames[f.media_type] ?? '文件'] : [typeNames[f.media_type] ?? '文件']
  if (f.media_type === 'application/pdf' && f.pages) parts.push(`${f.pages}页`)
  parts.push(fileSize(f.size_bytes))
  return parts.join(' · ')
}
