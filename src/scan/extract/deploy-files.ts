/**
 * Deployment files already in the repository: Dockerfiles (read by ./dockerfile.ts), fly.toml
 * (smol-toml), `rel/` overlays and scripts, Kubernetes manifests and GitHub workflows (yaml), and
 * Terraform files (tree-sitter-hcl, ./hcl.ts).
 */
import type { parse as parseTomlT } from 'smol-toml';
import type { parseAllDocuments as parseAllDocumentsT } from 'yaml';
import { named } from '../../model/interop.js';
import { isConnectionUrlName, isCredentialName, isPlaceholderValue } from '../redact.js';
import type { FlyTomlInfo, ScriptInfo, Suppression, YamlDoc } from '../profile.js';
import { loadHclParser } from './hcl.js';
import type * as Schemas from './deploy-schemas.js';
import type { K8sContainer, K8sObject } from './deploy-schemas.js';

// Each parser loads only when the project has a file of its kind (loading them costs more than most
// parses), and the schemas that type the parsed documents with them.
const loaded: { toml?: typeof parseTomlT; yaml?: typeof parseAllDocumentsT; schemas?: typeof Schemas } = {};

export type DeployParser = 'toml' | 'yaml' | 'hcl';

export async function loadDeployParsers(which: ReadonlySet<DeployParser> = new Set(['toml', 'yaml'])): Promise<void> {
  await Promise.all([
    which.has('hcl') ? loadHclParser() : null,
    which.has('toml') && !loaded.toml ? import('smol-toml').then((t) => void (loaded.toml = named(t, 'parse').parse)) : null,
    which.has('yaml') && !loaded.yaml ? import('yaml').then((y) => void (loaded.yaml = named(y, 'parseAllDocuments').parseAllDocuments)) : null,
    (which.has('toml') || which.has('yaml')) && !loaded.schemas ? import('./deploy-schemas.js').then((m) => void (loaded.schemas = m)) : null,
  ]);
}

/** A loaded parser; reading a document before `loadDeployParsers` loaded its kind is a bug. */
function need<K extends keyof typeof loaded>(kind: K): NonNullable<(typeof loaded)[K]> {
  const p = loaded[kind];
  if (!p) throw new Error(`the ${kind} parser is used before loadDeployParsers() loaded it`);
  return p;
}

const SUPPRESS = /^\s*#\s*phoenix-ops:ignore\s+([a-z0-9-]+)\s*(.*)$/;

/** Extensions that make `Dockerfile.<ext>` a document, template or source file rather than a Dockerfile. */
const NOT_A_DOCKERFILE = /^(md|markdown|txt|rst|adoc|html?|ts|tsx|js|mjs|cjs|ex|exs|eex|heex|json|ya?ml|toml|rb|py|go|rs|sh|erb|j2|jinja|tmpl|tpl|template|bak|orig|swp|example|sample)$/i;

/** `Dockerfile`, `Dockerfile.prod`, `Containerfile`, `web.Dockerfile`, `app.dockerfile` — not `Dockerfile.md` or `dockerfile.ts`. */
export function isDockerfileName(base: string): boolean {
  if (base === 'Dockerfile' || base === 'dockerfile' || base === 'Containerfile') return true;
  const ext = /^(Dockerfile|Containerfile)\.(.+)$/.exec(base)?.[2];
  if (ext !== undefined) return !NOT_A_DOCKERFILE.test(ext);
  return /^[\w.-]+\.(Dockerfile|dockerfile|Containerfile)$/.test(base);
}

export { extractDockerfile } from './dockerfile.js';

export function isFlyTomlName(base: string): boolean {
  return /^fly(\.[\w-]+)?\.toml$/i.test(base);
}

export function extractFlyToml(file: string, text: string, suppressions: Suppression[]): { info: FlyTomlInfo; error: string | null } {
  const lines: Record<string, number> = {};
  // Line numbers for evidence only: the TOML parser gives values, not positions.
  let table = '';
  const arrayCounts: Record<string, number> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    const m = SUPPRESS.exec(line);
    if (m?.[1]) suppressions.push({ file, line: i + 1, ruleId: m[1], reason: (m[2] ?? '').trim() });
    if (!line || line.startsWith('#')) return;
    const arr = /^\[\[\s*([^\]]+?)\s*\]\]/.exec(line);
    const tbl = /^\[\s*([^\]]+?)\s*\]/.exec(line);
    if (arr?.[1]) {
      const name = arr[1];
      const index = (arrayCounts[name] ?? -1) + 1;
      arrayCounts[name] = index;
      table = `${name}.${index}`;
      lines[table] ??= i + 1;
      lines[name] ??= i + 1;
      return;
    }
    if (tbl?.[1]) {
      table = tbl[1];
      lines[table] ??= i + 1;
      return;
    }
    const key = /^([A-Za-z0-9_."-]+)\s*=/.exec(line)?.[1]?.replace(/"/g, '');
    if (key) lines[table ? `${table}.${key}` : key] ??= i + 1;
  });
  let parsed: unknown;
  try {
    parsed = need('toml')(text);
  } catch (e) {
    return { info: { file, data: null, lines, issues: [] }, error: e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e) };
  }
  const { data, issues } = need('schemas').readFlyToml(parsed);
  return { info: { file, data, lines, issues }, error: null };
}

export function extractScript(file: string, text: string, mode: { executable: boolean; from: ScriptInfo['modeFrom'] }): ScriptInfo {
  const first = text.split('\n', 1)[0] ?? '';
  return { file, executable: mode.executable, modeFrom: mode.from, crlf: text.includes('\r\n'), shebang: first.startsWith('#!') ? first.slice(2).trim() : null, text };
}

/** The documents of a YAML text as plain values ([] when it does not parse). Parser warnings are silenced. */
export function yamlValues(text: string): unknown[] {
  try {
    return need('yaml')(text, { logLevel: 'silent' }).map((d) => d.toJS() as unknown);
  } catch {
    return [];
  }
}

/** A TOML text as a plain value, or null when it does not parse. */
export function tomlValue(text: string): unknown {
  try {
    return need('toml')(text);
  } catch {
    return null;
  }
}

/** Kubernetes objects in a YAML file (documents with apiVersion + kind), or [] when it is not one. */
export function extractK8s(file: string, text: string): YamlDoc[] {
  const out: YamlDoc[] = [];
  try {
    // A Helm template is YAML only in part (`{{ include … }}` keys): the parser's warnings about such keys
    // would reach stderr as Node warnings, so they are silenced; such a document is not a Kubernetes object.
    for (const doc of need('yaml')(text, { logLevel: 'silent' })) {
      const v = need('schemas').readK8sObject(doc.toJS());
      if (v) out.push(k8sDoc(file, v));
    }
  } catch {
    return [];
  }
  return out;
}

function k8sDoc(file: string, v: K8sObject): YamlDoc {
  const containers = podContainers(v);
  const probes = (c: K8sContainer) => [c.livenessProbe, c.readinessProbe, c.startupProbe].map((pr) => pr?.httpGet?.path).filter((x): x is string => typeof x === 'string');
  return {
    file,
    kind: v.kind,
    apiVersion: v.apiVersion,
    name: v.metadata?.name ?? null,
    namespace: v.metadata?.namespace ?? null,
    containerPorts: containers.flatMap((c) => (c.ports ?? []).map((port) => port.containerPort).filter((n): n is number => n !== undefined)),
    replicas: v.spec?.replicas ?? null,
    env: [...new Set(containers.flatMap((c) => (c.env ?? []).map((e) => e.name ?? '').filter(Boolean)))],
    commands: containers.map((c) => [...(c.command ?? []), ...(c.args ?? [])].join(' ')).filter(Boolean),
    probePaths: [...new Set(containers.flatMap(probes))],
  };
}

/**
 * True when every credential-named variable of a dotenv file has a placeholder value: a template
 * (`SECRET_KEY_BASE=[generate by running …]`), not a file of secrets. Values are never kept.
 */
export function dotenvTemplateOnly(text: string): boolean {
  let secrets = 0;
  for (const raw of text.split(/\r?\n/)) {
    const [, name, rawValue = ''] = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(raw) ?? [];
    if (!name || !(isCredentialName(name) || isConnectionUrlName(name))) continue;
    secrets += 1;
    const value = rawValue.replace(/\s+#.*$/, '');
    if (!isPlaceholderValue(value) && !isConnectionUrlPlaceholder(value)) return false;
  }
  return secrets > 0;
}

/** `postgres://postgres:postgres@db/app`: a URL whose password is a placeholder or local default. */
function isConnectionUrlPlaceholder(value: string): boolean {
  const m = /^\s*["']?[a-z][a-z0-9+.-]*:\/\/([^/\s:@]*)(?::([^@\s]*))?@/i.exec(value);
  return !!m && (m[2] === undefined || isPlaceholderValue(m[2]));
}

/** Variable names (never values) defined in a dotenv file. */
export function dotenvKeys(text: string): string[] {
  const keys: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const name = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(raw)?.[1];
    if (name) keys.push(name);
  }
  return keys;
}

export function dockerignorePatterns(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Containers (and init containers) of a workload's pod template, whatever the kind. */
function podContainers(v: K8sObject): K8sContainer[] {
  const spec = v.spec;
  if (!spec) return [];
  const pod = spec.template?.spec ?? spec.jobTemplate?.spec?.template?.spec ?? (v.kind === 'Pod' ? spec : undefined);
  if (!pod) return [];
  return [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
}

/** `ENV A=1 B="2"` / `ENV A 1` → { A: '1', B: '2' }. */
export function dockerEnvPairs(args: string): Record<string, string> {
  const out: Record<string, string> = {};
  const trimmed = args.trim();
  if (!(trimmed.split(/\s+/)[0] ?? '').includes('=')) {
    const [, name, value] = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.*)$/.exec(trimmed) ?? [];
    if (name && value !== undefined) out[name] = value.replace(/^"(.*)"$/, '$1');
    return out;
  }
  for (const [, name = '', value = ''] of trimmed.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
    out[name] = value.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return out;
}
