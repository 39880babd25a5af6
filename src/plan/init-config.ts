/**
 * Renders the `phoenix-ops.yaml` that `init` writes: every setting, each section with a comment saying what it
 * does and what the scan found (with file:line evidence). Deterministic; parses back to the same config.
 */
import { parse } from 'yaml';
import type { Dep, Evidence, Profile } from '../scan/profile.js';
import type { DeployConfig } from './config-types.js';
import { SCHEMA_URL, TARGET_IDS } from './config-schema.js';
import { REDIS_DEPS, multiInstanceReasons } from './config.js';

const WIDTH = 100;

/** Ecto adapter deps per database, in the order they are looked for. */
const DATABASE_DEPS: Record<string, string[]> = {
  postgres: ['postgrex'],
  mysql: ['myxql', 'mariaex'],
  sqlite: ['ecto_sqlite3', 'exqlite', 'sqlite_ecto2'],
  mssql: ['tds'],
};

export function renderInitConfig(profile: Profile, config: DeployConfig): string {
  const out: string[] = [];
  const comment = (text: string): void => {
    for (const line of wrap(text, WIDTH - 2)) out.push(line === '' ? '#' : `# ${line}`);
  };
  const blank = (): void => {
    out.push('');
  };
  const kv = (indent: number, key: string, value: Scalar, note?: string): void => {
    out.push(`${' '.repeat(indent)}${scalar(key)}: ${scalar(value)}${note ? `  # ${note}` : ''}`);
  };

  out.push(`# yaml-language-server: $schema=${SCHEMA_URL}`);
  comment('');
  comment(`phoenix-ops.yaml: how phoenix-ops deploys ${profile.web?.otpApp || config.app}.`);
  comment(
    'Written by `phoenix-ops init` from a scan of this project. Every setting is optional: delete one to get the value inferred from the scan back. Secret values never go in this file; list their names under `secrets`.',
  );
  blank();
  kv(0, 'version', config.version);
  blank();

  comment('Deployment name (DNS-safe); hostnames, namespaces and the systemd user derive from it.');
  const project = findProject(profile);
  comment(`otp app: ${profile.web?.otpApp || '(unknown)'}${ev(project?.evidence ?? evidenceFromProfile(profile, 'otpApp'))}`);
  kv(0, 'app', config.app);
  blank();

  comment('Where this project deploys; the first target is the default for plan, generate and cost.');
  comment(`Available: ${TARGET_IDS.join(', ')}.`);
  existingDeployFiles(profile).forEach((line) => comment(line));
  out.push(`targets: [${config.targets.map(scalar).join(', ')}]`);
  blank();

  comment('Provider region (Fly: iad, ams, nrt…; Google Cloud: us-central1, europe-west1…).');
  kv(0, 'region', config.region);
  blank();

  comment(`Public hostname (PHX_HOST). null = the target's default (Fly: ${config.app}.fly.dev).`);
  const hostFound = prodHost(profile);
  if (hostFound) comment(`url host in prod config: ${hostFound}`);
  kv(0, 'host', config.host);
  blank();

  comment('Size and number of application instances.');
  const reasons = multiInstanceReasons(profile);
  comment(
    reasons.length > 0
      ? `instances: 2 by default because the app uses ${joinAnd(reasons.map((r) => `${r}${ev(reasonEvidence(profile, r))}`))}; one instance is a single point of failure for connected clients.`
      : 'instances: 1 by default (no LiveView, PubSub use or clustering found).',
  );
  out.push('machine:');
  kv(2, 'cpus', config.machine.cpus);
  kv(2, 'memoryMb', config.machine.memoryMb);
  kv(2, 'cpuKind', config.machine.cpuKind, 'shared or performance');
  kv(2, 'count', config.machine.count);
  kv(2, 'minRunning', config.machine.minRunning, 'kept running under auto-stop; null = chosen from the scan');
  kv(2, 'maxCount', config.machine.maxCount);
  blank();

  comment('The database to provision. kind: auto follows the scan; or postgres, mysql, sqlite, none.');
  comment('mode: managed (Fly Managed Postgres, Cloud SQL…) or self. plan: null = the smallest production-worthy tier.');
  comment(`database: ${profile.database}${ev(depEvidence(profile, DATABASE_DEPS[profile.database] ?? []) ?? evidenceFromProfile(profile, 'database'))}`);
  out.push('database:');
  kv(2, 'kind', config.database.kind);
  kv(2, 'mode', config.database.mode);
  kv(2, 'plan', config.database.plan);
  kv(2, 'storageGb', config.database.storageGb);
  blank();

  comment('Redis (PubSub adapter, Redix, rate limiting…). enabled: auto provisions one when the app depends on it.');
  const redisDep = depEvidence(profile, REDIS_DEPS);
  comment(
    redisDep !== null
      ? `redis: used${ev(redisDep)}`
      : profile.pubsub === 'redis'
        ? `redis: used by the PubSub adapter${ev(evidenceFromProfile(profile, 'pubsub'))}`
        : 'redis: not used (no Redis client or adapter among the deps)',
  );
  out.push('redis:');
  kv(2, 'enabled', config.redis.enabled);
  kv(2, 'plan', config.redis.plan);
  blank();

  comment('Object storage bucket (S3, Tigris, GCS) for uploads; gb is used by the cost estimate.');
  const storageDep = depEvidence(profile, ['ex_aws_s3', 'ex_aws', 'waffle', 'arc', 'google_api_storage']);
  if (storageDep) comment(`object storage client: ${storageDep.text}`);
  out.push('storage:');
  kv(2, 'enabled', config.storage.enabled);
  kv(2, 'gb', config.storage.gb);
  blank();

  comment('HTTP health check the platform probes (it must answer 200 without a redirect).');
  comment(
    profile.health
      ? `health route: ${profile.health.path}${ev(routeEvidence(profile, profile.health.path) ?? evidenceFromProfile(profile, 'health'))}`
      : 'health route: none found; `phoenix-ops plan` proposes a patch that adds one.',
  );
  out.push('health:');
  kv(2, 'path', config.health.path);
  blank();

  comment('Connect instances into a BEAM cluster (needed for Presence and PubSub across instances without Redis).');
  comment('auto follows the scan; true or false overrides it.');
  comment(
    profile.clustering !== 'none'
      ? `clustering: ${profile.clustering}${ev(depEvidence(profile, [profile.clustering]) ?? evidenceFromProfile(profile, 'clustering'))}`
      : 'clustering: none (no dns_cluster or libcluster among the deps)',
  );
  kv(0, 'clustering', config.clustering);
  blank();

  comment('PORT the release listens on inside the container.');
  kv(0, 'port', config.port);
  blank();

  comment('Non-secret environment variables to set. Values are text: quote numbers and booleans ("10", "true").');
  const optional = runtimeVars(profile, false);
  if (optional.length > 0) comment(`optional variables read by ${profile.runtimeConfig.file ?? 'config/runtime.exs'}: ${optional.join(', ')}`);
  renderMap(out, 'env', config.env);
  blank();

  comment('Extra secret names to require; phoenix-ops sets the values through the provider, never in a file.');
  const required = runtimeVars(profile, true);
  if (required.length > 0) comment(`already required by ${profile.runtimeConfig.file ?? 'config/runtime.exs'}: ${required.join(', ')}`);
  renderList(out, 'secrets', config.secrets);
  blank();

  comment('Audit findings to ignore, each with a reason, e.g.:');
  comment('  - { rule: csp-blocks-liveview-socket, reason: "the CSP is set by our proxy" }');
  out.push('audit:');
  if (config.audit.ignore.length === 0) {
    out.push('  ignore: []');
  } else {
    out.push('  ignore:');
    for (const item of config.audit.ignore) {
      out.push(`    - rule: ${scalar(item.rule)}`);
      if (item.path !== undefined) out.push(`      path: ${scalar(item.path)}`);
      out.push(`      reason: ${scalar(item.reason)}`);
    }
  }
  blank();

  comment('Assumptions for `phoenix-ops cost`. traffic: low, medium or high; egressGb: null = the estimator\'s defaults.');
  out.push('cost:');
  kv(2, 'hoursPerMonth', config.cost.hoursPerMonth);
  kv(2, 'traffic', config.cost.traffic);
  if (config.cost.egressGb === null) {
    kv(2, 'egressGb', null, 'or { low: 10, medium: 100, high: 1000 }');
  } else {
    out.push('  egressGb:');
    kv(4, 'low', config.cost.egressGb.low);
    kv(4, 'medium', config.cost.egressGb.medium);
    kv(4, 'high', config.cost.egressGb.high);
  }
  kv(2, 'k8sNodeType', config.cost.k8sNodeType, 'node pool instead of Autopilot');
  kv(2, 'vpsSize', config.cost.vpsSize, 'for the systemd target');
  blank();

  comment('Kubernetes target. image: null = <app>:latest, to be replaced by your registry path.');
  out.push('k8s:');
  kv(2, 'namespace', config.k8s.namespace);
  kv(2, 'ingressClass', config.k8s.ingressClass);
  kv(2, 'image', config.k8s.image);
  kv(2, 'replicas', config.k8s.replicas);
  blank();

  comment('Google Cloud Run target. Cloud Run has no network between instances: no BEAM clustering there.');
  out.push('cloudrun:');
  kv(2, 'project', config.cloudrun.project);
  kv(2, 'image', config.cloudrun.image);
  blank();

  comment('systemd target (a plain Linux server). host: user@host or host, for deploys over SSH.');
  out.push('systemd:');
  kv(2, 'user', config.systemd.user);
  kv(2, 'installDir', config.systemd.installDir);
  kv(2, 'host', config.systemd.host);
  blank();

  comment('Continuous integration. deployTarget: the target CI deploys to from the main branch; null = test only.');
  const workflows = profile.deployFiles?.workflows ?? [];
  if (workflows.length > 0) comment(`existing workflows: ${workflows.join(', ')}`);
  out.push('ci:');
  kv(2, 'provider', config.ci.provider);
  kv(2, 'deployTarget', config.ci.deployTarget);

  return `${out.join('\n')}\n`;
}

type Scalar = string | number | boolean | null;

/** A YAML scalar that reads back as the same value: plain when safe, else double-quoted (JSON escapes are valid YAML). */
export function scalar(value: Scalar): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  if (/^[A-Za-z0-9_./-][A-Za-z0-9_./@ :-]*$/.test(value) && !/:( |$)|\s$/.test(value)) {
    try {
      if (parse(value) === value) return value;
    } catch {
      // not a plain scalar
    }
  }
  return JSON.stringify(value);
}

function joinAnd(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function renderMap(out: string[], key: string, map: Record<string, string>): void {
  const keys = Object.keys(map);
  if (keys.length === 0) {
    out.push(`${key}: {}`);
    return;
  }
  out.push(`${key}:`);
  for (const [k, v] of Object.entries(map)) out.push(`  ${scalar(k)}: ${scalar(v)}`);
}

function renderList(out: string[], key: string, items: string[]): void {
  if (items.length === 0) {
    out.push(`${key}: []`);
    return;
  }
  out.push(`${key}:`);
  for (const item of items) out.push(`  - ${scalar(item)}`);
}

function wrap(text: string, width: number): string[] {
  if (text === '') return [''];
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const words = text.trim().split(/\s+/);
  const lines: string[] = [];
  let line = lead;
  for (const word of words) {
    if (line.trim() !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `${lead}${word}`;
    } else {
      line = line.trim() === '' ? `${lead}${word}` : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Evidence from the profile
// ---------------------------------------------------------------------------------------------

interface Found {
  /** "mix.exs:42 postgrex" or "lib/app_web/router.ex:20" */
  text: string;
}

function ev(found: Found | null): string {
  return found ? ` (${found.text})` : '';
}

function loc(e: Evidence): string {
  return `${e.file}:${e.line}`;
}

function findProject(profile: Profile): { evidence: Found } | null {
  const projects = profile.facts?.projects ?? [];
  const web = projects.find((p) => p.otpApp === profile.web?.otpApp) ?? projects[0];
  return web ? { evidence: { text: loc(web.evidence) } } : null;
}

function allDeps(profile: Profile): Dep[] {
  return (profile.facts?.projects ?? []).flatMap((p) => p.deps);
}

function depEvidence(profile: Profile, names: readonly string[]): Found | null {
  const deps = allDeps(profile);
  for (const name of names) {
    const dep = deps.find((d) => d.name === name);
    if (dep) return { text: `${loc(dep.evidence)} ${dep.name}` };
  }
  return null;
}

function evidenceFromProfile(profile: Profile, key: string): Found | null {
  const value = profile.evidence?.[key];
  return typeof value === 'string' && value !== '' ? { text: value } : null;
}

function routeEvidence(profile: Profile, path: string): Found | null {
  for (const router of profile.facts?.routers ?? []) {
    const route = router.routes.find((r) => r.path === path && !r.devOnly);
    if (route) return { text: loc(route.evidence) };
  }
  return null;
}

function reasonEvidence(profile: Profile, reason: string): Found | null {
  const usage = profile.facts?.usage;
  switch (reason) {
    case 'LiveView':
      return depEvidence(profile, ['phoenix_live_view']) ?? evidenceFromProfile(profile, 'liveView');
    case 'PubSub': {
      const first = usage?.presence?.[0] ?? usage?.pubsubBroadcast?.[0];
      return first ? { text: loc(first) } : (depEvidence(profile, ['phoenix_pubsub_redis']) ?? evidenceFromProfile(profile, 'pubsub'));
    }
    case 'clustering':
      return depEvidence(profile, [profile.clustering]) ?? evidenceFromProfile(profile, 'clustering');
    default:
      return null;
  }
}

function runtimeVars(profile: Profile, required: boolean): string[] {
  const names = (profile.runtimeConfig?.env ?? [])
    .filter((v) => !v.dynamic && v.required === required)
    .map((v) => (v.default !== null && !required ? `${v.name} (default ${v.default})` : v.name));
  const unique = [...new Set(names)].sort();
  return unique.length > 12 ? [...unique.slice(0, 12), `and ${unique.length - 12} more`] : unique;
}

function prodHost(profile: Profile): string | null {
  for (const call of profile.facts?.config ?? []) {
    if ((call.env !== 'prod' && !call.runtime) || call.opts.t !== 'kw') continue;
    const url = call.opts.pairs.find((p) => p.key === 'url');
    if (url?.value.t !== 'kw') continue;
    const host = url.value.pairs.find((p) => p.key === 'host');
    if (!host) continue;
    const v = host.value;
    const text = v.t === 'string' ? v.v : v.t === 'env' ? `from ${v.name ?? 'an env var'}${v.default?.t === 'string' ? ` (default ${v.default.v})` : ''}` : null;
    if (text) return `${text} (${call.file}:${host.line})`;
  }
  return null;
}

function existingDeployFiles(profile: Profile): string[] {
  const d = profile.deployFiles;
  if (!d) return [];
  const files = [...d.dockerfiles, ...d.flyTomls, ...d.k8s].slice(0, 6);
  return files.length > 0 ? [`deploy files already present: ${files.join(', ')}`] : [];
}
