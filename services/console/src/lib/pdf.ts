// PDF pages drawn on a canvas with pdf.js (pdfjs-dist), its parser in a worker served from our own assets (the
// console's CSP allows scripts from 'self' only; no eval). Imported with import() by the material viewer only,
// so pdf.js is a chunk of its own that the console's screens do not download until a PDF is opened.
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'

GlobalWorkerOptions.workerSrc = workerUrl

export type PdfDocument = PDFDocumentProxy

export async function openPdf(bytes: ArrayBuffer): Promise<PdfDocument> {
  return getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise
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
