/**
 * What the files a plan renders declare, read back by parsing them (YAML, TOML, env files, scripts,
 * the Dockerfile): env names, probe paths, ports, COPY sources, the release copied and the user.
 */
import { parse as parseToml } from 'smol-toml';
import { parseAllDocuments } from 'yaml';
import { isRecord } from '../model/guards.js';
import type { Plan } from '../model/plan.js';
import { extractDockerfile } from '../scan/extract/dockerfile.js';

/** Every YAML object in a file, depth first. */
function walk(v: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(v)) v.forEach((x) => walk(x, visit));
  else if (isRecord(v)) {
    visit(v);
    Object.values(v).forEach((x) => walk(x, visit));
  }
}

export interface Read {
  env: Set<string>;
  probes: { path: string; file: string }[];
  ports: { port: number; file: string; what: string }[];
}

/** Env names, probe paths and ports the rendered files declare. */
export function readFiles(plan: Plan, kept: ReadonlySet<string>): Read {
  const out: Read = { env: new Set(), probes: [], ports: [] };
  for (const f of plan.files) {
    // Workflows run the tests, not the app: their env and service ports are not the deployment's.
    if (kept.has(f.path) || f.path.startsWith('.github/')) continue;
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    if (/\.ya?ml$/.test(f.path)) readYaml(f.path, f.content, out);
    else if (f.path.endsWith('.toml')) readToml(f.path, f.content, out);
    else if (f.path.endsWith('.tf.json')) readTerraformJson(f.content, out);
    else if (/\.env(\.example)?$|\.env\.example$/.test(base) || base.endsWith('.env.example')) {
      for (const m of f.content.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*)=/gm)) if (m[1] !== undefined) out.env.add(m[1]);
    } else if (f.path.endsWith('.sh')) {
      const path = /^HEALTH_URL=\$\{HEALTH_URL:-'https?:\/\/[^/']+(\/[^']*)'\}$/m.exec(f.content)?.[1];
      if (path !== undefined) out.probes.push({ path, file: f.path });
    }
  }
  return out;
}

/**
 * Terraform JSON syntax (developer.hashicorp.com/terraform/language/syntax/json): the keys of every object-valued
 * local whose name ends in `_env` (the aws target's `app_env`, the container environment).
 */
function readTerraformJson(content: string, out: Read): void {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    return;
  }
  const locals = isRecord(doc) && isRecord(doc.locals) ? doc.locals : {};
  for (const [name, value] of Object.entries(locals)) if (name.endsWith('_env') && isRecord(value)) for (const k of Object.keys(value)) out.env.add(k);
}

/** Kubernetes, Compose and Render Blueprint documents: ConfigMap/Secret keys, `env:`/`environment:`/`envVars:`, probes, ports, healthchecks. */
function readYaml(file: string, content: string, out: Read): void {
  let docs: unknown[];
  try {
    docs = parseAllDocuments(content).map((d) => d.toJS());
  } catch {
    return;
  }
  for (const doc of docs) {
    if (isRecord(doc) && (doc.kind === 'ConfigMap' || doc.kind === 'Secret')) {
      for (const k of Object.keys({ ...(isRecord(doc.data) ? doc.data : {}), ...(isRecord(doc.stringData) ? doc.stringData : {}) })) out.env.add(k);
    }
    walk(doc, (o) => readYamlObject(file, o, out));
  }
}

function readYamlObject(file: string, o: Record<string, unknown>, out: Read): void {
  if (Array.isArray(o.env)) for (const e of o.env) if (isRecord(e) && typeof e.name === 'string') out.env.add(e.name);
  if (isRecord(o.environment)) for (const k of Object.keys(o.environment)) out.env.add(k);
  // Render Blueprint services: `envVars: [{key, …}]` and `healthCheckPath`.
  if (Array.isArray(o.envVars)) for (const e of o.envVars) if (isRecord(e) && typeof e.key === 'string') out.env.add(e.key);
  if (typeof o.healthCheckPath === 'string') out.probes.push({ path: o.healthCheckPath, file });
  if (isRecord(o.httpGet) && typeof o.httpGet.path === 'string') out.probes.push({ path: o.httpGet.path, file });
  if (Array.isArray(o.ports)) {
    for (const p of o.ports) {
      // The web port only (not epmd or other side ports).
      if (isRecord(p) && typeof p.containerPort === 'number' && (p.name === undefined || String(p.name).startsWith('http'))) out.ports.push({ port: p.containerPort, file, what: 'containerPort' });
      if (typeof p === 'string' && /^\d+:\d+$/.test(p)) out.ports.push({ port: Number(p.split(':')[1]), file, what: 'published port' });
    }
  }
  if (isRecord(o.healthcheck) && Array.isArray(o.healthcheck.test)) {
    const path = /GET (\/\S*) HTTP/.exec(o.healthcheck.test.join(' '))?.[1];
    if (path !== undefined) out.probes.push({ path, file });
  }
}

/** fly.toml: `[env]`, the http service's internal port and its checks. */
function readToml(file: string, content: string, out: Read): void {
  let data: Record<string, unknown>;
  try {
    data = parseToml(content);
  } catch {
    return;
  }
  if (isRecord(data.env)) for (const k of Object.keys(data.env)) out.env.add(k);
  const http = isRecord(data.http_service) ? data.http_service : null;
  if (http && typeof http.internal_port === 'number') out.ports.push({ port: http.internal_port, file, what: 'internal_port' });
  const checks: unknown[] = Array.isArray(http?.checks) ? http.checks : [];
  for (const c of checks) if (isRecord(c) && typeof c.path === 'string') out.probes.push({ path: c.path, file });
}

export interface DockerRead {
  file: string;
  ports: number[];
  copies: { source: string; line: number }[];
  release: string | null;
  user: string | null;
  /** The RUN commands of the runner (last) stage. */
  runnerRuns: string[];
  /** The runner's commands that change ownership (`mkdir -p /x && chown nobody /x`, a start command's chown), joined. */
  chowns: string;
  text: string;
}

/** COPY sources, the release copied from the builder, and the final stage's ports and user. */
export function readDockerfile(path: string, text: string): DockerRead {
  const doc = extractDockerfile(path, text, []);
  const out: DockerRead = { file: path, ports: [], copies: [], release: null, user: null, runnerRuns: [], chowns: '', text };
  const lastStage = doc.stages.at(-1)?.index ?? 0;
  for (const ins of doc.instructions) {
    const kw = ins.keyword;
    const args = ins.args.split(/\s+/).filter(Boolean);
    const fromStage = ins.flags.some((f) => f.replace(/^--/, '').split('=')[0] === 'from');
    if (kw === 'COPY' && !fromStage) for (const src of args.slice(0, -1)) out.copies.push({ source: src, line: ins.line });
    if (kw === 'COPY' && fromStage) {
      const m = /_build\/[^/]+\/rel\/([^/\s]+)/.exec(args.join(' ')) ?? /_build\/\$\{MIX_ENV\}\/rel\/([^/\s]+)/.exec(args.join(' '));
      if (m?.[1] !== undefined) out.release = m[1];
    }
    if (ins.stage < lastStage) continue;
    if (kw === 'EXPOSE') for (const a of args) if (/^\d+/.test(a)) out.ports.push(parseInt(a, 10));
    if (kw === 'ENV') {
      const m = /(?:^|\s)PORT[= ]"?(\d+)/.exec(args.join(' '));
      if (m) out.ports.push(Number(m[1]));
    }
    if (kw === 'USER') out.user = args[0] ?? null;
    // An image that starts as root to hand a volume over, then drops to a user (`setpriv --reuid=nobody`), runs the app as that user.
    const dropsTo = kw === 'CMD' || kw === 'ENTRYPOINT' ? /setpriv\s+--reuid=([\w-]+)/.exec(ins.args)?.[1] : undefined;
    if (dropsTo !== undefined && out.user === null) out.user = dropsTo;
    if (kw === 'RUN') out.runnerRuns.push(ins.args);
    if ((kw === 'RUN' || kw === 'CMD' || kw === 'ENTRYPOINT') && /\bchown\b/.test(ins.args)) out.chowns += `${ins.args}\n`;
  }
  return out;
}
