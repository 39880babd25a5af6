/**
 * Deployment files already in the repository: Dockerfiles (read by ./dockerfile.ts), fly.toml
 * (smol-toml), `rel/` overlays and scripts, Kubernetes manifests and GitHub workflows (yaml).
 */
import type { parse as parseTomlT } from 'smol-toml';
import type { parseAllDocuments as parseAllDocumentsT } from 'yaml';
import { named } from '../../model/interop.js';
import { isConnectionUrlName, isPlaceholderValue, isSecretName } from '../redact.js';
import type { FlyTomlInfo, ScriptInfo, Suppression, YamlDoc } from '../profile.js';

// Each parser loads only when the project has a file of its kind (loading them costs more than most parses).
let parseToml: typeof parseTomlT | undefined;
let parseAllDocuments: typeof parseAllDocumentsT | undefined;

export type DeployParser = 'toml' | 'yaml';

export async function loadDeployParsers(which: ReadonlySet<DeployParser> = new Set(['toml', 'yaml'])): Promise<void> {
  await Promise.all([
    which.has('toml') && !parseToml ? import('smol-toml').then((t) => void (parseToml = named(t, 'parse').parse)) : null,
    which.has('yaml') && !parseAllDocuments ? import('yaml').then((y) => void (parseAllDocuments = named(y, 'parseAllDocuments').parseAllDocuments)) : null,
  ]);
}

const SUPPRESS = /^\s*#\s*phoenix-ops:ignore\s+([a-z0-9-]+)\s*(.*)$/;

/** Extensions that make `Dockerfile.<ext>` a document, template or source file rather than a Dockerfile. */
const NOT_A_DOCKERFILE = /^(md|markdown|txt|rst|adoc|html?|ts|tsx|js|mjs|cjs|ex|exs|eex|heex|json|ya?ml|toml|rb|py|go|rs|sh|erb|j2|jinja|tmpl|tpl|template|bak|orig|swp|example|sample)$/i;

/** `Dockerfile`, `Dockerfile.prod`, `Containerfile`, `web.Dockerfile`, `app.dockerfile` — not `Dockerfile.md` or `dockerfile.ts`. */
export function isDockerfileName(base: string): boolean {
  if (base === 'Dockerfile' || base === 'dockerfile' || base === 'Containerfile') return true;
  const m = /^(Dockerfile|Containerfile)\.(.+)$/.exec(base);
  if (m) return !NOT_A_DOCKERFILE.test(m[2]!);
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
    if (m) suppressions.push({ file, line: i + 1, ruleId: m[1]!, reason: m[2]!.trim() });
    if (!line || line.startsWith('#')) return;
    const arr = /^\[\[\s*([^\]]+?)\s*\]\]/.exec(line);
    const tbl = /^\[\s*([^\]]+?)\s*\]/.exec(line);
    if (arr) {
      const name = arr[1]!;
      arrayCounts[name] = (arrayCounts[name] ?? -1) + 1;
      table = `${name}.${arrayCounts[name]}`;
      lines[table] ??= i + 1;
      lines[name] ??= i + 1;
      return;
    }
    if (tbl) {
      table = tbl[1]!;
      lines[table] ??= i + 1;
      return;
    }
    const kv = /^([A-Za-z0-9_."-]+)\s*=/.exec(line);
    if (kv) lines[table ? `${table}.${kv[1]!.replace(/"/g, '')}` : kv[1]!.replace(/"/g, '')] ??= i + 1;
  });
  try {
    return { info: { file, data: parseToml!(text) as Record<string, unknown>, lines }, error: null };
  } catch (e) {
    return { info: { file, data: null, lines }, error: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
  }
}

export function extractScript(file: string, text: string, executable: boolean): ScriptInfo {
  const first = text.split('\n', 1)[0] ?? '';
  return { file, executable, crlf: text.includes('\r\n'), shebang: first.startsWith('#!') ? first.slice(2).trim() : null, text };
}

/** Kubernetes objects in a YAML file (documents with apiVersion + kind), or [] when it is not one. */
export function extractK8s(file: string, text: string): YamlDoc[] {
  const out: YamlDoc[] = [];
  try {
    for (const doc of parseAllDocuments!(text)) {
      const v = doc.toJS() as Record<string, unknown> | null;
      if (!v || typeof v !== 'object') continue;
      if (typeof v.apiVersion === 'string' && typeof v.kind === 'string') {
        const meta = v.metadata as Record<string, unknown> | undefined;
        const spec = (v.spec ?? {}) as Record<string, unknown>;
        const containers = podContainers(v);
        out.push({
          file,
          kind: v.kind,
          apiVersion: v.apiVersion,
          name: typeof meta?.name === 'string' ? meta.name : null,
          namespace: typeof meta?.namespace === 'string' ? meta.namespace : null,
          containerPorts: containers.flatMap((c) => (Array.isArray(c.ports) ? c.ports : []).map((p: { containerPort?: unknown }) => p?.containerPort).filter((n): n is number => typeof n === 'number' && Number.isInteger(n))),
          replicas: typeof spec.replicas === 'number' ? spec.replicas : null,
          env: [...new Set(containers.flatMap((c) => (Array.isArray(c.env) ? c.env : []).map((e: { name?: unknown }) => (typeof e?.name === 'string' ? e.name : '')).filter(Boolean)))],
          commands: containers.map((c) => [...asStrings(c.command), ...asStrings(c.args)].join(' ')).filter(Boolean),
          probePaths: [
            ...new Set(
              containers.flatMap((c) =>
                ['livenessProbe', 'readinessProbe', 'startupProbe'].map((k) => (c[k] as { httpGet?: { path?: unknown } } | undefined)?.httpGet?.path).filter((x): x is string => typeof x === 'string'),
              ),
            ),
          ],
        });
      }
    }
  } catch {
    return [];
  }
  return out;
}

/**
 * True when every credential-named variable of a dotenv file has a placeholder value: a template
 * (`SECRET_KEY_BASE=[generate by running …]`), not a file of secrets. Values are never kept.
 */
export function dotenvTemplateOnly(text: string): boolean {
  let secrets = 0;
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(raw);
    if (!m || !(isSecretName(m[1]!) || isConnectionUrlName(m[1]!))) continue;
    secrets += 1;
    const value = m[2]!.replace(/\s+#.*$/, '');
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
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(raw);
    if (m) keys.push(m[1]!);
  }
  return keys;
}

export function dockerignorePatterns(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

function asStrings(x: unknown): string[] {
  return Array.isArray(x) ? x.filter((i): i is string => typeof i === 'string') : [];
}

/** Containers (and init containers) of a workload's pod template, whatever the kind. */
function podContainers(v: Record<string, unknown>): Record<string, unknown>[] {
  const spec = v.spec as Record<string, unknown> | undefined;
  if (!spec) return [];
  const jobTemplate = spec.jobTemplate as { spec?: { template?: { spec?: Record<string, unknown> } } } | undefined;
  const template = (spec.template as { spec?: Record<string, unknown> } | undefined) ?? jobTemplate?.spec?.template;
  const pod = template?.spec ?? (v.kind === 'Pod' ? spec : undefined);
  if (!pod) return [];
  const list = (k: string) => (Array.isArray(pod[k]) ? (pod[k] as Record<string, unknown>[]) : []);
  return [...list('initContainers'), ...list('containers')].filter((c) => c && typeof c === 'object');
}

/** `ENV A=1 B="2"` / `ENV A 1` → { A: '1', B: '2' }. */
export function dockerEnvPairs(args: string): Record<string, string> {
  const out: Record<string, string> = {};
  const trimmed = args.trim();
  if (!(trimmed.split(/\s+/)[0] ?? '').includes('=')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.*)$/.exec(trimmed);
    if (m) out[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
    return out;
  }
  for (const m of trimmed.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
    out[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return out;
}
