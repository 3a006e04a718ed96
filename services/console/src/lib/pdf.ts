// PDF pages drawn on a canvas with pdf.js (pdfjs-dist), its parser in a worker served from our own assets (the
// console's CSP allows scripts from 'self' only; no eval). Imported with import() by the material viewer only,
// so pdf.js is a chunk of its own that the console's screens do not download until a PDF is opened.
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'
import gbEncodingUrl from 'pdfjs-dist/cmaps/UniGB-UCS2-H.bcmap?url'
import gbUnicodeUrl from 'pdfjs-dist/cmaps/Adobe-GB1-UCS2.bcmap?url'

GlobalWorkerOptions.workerSrc = workerUrl

export type PdfDocument = PDFDocumentProxy

// The character maps of the Chinese standard fonts (STSong-Light in UniGB-UCS2-H, as the e-licence library's
// documents use), served from our own assets and fetched only when a PDF asks for them.
const bundledCMaps: Record<string, string> = { 'UniGB-UCS2-H': gbEncodingUrl, 'Adobe-GB1-UCS2': gbUnicodeUrl }
class BundledCMapReader {
  async fetch({ name }: { name: string }): Promise<{ cMapData: Uint8Array; isCompressed: boolean }> {
    const url = bundledCMaps[name]
    if (!url) throw new Error(`文件使用的字符映射 ${name} 未随控制台提供`)
    const res = await fetch(url)
    if (!res.ok) throw new Error(`字符映射 ${name} 读取失败`)
    return { cMapData: new Uint8Array(await res.arrayBuffer()), isCompressed: true }
  }
}

export async function openPdf(bytes: ArrayBuffer): Promise<PdfDocument> {
  return getDocument({
    data: new Uint8Array(bytes), isEvalSupported: false,
    CMapReaderFactory: BundledCMapReader,
  }).promise
}

// The page's size in CSS pixels at zoom 1 (72 dpi) turned by `rotation` degrees.
export async function pageSize(doc: PdfDocument, n: number, rotation: number): Promise<{ width: number; height: number }> {
  const vp = (await doc.getPage(n)).getViewport({ scale: 1, rotation })
  return { width: vp.width, height: vp.height }
}

let current: RenderTask | null = null

// Draws page `n` on `canvas` at `zoom`, turned by `rotation` degrees, sharp on high-density screens. A draw still
// running is cancelled first (zooming quickly draws only the last size).
export async function drawPage(doc: PdfDocument, n: number, canvas: HTMLCanvasElement, zoom: number, rotation: number) {
  current?.cancel()
  const page = await doc.getPage(n)
  const ratio = window.devicePixelRatio || 1
  const vp = page.getViewport({ scale: zoom * ratio, rotation })
  canvas.width = Math.floor(vp.width)
  canvas.height = Math.floor(vp.height)
  canvas.style.width = `${Math.floor(vp.width / ratio)}px`
  canvas.style.height = `${Math.floor(vp.height / ratio)}px`
  const task = page.render({ canvasContext: canvas.getContext('2d')!, viewport: vp })
  current = task
  try {
    await task.promise
  } catch (e) {
    if ((e as Error)?.name !== 'RenderingCancelledException') throw e
  } finally {
    if (current === task) current = null
  }
}
