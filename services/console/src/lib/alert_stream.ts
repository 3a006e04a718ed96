// The supervisor's live alert feed: Server-Sent Events read with fetch (EventSource cannot send the bearer
// token). Reconnects after a drop with Last-Event-ID, so alerts raised meanwhile are replayed, not lost.
import { authHeaders } from '../api'

export interface Alert {
  id: number; case_number: string | null; ticket?: string | null; clock: string; step: string | null; kind: string; level: string; region: string
  department: string | null; hall: string | null; window: string | null; raised_at: string; detail: string | null; state: string
}

export function followAlerts(onAlert: (a: Alert) => void, onStatus: (connected: boolean) => void): () => void {
  const stop = new AbortController()
  let lastId = ''
  const run = async () => {
    while (!stop.signal.aborted) {
      try {
        const headers: Record<string, string> = { ...authHeaders(), Accept: 'text/event-stream' }
        if (lastId) headers['Last-Event-ID'] = lastId
        const res = await fetch('/api/v1/alerts/stream', { headers, signal: stop.signal })
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`)
        onStatus(true)
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer += value.replace(/\r\n/g, '\n')
          let end: number
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            let id = '', event = 'message', data = ''
            for (const line of block.split('\n')) {
              if (line.startsWith('id:')) id = line.slice(3).trim()
              else if (line.startsWith('event:')) event = line.slice(6).trim()
              else if (line.startsWith('data:')) data += line.slice(5).trimStart()
            }
            if (id) lastId = id
            if (event === 'alert' && data) {
              try { onAlert(JSON.parse(data) as Alert) } catch { /* a malformed event is skipped */ }
            }
          }
        }
      } catch { /* dropped or refused: retry below */ }
      onStatus(false)
      if (!stop.signal.aborted) await new Promise((r) => setTimeout(r, 3000))
    }
  }
  run()
  return () => stop.abort()
}
