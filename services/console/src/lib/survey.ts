// Survey estimates for the charts: each district's interval as an error bar (an ECharts custom series), the
// survey estimate and the counted figure as points.
export interface Est { estimate: number; low: number; high: number; answers: number; yes: number; method: string; method_label: string }
export interface DistrictEstimate {
  district: string; district_name: string; sampled: number; reached: number; response_rate: number | null
  realisation: Est | null; satisfaction: Est | null
  counted: { realisation_rate: number | null; satisfaction_rate: number | null }
  gap: { realisation: { gap: number; counted_outside_interval: boolean } | null; satisfaction: { gap: number; counted_outside_interval: boolean } | null }
}

type Question = 'realisation' | 'satisfaction'

// The option of one question's chart: x the districts, y 0–100 %.
export function intervalChart(rows: DistrictEstimate[], question: Question, title: string): Record<string, unknown> {
  const names = rows.map((r) => r.district_name || r.district)
  const pct = (v: number | null | undefined) => (typeof v === 'number' ? Math.round(v * 1000) / 10 : null)
  const bars = rows.map((r, i) => { const e = r[question]; return e ? [i, pct(e.low), pct(e.high)] : [i, null, null] })
  const counted = question === 'realisation' ? 'realisation_rate' : 'satisfaction_rate'
  return {
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, data: ['调查估计值', '95% 置信区间', '统计值'] },
    grid: { left: 44, right: 16, top: 36, bottom: 48 },
    xAxis: { type: 'category', data: names },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: '95% 置信区间', type: 'custom', data: bars,
        renderItem: (_params: unknown, api: { value: (i: number) => number; coord: (p: number[]) => number[] }) => {
          if (api.value(1) == null || Number.isNaN(api.value(1))) return null
          const lo = api.coord([api.value(0), api.value(1)]), hi = api.coord([api.value(0), api.value(2)])
          const w = 8
          const style = { stroke: '#1d5fbf', lineWidth: 2 }
          return { type: 'group', children: [
            { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
            { type: 'line', shape: { x1: lo[0] - w, y1: lo[1], x2: lo[0] + w, y2: lo[1] }, style },
            { type: 'line', shape: { x1: hi[0] - w, y1: hi[1], x2: hi[0] + w, y2: hi[1] }, style },
          ] }
        },
        encode: { x: 0, y: [1, 2] }, z: 1,
      },
      { name: '调查估计值', type: 'scatter', symbolSize: 10, itemStyle: { color: '#1d5fbf' }, data: rows.map((r) => pct(r[question]?.estimate)), z: 2 },
      { name: '统计值', type: 'scatter', symbol: 'diamond', symbolSize: 11, itemStyle: { color: '#8f5600' }, data: rows.map((r) => pct(r.counted[counted])), z: 3 },
    ],
  }
}
