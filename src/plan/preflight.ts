/**
 * Preflight: the plan checks its own result before anything is written, with the same invariants for
 * every target, read back from the files it renders (parsed, not trusted):
 *
 * - `env`: every env var the app requires at boot is provided (a value in a file, a secret, the platform,
 *   or a placeholder the plan lists as "you must set");
 * - `probe`: every HTTP probe asks for a path the app serves (now, or through a patch being applied);
 * - `port`: the port in the Dockerfile, the platform file and the runtime config agree;
 * - `release`: the release the scripts start is the one the Dockerfile builds (and one mix.exs declares);
 * - `copy`: every file a generated Dockerfile COPYs exists in the build context;
 * - `writable`: folders the app writes to are writable where it runs.
 */
import { generatedDockerfile } from '../facts/dockerfile.js';
import { extractDockerfile } from '../scan/extract/dockerfile.js';
import { parse as parseToml } from 'smol-toml';
import { parseAllDocuments } from 'yaml';
import { listenPort } from '../facts/listen-port.js';
import { requiredEnv } from '../facts/required-env.js';
import { writablePaths } from '../facts/writable-paths.js';
import type { Plan } from '../model/plan.js';
import type { Profile } from '../scan/profile.js';

export type Invariant = 'env' | 'probe' | 'port' | 'release' | 'copy' | 'writable';

export interface PreflightIssue {
  invariant: Invariant;
  severity: 'error' | 'warning';
  /** The generated file concerned, when there is one. */
  file: string | null;
  message: string;
  /** What to do about it. */
  fix: string;
}

export interface PreflightInput {
  profile: Profile;
  plan: Plan;
  /** Patch ids that will be applied (a route a patch adds is served only then). */
  acceptedPatches?: ReadonlySet<string>;
  /** Env vars the target's platform sets by itself. */
  platformEnv?: readonly string[];
  /** Paths (project-relative) that exist in the build context besides the generated files; defaults to the scanned files. */
  contextFiles?: readonly string[];
  /** Generated files the writer will not write (a kept user file): their content is the user's, not the plan's. */
  keptFiles?: ReadonlySet<string>;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every YAML object in a file, depth first. */
function walk(v: unknown, visit: (o: Obj) => void): void {
  if (Array.isArray(v)) v.forEach((x) => walk(x, visit));
  else if (isObj(v)) {
    visit(v);
    Object.values(v).forEach((x) => walk(x, visit));
  }
}

interface Read {
  env: Set<string>;
  probes: { path: string; file: string }[];
  ports: { port: number; file: string; what: string }[];
}

/** Env names, probe paths and ports the rendered files declare. */
function readFiles(plan: Plan, kept: ReadonlySet<string>): Read {
  const out: Read = { env: new Set(), probes: [], ports: [] };
  for (const f of plan.files) {
    // Workflows run the tests, not the app: their env and service ports are not the deployment's.
    if (kept.has(f.path) || f.path.startsWith('.github/')) continue;
    const base = f.path.split('/').pop() ?? f.path;
    if (/\.ya?ml$/.test(f.path)) {
      let docs: unknown[] = [];
      try {
        docs = parseAllDocuments(f.content).map((d) => d.toJS());
      } catch {
        continue;
      }
      for (const doc of docs) {
        const kind = isObj(doc) ? doc.kind : null;
        if ((kind === 'ConfigMap' || kind === 'Secret') && isObj(doc)) {
          for (const k of Object.keys({ ...(isObj(doc.data) ? doc.data : {}), ...(isObj(doc.stringData) ? doc.stringData : {}) })) out.env.add(k);
        }
        walk(doc, (o) => {
          if (Array.isArray(o.env)) for (const e of o.env) if (isObj(e) && typeof e.name === 'string') out.env.add(e.name);
          if (isObj(o.environment)) for (const k of Object.keys(o.environment)) out.env.add(k);
          if (isObj(o.httpGet) && typeof o.httpGet.path === 'string') out.probes.push({ path: o.httpGet.path, file: f.path });
          if (Array.isArray(o.ports)) {
            for (const p of o.ports) {
              // The web port only (not epmd or other side ports).
              if (isObj(p) && typeof p.containerPort === 'number' && (p.name === undefined || String(p.name).startsWith('http'))) out.ports.push({ port: p.containerPort, file: f.path, what: 'containerPort' });
              if (typeof p === 'string' && /^\d+:\d+$/.test(p)) out.ports.push({ port: Number(p.split(':')[1]), file: f.path, what: 'published port' });
            }
          }
          if (isObj(o.healthcheck) && Array.isArray(o.healthcheck.test)) {
            const m = /GET (\/\S*) HTTP/.exec(o.healthcheck.test.join(' '));
            if (m) out.probes.push({ path: m[1]!, file: f.path });
          }
        });
      }
    } else if (f.path.endsWith('.toml')) {
      let data: Obj;
      try {
        data = parseToml(f.content) as Obj;
      } catch {
        continue;
      }
      if (isObj(data.env)) for (const k of Object.keys(data.env)) out.env.add(k);
      const http = isObj(data.http_service) ? data.http_service : null;
      if (http && typeof http.internal_port === 'number') out.ports.push({ port: http.internal_port, file: f.path, what: 'internal_port' });
      for (const c of Array.isArray(http?.checks) ? (http!.checks as unknown[]) : []) if (isObj(c) && typeof c.path === 'string') out.probes.push({ path: c.path, file: f.path });
    } else if (/\.env(\.example)?$|\.env\.example$/.test(base) || base.endsWith('.env.example')) {
      for (const line of f.content.split('\n')) {
        const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=/.exec(line);
        if (m) out.env.add(m[1]!);
      }
    } else if (f.path.endsWith('.sh')) {
      const m = /^HEALTH_URL=\$\{HEALTH_URL:-'https?:\/\/[^/']+(\/[^']*)'\}$/m.exec(f.content);
      if (m) out.probes.push({ path: m[1]!, file: f.path });
    }
  }
  return out;
}

interface DockerRead {
  file: string;
  ports: number[];
  copies: { source: string; line: number }[];
  release: string | null;
  user: string | null;
  text: string;
}

function readDockerfile(path: string, text: string): DockerRead {
  const doc = extractDockerfile(path, text, []);
  const out: DockerRead = { file: path, ports: [], copies: [], release: null, user: null, text };
  const lastStage = doc.stages.length ? doc.stages[doc.stages.length - 1]!.index : 0;
  for (const ins of doc.instructions) {
    const kw = ins.keyword;
    const args = ins.args.split(/\s+/).filter(Boolean);
    const flags = ins.flags.map((f) => f.replace(/^--/, '').split('=')[0]!);
    if (kw === 'COPY' && !flags.includes('from')) for (const src of args.slice(0, -1)) out.copies.push({ source: src, line: ins.line });
    if (kw === 'COPY' && flags.includes('from')) {
      const m = /_build\/[^/]+\/rel\/([^/\s]+)/.exec(args.join(' ')) ?? /_build\/\$\{MIX_ENV\}\/rel\/([^/\s]+)/.exec(args.join(' '));
      if (m) out.release = m[1]!;
    }
    if (ins.stage < lastStage) continue;
    if (kw === 'EXPOSE') for (const a of args) if (/^\d+/.test(a)) out.ports.push(Number(/^\d+/.exec(a)![0]));
    if (kw === 'ENV') {
      const m = /(?:^|\s)PORT[= ]"?(\d+)/.exec(args.join(' '));
      if (m) out.ports.push(Number(m[1]));
    }
    if (kw === 'USER') out.user = args[0] ?? null;
  }
  return out;
}

/** A COPY source (may hold `*`, `?` or `[…]`) matches a context path or folder. */
function sourceExists(source: string, paths: readonly string[]): boolean {
  const s = source.replace(/^\.\//, '').replace(/\/+$/, '');
  if (s === '' || s === '.') return true;
  // BuildKit lets a wildcard match nothing (an optional copy): a source with one is never missing.
  if (/[*?[]/.test(s)) return true;
  return paths.some((p) => p === s || p.startsWith(`${s}/`));
}

export function preflight(input: PreflightInput): PreflightIssue[] {
  const { profile, plan } = input;
  const issues: PreflightIssue[] = [];
  const kept = input.keptFiles ?? new Set<string>();
  const accepted = input.acceptedPatches ?? new Set<string>();
  const read = readFiles(plan, kept);
  const secrets = new Set(plan.secrets.map((s) => s.name));
  const platform = new Set(input.platformEnv ?? []);
  const targetWritesEnv = read.env.size > 0 || plan.secrets.length > 0;

  // ---- env: only targets that run the app declare its environment (docker and CI do not)
  if (targetWritesEnv && plan.target !== 'github-actions' && plan.target !== 'docker') {
    for (const v of requiredEnv(profile)) {
      if (secrets.has(v.name) || platform.has(v.name) || read.env.has(v.name)) continue;
      // rel/env.sh.eex sets these for every release.
      if (['RELEASE_NODE', 'RELEASE_DISTRIBUTION', 'DNS_CLUSTER_QUERY', 'ECTO_IPV6'].includes(v.name) && plan.files.some((f) => f.path === 'rel/env.sh.eex')) continue;
      issues.push({
        invariant: 'env',
        severity: 'error',
        file: null,
        message: `${v.name} is required at boot (${v.evidence.file}:${v.evidence.line}) but no generated file or secret provides it`,
        fix: `add ${v.name} to env: (a value) or secrets: (a secret) in phoenix-ops.yaml`,
      });
    }
    const placeholders = plan.files.flatMap((f) => (kept.has(f.path) ? [] : [...f.content.matchAll(/<set ([A-Z_][A-Z0-9_]*):/g)].map((m) => ({ name: m[1]!, file: f.path }))));
    for (const name of [...new Set(placeholders.map((p) => p.name))]) {
      const file = placeholders.find((p) => p.name === name)!.file;
      issues.push({ invariant: 'env', severity: 'warning', file, message: `${name} is a placeholder you must set before deploying`, fix: `replace <set ${name}: …> in ${file}, or set env.${name} in phoenix-ops.yaml and regenerate` });
    }
  }

  // ---- probes
  const served = new Set<string>();
  if (profile.health) served.add(profile.health.path);
  const healthPatch = plan.patches.find((p) => p.id === 'health-route');
  if (healthPatch && accepted.has('health-route')) {
    const m = /get "([^"]+)", HealthController/.exec(healthPatch.after);
    if (m) served.add(m[1]!);
  }
  for (const p of read.probes) {
    if (served.has(p.path)) continue;
    issues.push({
      invariant: 'probe',
      severity: 'error',
      file: p.file,
      message: `the health check asks for ${p.path}, which the app does not serve${healthPatch ? ' (the patch that adds it is not applied)' : ''}`,
      fix: healthPatch ? 'apply the health-route patch (--apply-patches) or set health.path to a route the app serves' : 'set health.path in phoenix-ops.yaml to a route the app serves',
    });
  }

  // ---- Dockerfile: ports, release, COPY sources, writable folders
  const dockerPath = generatedDockerfile(profile);
  const dockerFile = plan.files.find((f) => f.path === dockerPath);
  const docker = dockerFile && !kept.has(dockerPath) ? readDockerfile(dockerPath, dockerFile.content) : null;
  if (docker) {
    const context = [...(input.contextFiles ?? projectFiles(profile)), ...plan.files.map((f) => f.path)];
    for (const c of docker.copies) {
      if (sourceExists(c.source, context)) continue;
      issues.push({ invariant: 'copy', severity: 'error', file: dockerPath, message: `line ${c.line} copies ${c.source}, which is not in the build context`, fix: `create ${c.source} or remove it from the Dockerfile` });
    }
    const server = plan.files.find((f) => f.path === 'rel/overlays/bin/server');
    const started = server ? /exec \.\/(\S+) start/.exec(server.content)?.[1] ?? null : null;
    if (docker.release && started && docker.release !== started) {
      issues.push({ invariant: 'release', severity: 'error', file: 'rel/overlays/bin/server', message: `bin/server starts the release ${started} but the Dockerfile copies ${docker.release}`, fix: 'make the release names agree' });
    }
    const declared = profile.facts.projects[0]?.releases.map((r) => r.name) ?? [];
    if (docker.release && declared.length > 0 && !declared.includes(docker.release)) {
      issues.push({ invariant: 'release', severity: 'error', file: dockerPath, message: `the Dockerfile copies the release ${docker.release}, which mix.exs does not declare (releases: ${declared.join(', ')})`, fix: 'build one of the declared releases' });
    }
    const dockerPort = docker.ports[docker.ports.length - 1];
    const listen = listenPort(profile);
    if (dockerPort !== undefined && listen.kind === 'fixed' && listen.port !== dockerPort) {
      issues.push({ invariant: 'port', severity: 'error', file: dockerPath, message: `the prod config fixes the http port to ${listen.port} but the image says ${dockerPort}`, fix: `set port: ${listen.port} in phoenix-ops.yaml (or read PORT in config/runtime.exs)` });
    }
    if (dockerPort !== undefined) {
      for (const p of read.ports) {
        if (p.what === 'published port' ? p.port === dockerPort : p.port === dockerPort) continue;
        issues.push({ invariant: 'port', severity: 'error', file: p.file, message: `${p.what} ${p.port} does not match the Dockerfile's port ${dockerPort}`, fix: 'use one port everywhere (port: in phoenix-ops.yaml)' });
      }
    }
    for (const w of writablePaths(profile)) {
      if (docker.user === null || docker.user === 'root') continue;
      if (docker.text.includes(w.path)) continue;
      issues.push({ invariant: 'writable', severity: 'error', file: dockerPath, message: `${w.env} defaults to ${w.path} (${w.evidence.file}:${w.evidence.line}), which ${docker.user} cannot write in the image`, fix: `create ${w.path} owned by ${docker.user} in the runner stage` });
    }
  }
  // Read-only root filesystems need a volume for each writable folder.
  for (const f of plan.files) {
    if (kept.has(f.path) || !/deployment\.ya?ml$/.test(f.path) || !f.content.includes('readOnlyRootFilesystem: true')) continue;
    for (const w of writablePaths(profile)) {
      if (new RegExp(`mountPath: "?${w.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?\\s*$`, 'm').test(f.content)) continue;
      issues.push({ invariant: 'writable', severity: 'error', file: f.path, message: `${w.env} defaults to ${w.path}, which is on the read-only root filesystem`, fix: `mount a volume at ${w.path}` });
    }
  }
  return issues;
}

/** The scanned files, relative to the Phoenix project folder. */
function projectFiles(profile: Profile): string[] {
  const prefix = profile.projectPath === '.' || profile.projectPath === '' ? '' : `${profile.projectPath.replace(/\/+$/, '')}/`;
  return (profile.facts.files ?? []).map((f) => (prefix && f.startsWith(prefix) ? f.slice(prefix.length) : f));
}

export function preflightErrors(issues: readonly PreflightIssue[]): PreflightIssue[] {
  return issues.filter((i) => i.severity === 'error');
}
