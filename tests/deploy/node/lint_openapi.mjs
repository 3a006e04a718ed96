// Lints an OpenAPI document with @redocly/openapi-core (pinned in package-lock.json) against redocly.yaml
// beside this file; every problem, warning or error, is printed and fails the check.
//   node lint_openapi.mjs DOCUMENT
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { lint, loadConfig } from '@redocly/openapi-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const config = await loadConfig({ configPath: path.join(here, 'redocly.yaml') });
const problems = await lint({ ref: process.argv[2], config });
for (const p of problems)
  console.log(`${p.severity} ${p.ruleId}: ${p.message} (${p.location?.[0]?.pointer ?? ''})`);
console.log(problems.length === 0 ? 'OpenAPI document: no problems' : `${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
