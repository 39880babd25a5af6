/**
 * The environment a target gives the app, read back from the files the plan renders (values, not only
 * names): fly.toml `[env]`, Kubernetes and Cloud Run `env:` and ConfigMaps, Compose `environment:`, the
 * systemd env file and `Environment=` lines, the runner stage's `ENV`, what `bin/server` and
 * `rel/env.sh.eex` export; then the plan's secrets and the platform's own variables, as placeholders
 * of the right shape. The build's environment is the builder stages' `ENV`/`ARG` with `MIX_ENV=prod`.
 *
 * Every value records where it came from, so the rehearsal can say which values were invented.
 */
import { parse as parseToml } from 'smol-toml';
import { parseAllDocuments } from 'yaml';
import { isRecord } from '../../model/guards.js';
import type { Plan } from '../../model/plan.js';
import { extractDockerfile } from '../../scan/extract/dockerfile.js';
import { dockerEnvPairs } from '../../scan/extract/deploy-files.js';
import { readEnvSh } from './env-sh.js';
import { placeholderValue, type ShapeContext } from './placeholder.js';

export type EnvSource = 'file' | 'image' | 'start-script' | 'env.sh.eex' | 'secret' | 'platform' | 'placeholder';

export interface EnvValue {
  value: string;
  source: EnvSource;
  /** The file it was read from (for `file`, `image`, `start-script`, `env.sh.eex`). */
  file: string | null;
}

export type Env = Map<string, EnvValue>;

/** Every image and every systemd unit has a PATH (the Debian default) before anything else sets one. */
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** A value the user fills in later (`<…>`, `${VAR}`, `$(POD_IP)`, `<set X: …>`): shaped by name instead. */
const PLACEHOLDER = /^<.*>$|\$\{|\$\(/;

function setValue(env: Env, name: string, value: string, source: EnvSource, file: string | null, shape: ShapeContext): void {
  if (PLACEHOLDER.test(value.trim())) env.set(name, { value: placeholderValue(name, shape), source: 'placeholder', file });
  else env.set(name, { value, source, file });
}

/** fly.toml `[env]`. */
function readToml(file: string, content: string, out: (name: string, value: string) => void): void {
  try {
    const data = parseToml(content);
    if (isRecord(data.env)) for (const [k, v] of Object.entries(data.env)) out(k, String(v));
  } catch {
    // An unparsable file provides nothing; the preflight's own readers report it.
  }
}

function readYamlObject(o: Record<string, unknown>, out: (name: string, value: string) => void): void {
  if (Array.isArray(o.env)) {
    for (const e of o.env) {
      if (!isRecord(e) || typeof e.name !== 'string') continue;
      // valueFrom (a Secret key, the downward API): provided, with a value only the cluster knows.
      out(e.name, typeof e.value === 'string' || typeof e.value === 'number' ? String(e.value) : '${valueFrom}');
    }
  }
  if (isRecord(o.environment)) for (const [k, v] of Object.entries(o.environment)) out(k, v === null ? '${unset}' : String(v));
  if (Array.isArray(o.environment)) {
    for (const item of o.environment) {
      const [k, ...rest] = String(item).split('=');
      if (k) out(k, rest.length ? rest.join('=') : '${unset}');
    }
  }
}

/** Kubernetes, Cloud Run and Compose documents. */
function readYaml(content: string, out: (name: string, value: string) => void): void {
  let docs: unknown[];
  try {
    docs = parseAllDocuments(content).map((d) => d.toJS());
  } catch {
    return;
  }
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isRecord(v)) {
      readYamlObject(v, out);
      Object.values(v).forEach(visit);
    }
  };
  for (const doc of docs) {
    if (isRecord(doc) && doc.kind === 'ConfigMap' && isRecord(doc.data)) for (const [k, v] of Object.entries(doc.data)) out(k, String(v));
    if (isRecord(doc) && doc.kind === 'Secret') for (const k of Object.keys({ ...(isRecord(doc.data) ? doc.data : {}), ...(isRecord(doc.stringData) ? doc.stringData : {}) })) out(k, '${secret}');
    visit(doc);
  }
}

/** `NAME=value` lines of an env file, or (`unit`) systemd's `Environment=NAME=value` lines. */
function readEnvLines(content: string, unit: boolean, out: (name: string, value: string) => void): void {
  const line = unit ? /^Environment=([A-Za-z_][A-Za-z0-9_]*)=(.*)$/gm : /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/gm;
  for (const m of content.matchAll(line)) if (m[1] !== undefined) out(m[1], (m[2] ?? '').trim().replace(/^"(.*)"$/, '$1'));
}

/** The platform files' env: each file of the plan that declares env for the running app. */
function readPlatformFiles(plan: Plan, kept: ReadonlySet<string>, env: Env, shape: ShapeContext): void {
  for (const f of plan.files) {
    if (kept.has(f.path) || f.path.startsWith('.github/')) continue;
    const out = (name: string, value: string) => setValue(env, name, value, 'file', f.path, shape);
    if (/\.ya?ml$/.test(f.path)) readYaml(f.content, out);
    else if (f.path.endsWith('.toml')) readToml(f.path, f.content, out);
    else if (/(^|[./])env(\.example)?$/.test(f.path) || f.path.endsWith('.service')) readEnvLines(f.content, f.path.endsWith('.service'), out);
  }
}

/** ENV of the Dockerfile's stages: the runner's (last stage) or the builders' (every other one, with ARG defaults). */
export function dockerStageEnv(path: string, text: string, which: 'runner' | 'builder'): Record<string, string> {
  const doc = extractDockerfile(path, text, []);
  const last = doc.stages.at(-1)?.index ?? 0;
  const out: Record<string, string> = {};
  for (const ins of doc.instructions) {
    if (which === 'runner' ? ins.stage !== last : ins.stage === last) continue;
    if (ins.keyword === 'ENV') Object.assign(out, dockerEnvPairs(ins.args));
    if (ins.keyword === 'ARG' && which === 'builder') Object.assign(out, Object.fromEntries(Object.entries(dockerEnvPairs(ins.args)).filter(([, v]) => v !== '')));
  }
  return out;
}

/** The start script sets `PHX_SERVER=true` when the image or the unit starts it (`bin/server`). */
function startScriptEnv(plan: Plan, startCommand: string | null): Record<string, string> {
  const server = plan.files.find((f) => f.path === 'rel/overlays/bin/server');
  if (!server || startCommand === null || !/bin\/server\b/.test(startCommand)) return {};
  const m = /^\s*(?:export\s+)?PHX_SERVER=(\S+)\s/m.exec(server.content);
  return m?.[1] ? { PHX_SERVER: m[1].replace(/^"(.*)"$/, '$1') } : {};
}

export interface TargetEnvInput {
  plan: Plan;
  /** Files the writer keeps as the user wrote them: their generated content is not what runs. */
  keptFiles: ReadonlySet<string>;
  /** The Dockerfile the target builds (generated or kept), or null (systemd builds on the host). */
  dockerfile: { path: string; text: string } | null;
  /** What starts the app: the image's CMD/ENTRYPOINT or the unit's ExecStart. */
  startCommand: string | null;
  /** Env vars the platform sets in every instance, with the values a rehearsal gives them. */
  platform: Record<string, string>;
  shape: ShapeContext;
}

/** The runtime environment, lowest precedence first: image ENV, env.sh.eex, platform files, secrets, platform, start script. */
export function runtimeEnv(input: TargetEnvInput): Env {
  const env: Env = new Map([['PATH', { value: DEFAULT_PATH, source: 'platform', file: null }]]);
  const { plan, shape } = input;
  if (input.dockerfile) for (const [k, v] of Object.entries(dockerStageEnv(input.dockerfile.path, input.dockerfile.text, 'runner'))) setValue(env, k, v, 'image', input.dockerfile.path, shape);
  readPlatformFiles(plan, input.keptFiles, env, shape);
  for (const s of plan.secrets) if (!env.has(s.name) || env.get(s.name)?.source === 'placeholder') env.set(s.name, { value: placeholderValue(s.name, shape), source: 'secret', file: null });
  for (const [k, v] of Object.entries(input.platform)) env.set(k, { value: v, source: 'platform', file: null });
  for (const [k, v] of Object.entries(startScriptEnv(plan, input.startCommand))) env.set(k, { value: v, source: 'start-script', file: 'rel/overlays/bin/server' });
  const envSh = plan.files.find((f) => f.path === 'rel/env.sh.eex' && !input.keptFiles.has(f.path));
  if (envSh) {
    const current = new Map([...env].map(([k, v]) => [k, v.value] as const));
    for (const [k, v] of readEnvSh(envSh.content, current)) setValue(env, k, v, 'env.sh.eex', envSh.path, shape);
  }
  return env;
}

/** The build's environment: MIX_ENV=prod and what the builder stages set. */
export function buildEnv(dockerfile: { path: string; text: string } | null): Env {
  const env: Env = new Map<string, EnvValue>([
    ['PATH', { value: DEFAULT_PATH, source: 'platform', file: null }],
    ['MIX_ENV', { value: 'prod', source: 'image', file: null }],
  ]);
  if (dockerfile) for (const [k, v] of Object.entries(dockerStageEnv(dockerfile.path, dockerfile.text, 'builder'))) if (!/\$/.test(v)) env.set(k, { value: v, source: 'image', file: dockerfile.path });
  return env;
}
