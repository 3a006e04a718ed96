// Checks the platform's answers recorded by the e2e tests (tests/support/response_record.cpp, one JSON line per
// answer) against the published OpenAPI document: every answer of a documented operation must have a documented
// status and media type, and a JSON body must validate against that response's schema (JSON Schema 2020-12, as
// OpenAPI 3.1 says, with ajv). Statuses any route may answer before its handler runs (the document's
// `x-ow-edge-responses`: malformed input, no or wrong session, too large, throttled, unavailable) are accepted for
// every operation when their body is a problem. Answers to paths the document does not describe (the traversal
// and unknown-route probes) are counted, not checked: the route-table test keeps routes and document in step.
//   node check_responses.mjs DOCUMENT RECORD_DIR
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const [docFile, recordDir] = process.argv.slice(2);
const doc = JSON.parse(fs.readFileSync(docFile, 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(doc, 'doc');

const pointer = (...parts) => '#/' + parts.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
const methods = ['get', 'post', 'put', 'delete', 'patch'];

// The platform's own paths (an outbound path, served by a department or the SMS gateway, names its own servers),
// most literal segments first so that /api/v1/cases/search wins over /api/v1/cases/{number}.
const templates = Object.entries(doc.paths)
  .filter(([, item]) => !item.servers)
  .map(([template, item]) => {
    const segments = template.split('/');
    const regex = new RegExp('^' + segments.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/') + '$');
    return { template, item, regex, literal: segments.filter((s) => !s.startsWith('{')).length };
  })
  .sort((a, b) => b.literal - a.literal);

const edge = doc['x-ow-edge-responses'] ?? {};
const problemSchema = ajv.getSchema('doc' + pointer('components', 'schemas', 'Problem'));
const validators = new Map();
const validatorFor = (ref) => {
  if (!validators.has(ref)) validators.set(ref, ajv.getSchema('doc' + ref) ?? ajv.compile({ $ref: 'doc' + ref }));
  return validators.get(ref);
};
const mediaOf = (contentType) => (contentType ?? '').split(';')[0].trim().toLowerCase();
const mediaMatches = (content, media) =>
  Object.keys(content).find((m) => m === media || (m.endsWith('/*') && media.startsWith(m.slice(0, -1))) || m === '*/*');

const failures = new Map();
const fail = (key, detail) => { if (!failures.has(key)) failures.set(key, detail); };
let checked = 0, undescribed = 0, edgeAnswers = 0;

const files = fs.existsSync(recordDir) ? fs.readdirSync(recordDir).filter((f) => f.endsWith('.jsonl')) : [];
for (const file of files) {
  for (const text of fs.readFileSync(path.join(recordDir, file), 'utf8').split('\n')) {
    if (!text.trim()) continue;
    const r = JSON.parse(text);
    const target = r.target.split('?')[0];
    const method = r.method.toLowerCase();
    const found = templates.find((t) => t.regex.test(target) && t.item[method]);
    if (!found) { undescribed++; continue; }
    checked++;
    const op = found.item[method];
    const where = `${r.method} ${found.template} → ${r.status}`;
    const status = String(r.status);
    const declared = op.responses?.[status] ? status : op.responses?.[status[0] + 'XX'] ? status[0] + 'XX' : op.responses?.default ? 'default' : null;
    const media = mediaOf(r.content_type);
    if (!declared) {
      if (edge[status] && media === 'application/problem+json' && problemSchema(r.body)) { edgeAnswers++; continue; }
      fail(where, `status not documented (test ${r.test})`);
      continue;
    }
    let response = op.responses[declared];
    let responsePointer = pointer('paths', found.template, method, 'responses', declared);
    if (response.$ref) { responsePointer = response.$ref; response = response.$ref.split('/').slice(1).reduce((o, k) => o[k.replaceAll('~1', '/').replaceAll('~0', '~')], doc); }
    const content = response.content ?? {};
    if (Object.keys(content).length === 0) {
      if (media && (r.body_bytes ?? 1) > 0 && r.body !== undefined) fail(where, `a ${media} body where the document has none (test ${r.test})`);
      continue;
    }
    const documented = mediaMatches(content, media);
    if (!documented) { fail(where, `media type ${media || '(none)'} not documented: ${Object.keys(content).join(', ')} (test ${r.test})`); continue; }
    if (r.unparsable_body !== undefined) { fail(where, `a JSON media type with a body that is not JSON (test ${r.test})`); continue; }
    if (r.body === undefined || !content[documented].schema) continue;
    const validate = validatorFor(pointer(...responsePointer.slice(2).split('/').map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~')), 'content', documented, 'schema'));
    if (!validate(r.body)) {
      const errors = validate.errors.slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      fail(where, `body does not match the schema: ${errors} (test ${r.test})`);
    }
  }
}

for (const [where, detail] of failures) console.log(`✗ ${where}: ${detail}`);
console.log(`${checked} answers of documented operations checked (${edgeAnswers} edge refusals), ${undescribed} to undescribed paths skipped, ${failures.size} problem(s)`);
process.exit(failures.size === 0 ? 0 : 1);
