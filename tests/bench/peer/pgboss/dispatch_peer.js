// The dispatch benchmark's peer (issue 23, goal 1): pg-boss doing the dispatcher's job on the same
// PostgreSQL. One job per task; workers fetch jobs, POST the signed task (the platform's wire format:
// X-OW-Timestamp, X-OW-Signature = HMAC-SHA256(secret, timestamp + "." + body), Idempotency-Key) to the
// same department simulator, and complete the jobs. Prints the pushes acknowledged per second.
//   node dispatch_peer.js DB_URL SIM_URL DEPARTMENT SECRET JOBS PROCESSES [LANES] [BATCH]
// LANES: pushes in flight per process (the dispatcher's per-department concurrency, 4); BATCH: jobs fetched
// per fetch (pg-boss's batchSize). Workers fetch in a tight loop (boss.fetch/boss.complete), not through
// boss.work(), whose polling waits at least 0.5 s between fetches: the strongest form of the peer.
'use strict'
const { fork } = require('child_process')
const crypto = require('crypto')
const http = require('http')
const PgBoss = require('pg-boss')

const [url, simUrl, department, secret, jobsArg, processesArg, lanesArg, batchArg] = process.argv.slice(2)
// A queue of its own per run (completed jobs of an earlier run stay in pgboss.job until archived).
const queue = process.env.PEER_QUEUE || ('dispatch-' + department.toLowerCase() + '-' + Date.now())
const jobs = Number(jobsArg); const processes = Number(processesArg)
const lanes = Number(lanesArg || 4); const batch = Number(batchArg || 4)
const agent = new http.Agent({ keepAlive: true, maxSockets: lanes })

// The shape and size of the platform's task payload (services/dispatcher/task_payload.cpp); the key is new to
// the simulator in each run (a key it has seen gets the cheaper duplicate answer).
function payload (i) {
  const number = '33010620261128' + String(i).padStart(6, '0') + 'X'
  return {
    kind: 'task', idempotency_key: 'pgboss:' + queue + ':' + number + ':register', task_id: i, case_number: number,
    bundle: 'QYKB', step: 'register', department, task_state: 'Dispatching',
    applicant: { kind: 'enterprise', name: '压测企业' + i, credit_code: '91110000802100433B',
      representative: { name: '张三', id_number: '110101199003074514' } },
    contact_phone: '13812345678', attributes: { needs_invoice: true, needs_bank_account: true },
    materials: [{ id: 'id_card', form: 'original' }, { id: 'articles', form: 'original' },
      { id: 'premises_proof', form: 'copy' }, { id: 'company_application', form: 'original' }],
    produced_by_earlier_steps: [], budget_minutes: 120,
    due_at: '2026-11-30T17:00:00+08:00', case_committed_due_at: '2026-11-30T17:00:00+08:00'
  }
}

function push (body, key) {
  return new Promise((resolve, reject) => {
    const ts = String(Math.floor(Date.now() / 1000))
    const sig = crypto.createHmac('sha256', secret).update(ts + '.' + body).digest('hex')
    const u = new URL(simUrl + '/' + department + '/tasks')
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body),
        'Idempotency-Key': key, 'X-OW-Timestamp': ts, 'X-OW-Signature': sig, 'X-OW-Department': department } },
    res => { res.resume(); res.on('end', () => res.statusCode === 200 ? resolve() : reject(new Error('HTTP ' + res.statusCode))) })
    req.setTimeout(10000, () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end(body)
  })
}

async function worker () {  // a child process: LANES loops of fetch → push → complete until the queue is empty
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: lanes + 2, supervise: false, schedule: false })
  boss.on('error', e => console.error(e.message))
  await boss.start()
  let idle = 0
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (idle < 20) {
      const got = await boss.fetch(queue, { batchSize: batch })
      if (!got || got.length === 0) { idle++; await new Promise(r => setTimeout(r, 50)); continue }
      idle = 0
      const done = []; const failed = []
      for (const job of got) {
        try { await push(JSON.stringify(job.data), job.data.idempotency_key); done.push(job.id) } catch (e) { failed.push(job.id) }
      }
      if (done.length) await boss.complete(queue, done)
      if (failed.length) await boss.fail(queue, failed)
    }
  }))
  await boss.stop({ graceful: false, wait: false })
  process.exit(0)
}

async function main () {
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', supervise: false, schedule: false })
  boss.on('error', e => console.error(e.message))
  await boss.start()
  await boss.createQueue(queue)
  for (let i = 0; i < jobs; i += 1000) {
    const chunk = []
    for (let j = i; j < Math.min(jobs, i + 1000); j++) chunk.push({ name: queue, data: payload(j + 1) })
    await boss.insert(chunk)
  }
  const started = Date.now()
  const children = Array.from({ length: processes }, () => fork(__filename, process.argv.slice(2), { env: { ...process.env, PEER_WORKER: '1', PEER_QUEUE: queue } }))
  let completed = 0
  for (;;) {
    const { rows } = await boss.getDb().executeSql(
      "SELECT count(*) FILTER (WHERE state = 'completed')::int AS done, count(*) FILTER (WHERE state = 'failed')::int AS failed FROM pgboss.job WHERE name = $1", [queue])
    completed = rows[0].done
    if (completed + rows[0].failed >= jobs) break
    await new Promise(r => setTimeout(r, 100))
  }
  const seconds = (Date.now() - started) / 1000
  console.log(`pg-boss ${processes} process(es), ${lanes} in flight each, batch ${batch}: ${completed} pushes acknowledged in ${seconds.toFixed(1)} s: ${(completed / seconds).toFixed(1)} pushes/s`)
  const { rows: span } = await boss.getDb().executeSql(  // where the run's time went, as the platform's side prints it
    'SELECT extract(epoch FROM min(started_on))::float8 AS first, extract(epoch FROM max(completed_on))::float8 AS last FROM pgboss.job WHERE name = $1', [queue])
  const after = t => (t - started / 1000).toFixed(2)
  console.log(`    first job started ${after(span[0].first)} s after the start, last completed ${after(span[0].last)} s after the start (of ${seconds.toFixed(2)} s)`)
  children.forEach(c => c.kill())
  await boss.stop({ graceful: false, wait: false })
  process.exit(0)
}

(process.env.PEER_WORKER ? worker() : main()).catch(e => { console.error(e); process.exit(1) })
