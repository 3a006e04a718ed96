// Validates Kubernetes manifests offline: each YAML document against the JSON schema of its apiVersion and kind
// that kubernetes-models bundles (types, required fields, formats), and strictly — like `kubectl apply
// --validate=strict` — refusing any field the API does not define (read from the models' type declarations,
// since the bundled schemas allow unknown fields). A kustomization.yaml must list every manifest beside it.
//   node validate.mjs FILE_OR_DIR...      exit 0 when every document is valid; one line per problem otherwise
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const here = path.dirname(fileURLToPath(import.meta.url));
const models = path.join(here, "node_modules", "kubernetes-models");
const problems = [];
let checked = 0;

// apiVersion "apps/v1" → kubernetes-models/apps/v1; the core group "v1" → kubernetes-models/v1.
function modelPath(apiVersion, kind) {
  return path.join(models, ...apiVersion.split("/"), kind);
}

// The properties of the interface a .d.ts file declares: name → {type text, resolved file of a model type}.
const interfaces = new Map();
function readInterface(dts) {
  if (interfaces.has(dts)) return interfaces.get(dts);
  const text = fs.readFileSync(dts, "utf8");
  const imports = new Map();
  for (const m of text.matchAll(/^import \{ (\w+) \} from "([^"]+)";$/gm)) {
    const from = m[2].startsWith(".") ? path.resolve(path.dirname(dts), m[2]) : path.join(here, "node_modules", m[2]);
    imports.set(m[1], from.replace(/\.js$/, "") + ".d.ts");
  }
  const body = text.match(/^export interface \w+(?: extends \w+)? \{\n([\s\S]*?)^\}/m);
  let props = null;  // null: not an object type (a string, a quantity, int-or-string…)
  if (body) {
    props = new Map();
    for (const m of body[1].matchAll(/^ {4}"([^"]+)"\??: ([^\n]*?);?$/gm)) {
      let type = m[2];
      let map = false;
      if (type === "{") {  // an inline map: { [key: string]: T; }
        const rest = body[1].slice(m.index + m[0].length);
        type = rest.match(/\[key: string\]: ([^;]+);/)[1];
        map = true;
      }
      const array = type.match(/^Array<(\w+)>$/);
      const element = array ? array[1] : type;
      props.set(m[1], { array: !!array, map, file: imports.get(element) || null });
    }
  }
  interfaces.set(dts, props);
  return props;
}

function strict(value, dts, where) {
  const props = readInterface(dts);
  if (!props || value === null || typeof value !== "object" || Array.isArray(value)) return;
  for (const [key, v] of Object.entries(value)) {
    const p = props.get(key);
    if (!p) {
      problems.push(`${where}.${key}: unknown field`);
      continue;
    }
    if (!p.file) continue;
    const each = (x, w) => strict(x, p.file, w);
    if (p.array && Array.isArray(v)) v.forEach((x, i) => each(x, `${where}.${key}[${i}]`));
    else if (p.map && v && typeof v === "object") for (const [k, x] of Object.entries(v)) each(x, `${where}.${key}.${k}`);
    else each(v, `${where}.${key}`);
  }
}

async function validateDocument(doc, where) {
  if (!doc || typeof doc !== "object") return problems.push(`${where}: not a mapping`);
  const { apiVersion, kind } = doc;
  if (apiVersion === "kustomize.config.k8s.io/v1beta1" && kind === "Kustomization") return;
  const file = modelPath(String(apiVersion), String(kind));
  if (!fs.existsSync(file + ".js")) return problems.push(`${where}: unknown apiVersion/kind ${apiVersion}/${kind}`);
  const Model = (await import(file + ".js"))[kind];
  try {
    new Model(doc).validate();
  } catch (e) {
    problems.push(`${where} (${kind} ${doc.metadata?.name}): ${e.message}`);
  }
  strict(doc, file + ".d.ts", `${where} (${kind} ${doc.metadata?.name})`);
  if (!doc.metadata?.name) problems.push(`${where}: no metadata.name`);
  checked++;
}

async function validateFile(file) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, "utf8"));
  for (const [i, d] of docs.entries()) {
    if (d.errors.length) {
      problems.push(`${file}#${i + 1}: ${d.errors[0].message}`);
      continue;
    }
    await validateDocument(d.toJS(), `${path.basename(file)}#${i + 1}`);
  }
}

function checkKustomization(dir) {
  const k = path.join(dir, "kustomization.yaml");
  if (!fs.existsSync(k)) return;
  const listed = new Set(YAML.parse(fs.readFileSync(k, "utf8")).resources || []);
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml"))
    if (!listed.has(f)) problems.push(`kustomization.yaml: ${f} is not listed in resources`);
  for (const f of listed) if (!fs.existsSync(path.join(dir, f))) problems.push(`kustomization.yaml: ${f} does not exist`);
}

const files = [];
for (const arg of process.argv.slice(2)) {
  if (fs.statSync(arg).isDirectory()) {
    checkKustomization(arg);
    const walk = (d) =>
      fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(e.name)) files.push(p);
      });
    walk(arg);
  } else files.push(arg);
}
for (const f of files.sort()) await validateFile(f);
for (const p of problems) console.log(p);
console.log(`${checked} Kubernetes objects in ${files.length} files checked, ${problems.length} problem(s)`);
process.exit(problems.length || checked === 0 ? 1 : 0);
