/**
 * Renders the `phoenix-ops.yaml` that `init` writes: every setting, each section with a comment saying what it
 * does and what the scan found (with file:line evidence). Deterministic; parses back to the same config.
 */
import { parse } from 'yaml';
import type { Profile } from '../scan/profile.js';
import type { DeployConfig } from '../model/deploy-config.js';
import { SCHEMA_URL, TARGET_IDS } from '../model/config-schema.js';
import { REDIS_DEPS, multiInstanceReasons } from './config.js';
import { targets as targetRegistry } from '../targets/index.js';
import { depEvidence, ev, evidenceFromProfile, existingDeployFiles, findProject, prodHost, reasonEvidence, routeEvidence, runtimeVars } from './init-config-evidence.js';

const WIDTH = 100;

/** Ecto adapter deps per database, in the order they are looked for. */
const DATABASE_DEPS: Record<string, string[]> = {
  postgres: ['postgrex'],
  mysql: ['myxql', 'mariaex'],
  sqlite: ['ecto_sqlite3', 'exqlite', 'sqlite_ecto2'],
  mssql: ['tds'],
};

/** The lines of the file being written, with the few shapes it is made of. */
class YamlLines {
  private readonly out: string[] = [];

  /** A comment, wrapped to the width. */
  comment(text: string): void {
    for (const line of wrap(text, WIDTH - 2)) this.out.push(line === '' ? '#' : `# ${line}`);
  }

  blank(): void {
    this.out.push('');
  }

  line(text: string): void {
    this.out.push(text);
  }

  kv(indent: number, key: string, value: Scalar, note?: string): void {
    this.out.push(`${' '.repeat(indent)}${scalar(key)}: ${scalar(value)}${note ? `  # ${note}` : ''}`);
  }

  /** `key:` and one indented `name: value  # note` line per field, in the order given. */
  group(key: string, fields: readonly (readonly [name: string, value: Scalar, note?: string])[]): void {
    this.out.push(`${key}:`);
    for (const [name, value, note] of fields) this.kv(2, name, value, note);
  }

  /** `key: {}`, or `key:` and one `name: value` line per entry. */
  map(key: string, map: Record<string, string>): void {
    const entries = Object.entries(map);
    this.out.push(entries.length === 0 ? `${key}: {}` : `${key}:`);
    for (const [k, v] of entries) this.out.push(`  ${scalar(k)}: ${scalar(v)}`);
  }

  /** `key: []`, or `key:` and one `- item` line per item. */
  list(key: string, items: readonly string[]): void {
    this.out.push(items.length === 0 ? `${key}: []` : `${key}:`);
    for (const item of items) this.out.push(`  - ${scalar(item)}`);
  }

  text(): string {
    return `${this.out.join('\n')}\n`;
  }
}

/** One setting (or group of settings) of the file: its comment, what the scan found, its value. */
type Section = (w: YamlLines, profile: Profile, config: DeployConfig) => void;

const header: Section = (w, profile, config) => {
  w.line(`# yaml-language-server: $schema=${SCHEMA_URL}`);
  w.comment('');
  w.comment(`phoenix-ops.yaml: how phoenix-ops deploys ${profile.web?.otpApp || config.app}.`);
  w.comment(
    'Written by `phoenix-ops init` from a scan of this project. Every setting is optional: delete one to get the value inferred from the scan back. Secret values never go in this file; list their names under `secrets`.',
  );
  w.blank();
  w.kv(0, 'version', config.version);
};

const app: Section = (w, profile, config) => {
  w.comment('Deployment name (DNS-safe); hostnames, namespaces and the systemd user derive from it.');
  const project = findProject(profile);
  w.comment(`otp app: ${profile.web?.otpApp || '(unknown)'}${ev(project?.evidence ?? evidenceFromProfile(profile, 'otpApp'))}`);
  w.kv(0, 'app', config.app);
};

const targets: Section = (w, profile, config) => {
  w.comment('Where this project deploys; the first target is the default for plan, generate and cost.');
  w.comment(`Available: ${TARGET_IDS.join(', ')}.`);
  existingDeployFiles(profile).forEach((line) => w.comment(line));
  w.line(`targets: [${config.targets.map(scalar).join(', ')}]`);
};

/**
 * The region of the first listed target that deploys to one, valid for its provider (Fly: iad; Cloud Run:
 * us-central1); none when no listed target has a region (k8s, systemd, docker…: the cluster or server decides).
 */
const region: Section = (w, _profile, config) => {
  const regional = config.targets.find((t) => targetRegistry[t].region !== undefined);
  const value = regional === undefined ? undefined : targetRegistry[regional].region?.(config);
  if (regional === undefined || value === undefined) {
    const withRegion = TARGET_IDS.filter((t) => targetRegistry[t].region !== undefined);
    w.comment(`No region: ${config.targets.join(', ')} ${config.targets.length === 1 ? 'deploys' : 'deploy'} wherever your cluster or server runs. Add region: when you also target ${withRegion.join(' or ')}.`);
    return;
  }
  w.comment(`Provider region for ${regional} (${regional === 'fly' ? 'Fly: iad, ams, nrt…' : 'Google Cloud: us-central1, europe-west1…'}).`);
  w.kv(0, 'region', value);
};

const host: Section = (w, profile, config) => {
  w.comment(`Public hostname (PHX_HOST). null = the target's default (Fly: ${config.app}.fly.dev).`);
  const hostFound = prodHost(profile);
  if (hostFound) w.comment(`url host in prod config: ${hostFound}`);
  w.kv(0, 'host', config.host);
};

const machine: Section = (w, profile, config) => {
  w.comment('Size and number of application instances.');
  const reasons = multiInstanceReasons(profile);
  w.comment(
    reasons.length > 0
      ? `instances: 2 by default because the app uses ${joinAnd(reasons.map((r) => `${r}${ev(reasonEvidence(profile, r))}`))}; one instance is a single point of failure for connected clients.`
      : 'instances: 1 by default (no LiveView, PubSub use or clustering found).',
  );
  w.group('machine', [
    ['cpus', config.machine.cpus],
    ['memoryMb', config.machine.memoryMb],
    ['cpuKind', config.machine.cpuKind, 'shared or performance'],
    ['count', config.machine.count],
    ['minRunning', config.machine.minRunning, 'kept running under auto-stop; null = chosen from the scan'],
    ['maxCount', config.machine.maxCount],
  ]);
};

const database: Section = (w, profile, config) => {
  w.comment('The database to provision. kind: auto follows the scan; or postgres, mysql, sqlite, none.');
  w.comment('mode: managed (Fly Managed Postgres, Cloud SQL…) or self. plan: null = the smallest production-worthy tier.');
  w.comment(`database: ${profile.database}${ev(depEvidence(profile, DATABASE_DEPS[profile.database] ?? []) ?? evidenceFromProfile(profile, 'database'))}`);
  w.group('database', [
    ['kind', config.database.kind],
    ['mode', config.database.mode],
    ['plan', config.database.plan],
    ['storageGb', config.database.storageGb],
  ]);
};

const redis: Section = (w, profile, config) => {
  w.comment('Redis (PubSub adapter, Redix, rate limiting…). enabled: auto provisions one when the app depends on it.');
  const redisDep = depEvidence(profile, REDIS_DEPS);
  w.comment(
    redisDep !== null
      ? `redis: used${ev(redisDep)}`
      : profile.pubsub === 'redis'
        ? `redis: used by the PubSub adapter${ev(evidenceFromProfile(profile, 'pubsub'))}`
        : 'redis: not used (no Redis client or adapter among the deps)',
  );
  w.group('redis', [
    ['enabled', config.redis.enabled],
    ['plan', config.redis.plan],
  ]);
};

const storage: Section = (w, profile, config) => {
  w.comment('Object storage bucket (S3, Tigris, GCS) for uploads; gb is used by the cost estimate.');
  const storageDep = depEvidence(profile, ['ex_aws_s3', 'ex_aws', 'waffle', 'arc', 'google_api_storage']);
  if (storageDep) w.comment(`object storage client: ${storageDep.text}`);
  w.group('storage', [
    ['enabled', config.storage.enabled],
    ['gb', config.storage.gb],
  ]);
};

const health: Section = (w, profile, config) => {
  w.comment('HTTP health check the platform probes (it must answer 200 without a redirect).');
  w.comment(
    profile.health
      ? `health route: ${profile.health.path}${ev(routeEvidence(profile, profile.health.path) ?? evidenceFromProfile(profile, 'health'))}`
      : 'health route: none found; `phoenix-ops plan` proposes a patch that adds one.',
  );
  w.group('health', [
    ['path', config.health.path],
  ]);
};

const clustering: Section = (w, profile, config) => {
  w.comment('Connect instances into a BEAM cluster (needed for Presence and PubSub across instances without Redis).');
  w.comment('auto follows the scan; true or false overrides it.');
  w.comment(
    profile.clustering !== 'none'
      ? `clustering: ${profile.clustering}${ev(depEvidence(profile, [profile.clustering]) ?? evidenceFromProfile(profile, 'clustering'))}`
      : 'clustering: none (no dns_cluster or libcluster among the deps)',
  );
  w.kv(0, 'clustering', config.clustering);
};

const port: Section = (w, _profile, config) => {
  w.comment('PORT the release listens on inside the container.');
  w.kv(0, 'port', config.port);
};

const env: Section = (w, profile, config) => {
  w.comment('Non-secret environment variables to set. Values are text: quote numbers and booleans ("10", "true").');
  const optional = runtimeVars(profile, false);
  if (optional.length > 0) w.comment(`optional variables read by ${profile.runtimeConfig.file ?? 'config/runtime.exs'}: ${optional.join(', ')}`);
  w.map('env', config.env);
};

const secrets: Section = (w, profile, config) => {
  w.comment('Extra secret names to require; phoenix-ops sets the values through the provider, never in a file.');
  const required = runtimeVars(profile, true);
  if (required.length > 0) w.comment(`already required by ${profile.runtimeConfig.file ?? 'config/runtime.exs'}: ${required.join(', ')}`);
  w.list('secrets', config.secrets);
};

const audit: Section = (w, _profile, config) => {
  w.comment('Audit findings to ignore, each with a reason, e.g.:');
  w.comment('  - { rule: csp-blocks-liveview-socket, reason: "the CSP is set by our proxy" }');
  w.line('audit:');
  w.line(config.audit.ignore.length === 0 ? '  ignore: []' : '  ignore:');
  for (const item of config.audit.ignore) {
    w.line(`    - rule: ${scalar(item.rule)}`);
    if (item.path !== undefined) w.line(`      path: ${scalar(item.path)}`);
    w.line(`      reason: ${scalar(item.reason)}`);
  }
};

const cost: Section = (w, _profile, config) => {
  w.comment('Assumptions for `phoenix-ops cost`. traffic: low, medium or high; egressGb: null = the estimator\'s defaults.');
  w.group('cost', [
    ['hoursPerMonth', config.cost.hoursPerMonth],
    ['traffic', config.cost.traffic],
  ]);
  if (config.cost.egressGb === null) {
    w.kv(2, 'egressGb', null, 'or { low: 10, medium: 100, high: 1000 }');
  } else {
    w.line('  egressGb:');
    w.kv(4, 'low', config.cost.egressGb.low);
    w.kv(4, 'medium', config.cost.egressGb.medium);
    w.kv(4, 'high', config.cost.egressGb.high);
  }
  w.kv(2, 'k8sNodeType', config.cost.k8sNodeType, 'node pool instead of Autopilot');
  w.kv(2, 'vpsSize', config.cost.vpsSize, 'for the systemd target');
};

const k8s: Section = (w, _profile, config) => {
  w.comment('Kubernetes target. image: null = <app>:latest, to be replaced by your registry path.');
  w.group('k8s', [
    ['namespace', config.k8s.namespace],
    ['ingressClass', config.k8s.ingressClass],
    ['image', config.k8s.image],
    ['replicas', config.k8s.replicas],
  ]);
};

const fly: Section = (w, _profile, config) => {
  w.comment('Fly.io target. org: the organization slug for the app and its databases; null = FLY_ORG, or your only organization.');
  w.group('fly', [['org', config.fly.org]]);
};

const cloudrun: Section = (w, _profile, config) => {
  w.comment('Google Cloud Run target. Cloud Run has no network between instances: no BEAM clustering there.');
  w.group('cloudrun', [
    ['project', config.cloudrun.project],
    ['image', config.cloudrun.image],
  ]);
};

const aws: Section = (w, _profile, config) => {
  w.comment('AWS target (ECS on Fargate through Terraform). vpcId: an existing VPC (then list its subnets); null = a new VPC.');
  w.group('aws', [
    ['region', config.aws.region],
    ['vpcId', config.aws.vpcId],
  ]);
  w.line(`  publicSubnetIds: ${JSON.stringify(config.aws.publicSubnetIds)}`);
  w.line(`  privateSubnetIds: ${JSON.stringify(config.aws.privateSubnetIds)}`);
};

const systemd: Section = (w, _profile, config) => {
  w.comment('systemd target (a plain Linux server). host: user@host or host, for deploys over SSH.');
  w.group('systemd', [
    ['user', config.systemd.user],
    ['installDir', config.systemd.installDir],
    ['host', config.systemd.host],
  ]);
};

const ci: Section = (w, profile, config) => {
  w.comment('Continuous integration. deployTarget: the target CI deploys to from the main branch; null = test only.');
  const workflows = profile.deployFiles?.workflows ?? [];
  if (workflows.length > 0) w.comment(`existing workflows: ${workflows.join(', ')}`);
  w.group('ci', [
    ['provider', config.ci.provider],
    ['deployTarget', config.ci.deployTarget],
  ]);
};

/** The sections in file order, a blank line between two. */
const SECTIONS: readonly Section[] = [header, app, targets, region, host, machine, database, redis, storage, health, clustering, port, env, secrets, audit, cost, k8s, fly, cloudrun, aws, systemd, ci];

export function renderInitConfig(profile: Profile, config: DeployConfig): string {
  const w = new YamlLines();
  SECTIONS.forEach((section, i) => {
    if (i > 0) w.blank();
    section(w, profile, config);
  });
  return w.text();
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
