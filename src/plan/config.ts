/**
 * `phoenix-ops.yaml`: find it, parse it, validate it against the schema with errors that point at the line,
 * and merge it over the defaults inferred from the profile.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Document } from 'yaml';
import { clustering as clusteringOf } from '../facts/clustering.js';
import { existingFlyToml, existingK8sWorkload, keptDockerfile } from '../facts/existing-deploy.js';
import { listenPort } from '../facts/listen-port.js';
import { named } from '../model/interop.js';
import { needsRedis } from '../facts/redis.js';
import { isSecretName } from '../facts/secret-name.js';
import type { Database, Profile } from '../scan/profile.js';
import type { DeployConfig } from '../model/deploy-config.js';
import { CONFIG_SCHEMA } from '../model/config-schema.js';
import { isRecord } from '../model/guards.js';
import { formatPath, type SchemaPath } from './schema-path.js';
import { checkIgnores } from './config-ignores.js';

/** File names looked for in the project folder, in order. */
export const CONFIG_FILE_NAMES = ['phoenix-ops.yaml', 'phoenix-ops.yml'] as const;

/** One problem in the config file, located. */
export interface ConfigIssue {
  /** The file as given to the loader (absolute when read from disk). */
  file: string;
  /** 1-based; null when the problem has no place in the file. */
  line: number | null;
  column: number | null;
  /** The setting concerned (`machine.count`), or null for syntax errors. */
  path: string | null;
  /** The sentence without the location prefix. */
  reason: string;
}

/**
 * An invalid config file. `message` is one line, `phoenix-ops.yaml:7:3: machine.count must be …`;
 * `issues` holds every problem found (the first one is the message).
 */
export class ConfigError extends Error {
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly path: string | null;
  readonly reason: string;
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    // Every caller passes at least one issue; an empty list still makes a one-line error, not a crash.
    const first = issues[0] ?? { file: CONFIG_FILE_NAMES[0], line: null, column: null, path: null, reason: 'the configuration is invalid' };
    super(formatIssue(first));
    this.name = 'ConfigError';
    this.file = first.file;
    this.line = first.line;
    this.column = first.column;
    this.path = first.path;
    this.reason = first.reason;
    this.issues = issues;
  }
}

/** `phoenix-ops.yaml:7:3: reason` (the file's base name, since it always sits in the project folder). */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line === null ? basename(issue.file) : `${basename(issue.file)}:${issue.line}:${issue.column ?? 1}`;
  return `${where}: ${issue.reason}`;
}

export interface LoadedConfig {
  config: DeployConfig;
  /** Absolute path of the file read, or null when the project has none (defaults only). */
  file: string | null;
  /** Located, one line each: settings that are valid but probably not what was meant. */
  warnings: string[];
}

export interface ConfigOptions {
  /**
   * The audit rule and verify check ids `audit.ignore` may name, asked for only when the file has ignores
   * (the catalogs live in stages above this one). Without it the ids are not checked.
   */
  knownRuleIds?: () => Promise<readonly string[]>;
}

/** Reads `phoenix-ops.yaml` (or `.yml`) in `projectDir` when present, validates it and merges it over the defaults. */
export async function loadConfig(projectDir: string, profile: Profile, options: ConfigOptions = {}): Promise<LoadedConfig> {
  const [file, ignored] = await findConfigFiles(projectDir);
  if (file === undefined) return { config: defaultConfig(profile), file: null, warnings: [] };
  const text = await readFile(file, 'utf8');
  const { config, warnings } = await parseConfig(text, profile, file, options);
  if (ignored !== undefined) {
    warnings.unshift(`${basename(ignored)}: ignored because ${basename(file)} is also present; delete one of them`);
  }
  return { config, file, warnings };
}

/** The config files present in `projectDir`, in CONFIG_FILE_NAMES order. */
export async function findConfigFiles(projectDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = join(projectDir, name);
    try {
      if ((await stat(candidate)).isFile()) out.push(candidate);
    } catch {
      // absent
    }
  }
  return out;
}

/**
 * Parses and validates config text (no I/O). `file` names the file in messages.
 * Throws ConfigError on YAML syntax errors and on invalid settings.
 */
export async function parseConfig(text: string, profile: Profile, file: string = CONFIG_FILE_NAMES[0], options: ConfigOptions = {}): Promise<{ config: DeployConfig; warnings: string[] }> {
  // Loaded here, not at start-up: a project without phoenix-ops.yaml never needs the YAML parser.
  const yaml = named(await import('yaml'), 'parseDocument');
  const { LineCounter, parseDocument } = yaml;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const at = (offset: number): { line: number; column: number } => {
    const pos = lineCounter.linePos(offset);
    return { line: Math.max(pos.line, 1), column: Math.max(pos.col, 1) };
  };

  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((err) => ({ file, ...at(err.pos[0]), path: null, reason: syntaxReason(err.code, err.message, text, err.pos) })),
    );
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new ConfigError([{ file, ...at(aliasOffset(yaml, doc)), path: null, reason: `YAML error: ${err instanceof Error ? err.message : String(err)}` }]);
  }
  if (data === null || data === undefined) data = {};

  const locate = (path: SchemaPath, value = false): { line: number; column: number } => at(offsetOf(yaml, doc, path, value));
  const issue = (path: SchemaPath, reason: string, value = false): ConfigIssue => ({ file, ...locate(path, value), path: formatPath(path) || null, reason });

  // Loaded here too: ajv and the compiled schema cost more than the rest of the config loader.
  const { validateAgainstSchema } = await import('./schema-validate.js');
  const schemaIssues = validateAgainstSchema(CONFIG_SCHEMA, data);
  if (schemaIssues.length > 0) throw new ConfigError(schemaIssues.map((i) => issue(i.path, i.message)));

  // Valid against the schema, so a mapping.
  const user = isRecord(data) ? data : {};
  const app = typeof user.app === 'string' ? user.app : (existingAppName(profile) ?? defaultAppName(profile));
  const config = deepMerge(defaultsFor(profile, app), user) as DeployConfig;
  const userMachine = isRecord(user.machine) ? user.machine : {};

  // maxCount follows count when only count was set.
  if (userMachine.maxCount === undefined && config.machine.maxCount < config.machine.count) {
    config.machine.maxCount = config.machine.count;
  }

  const errors: ConfigIssue[] = [];
  if (config.machine.maxCount < config.machine.count) {
    errors.push(
      issue(['machine', userMachine.maxCount !== undefined ? 'maxCount' : 'count'], `machine.maxCount (${config.machine.maxCount}) must be at least machine.count (${config.machine.count})`),
    );
  }
  if (config.machine.minRunning !== null && config.machine.minRunning > config.machine.count) {
    errors.push(
      issue(['machine', 'minRunning'], `machine.minRunning (${config.machine.minRunning}) must not exceed machine.count (${config.machine.count})`),
    );
  }
  const ignores = config.audit.ignore.length ? checkIgnores(config.audit.ignore, profile, options.knownRuleIds ? await options.knownRuleIds() : null) : { errors: [], warnings: [] };
  errors.push(...ignores.errors.map((i) => issue(i.path, i.reason, true)));
  if (errors.length > 0) throw new ConfigError(errors);

  const warnings = [
    ...ignores.warnings.map((i) => formatIssue(issue(i.path, i.reason, true))),
    ...doc.warnings.map((w) => formatIssue({ file, ...at(w.pos[0]), path: null, reason: w.message })),
    ...configWarnings(profile, config, user).map((w) => formatIssue(issue(w.path, w.reason))),
  ];
  return { config, warnings };
}

/** Settings that validate but are likely mistakes, given what the scan found. */
function configWarnings(profile: Profile, config: DeployConfig, user: Record<string, unknown>): { path: SchemaPath; reason: string }[] {
  const out: { path: SchemaPath; reason: string }[] = [];
  const userPath = (...path: string[]): boolean => getIn(user, path) !== undefined;
  const db = resolveDatabase(profile, config);

  if (config.database.kind !== 'auto' && config.database.kind !== 'none' && profile.database !== 'none' && config.database.kind !== profile.database) {
    out.push({ path: ['database', 'kind'], reason: `database.kind is ${config.database.kind} but the app's Ecto adapter is for ${profile.database}` });
  }
  if (config.database.kind === 'auto' && profile.database === 'mssql') {
    out.push({ path: ['database', 'kind'], reason: 'the app uses SQL Server, which no target provisions; set database.kind to none and provide DATABASE_URL yourself' });
  }
  if (db === 'sqlite' && config.machine.count > 1) {
    out.push({
      path: userPath('machine', 'count') ? ['machine', 'count'] : ['database', 'kind'],
      reason: `machine.count is ${config.machine.count} but SQLite lives on one volume that instances cannot share; use 1 instance or Postgres`,
    });
  }
  if (config.targets.includes('cloudrun')) {
    if (config.cloudrun.project === 'my-gcp-project') {
      out.push({ path: userPath('cloudrun', 'project') ? ['cloudrun', 'project'] : ['targets'], reason: 'cloudrun.project is still the placeholder "my-gcp-project"; set your Google Cloud project id' });
    }
    if (config.clustering === true) {
      out.push({ path: ['clustering'], reason: 'Cloud Run has no private network between instances, so BEAM clustering cannot form there; use Redis PubSub instead' });
    }
  }
  if (config.targets.includes('aws') && config.aws.vpcId !== null && (config.aws.publicSubnetIds.length < 2 || config.aws.privateSubnetIds.length < 2)) {
    out.push({ path: ['aws', 'vpcId'], reason: 'aws.vpcId names an existing VPC: list at least two publicSubnetIds (for the load balancer) and two privateSubnetIds (for the tasks and the database), in different zones' });
  }
  if (config.ci.deployTarget !== null && !config.targets.includes(config.ci.deployTarget)) {
    out.push({ path: ['ci', 'deployTarget'], reason: `ci.deployTarget ${config.ci.deployTarget} is not listed in targets` });
  }
  if (config.port < 1024) {
    out.push({ path: ['port'], reason: `port ${config.port} needs root privileges; the release runs as an unprivileged user, so use 1024 or above (e.g. 8080)` });
  }
  for (const name of config.secrets) {
    if (Object.prototype.hasOwnProperty.call(config.env, name)) {
      out.push({ path: ['env', name], reason: `${name} is listed in both env and secrets; a secret's value must not live in this file` });
    }
  }
  for (const name of Object.keys(config.env)) {
    if (isSecretName(name)) {
      out.push({ path: ['env', name], reason: `env.${name} looks like a secret; list its name under secrets and set the value with the provider instead` });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Defaults
// ---------------------------------------------------------------------------------------------

/** The config used when the file is absent, and the base the file is merged over. */
export function defaultConfig(profile: Profile): DeployConfig {
  return defaultsFor(profile, existingAppName(profile) ?? defaultAppName(profile));
}

/**
 * The name the app already deploys under, when it is a valid deployment name: an existing fly.toml's app
 * (created on Fly), else the app's own Kubernetes Deployment.
 */
function existingAppName(profile: Profile): string | null {
  const valid = (n: string | null | undefined) => (n && /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/.test(n) ? n : null);
  if (!profile.facts?.flyTomls) return null;
  return valid(existingFlyToml(profile)?.app) ?? valid(existingK8sWorkload(profile)?.name);
}

function defaultsFor(profile: Profile, app: string): DeployConfig {
  return {
    version: 1,
    app,
    targets: ['fly'],
    region: (profile.facts?.flyTomls ? existingFlyToml(profile)?.primaryRegion : null) ?? 'iad',
    host: null,
    machine: {
      cpus: 1,
      memoryMb: 1024,
      cpuKind: 'shared',
      count: multiInstanceReasons(profile).length > 0 ? 2 : 1,
      minRunning: null,
      maxCount: 4,
    },
    database: { kind: 'auto', mode: 'managed', plan: null, storageGb: 10 },
    redis: { enabled: 'auto', plan: null },
    storage: { enabled: false, gb: 5 },
    health: { path: profile.health?.path ?? '/health' },
    clustering: 'auto',
    port: defaultPort(profile),
    env: {},
    secrets: [],
    audit: { ignore: [] },
    cost: { hoursPerMonth: 730, traffic: 'low', egressGb: null, k8sNodeType: null, vpsSize: null },
    k8s: { namespace: (profile.facts?.k8s ? existingK8sWorkload(profile)?.namespace : null) ?? app, ingressClass: 'nginx', image: null, replicas: 2 },
    fly: { org: null },
    cloudrun: { project: 'my-gcp-project', image: null },
    aws: { region: null, vpcId: null, publicSubnetIds: [], privateSubnetIds: [] },
    systemd: { user: app, installDir: `/opt/${app}`, host: null },
    ci: { provider: 'github-actions', deployTarget: null },
  };
}

/** The OTP app name made DNS-safe: `hello_phoenix` → `hello-phoenix`. */
export function defaultAppName(profile: Profile): string {
  return appNameFromOtpApp(profile.web?.otpApp || profile.apps?.[0]?.otpApp || '');
}

export function appNameFromOtpApp(otpApp: string): string {
  const name = otpApp
    .toLowerCase()
    .replace(/_/g, '-')
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return name === '' ? 'app' : name;
}

/** Why the app wants more than one instance (LiveView, PubSub use, clustering); empty when one is enough. */
export function multiInstanceReasons(profile: Profile): string[] {
  const reasons: string[] = [];
  if (profile.liveView) reasons.push('LiveView');
  const usage = profile.facts?.usage;
  if (profile.pubsub === 'redis' || (usage?.pubsubBroadcast?.length ?? 0) > 0 || (usage?.presence?.length ?? 0) > 0) reasons.push('PubSub');
  if (profile.clustering !== 'none') reasons.push('clustering');
  return reasons;
}

// ---------------------------------------------------------------------------------------------
// Resolving 'auto'
// ---------------------------------------------------------------------------------------------

/** The database to provision: the config's choice, or the profile's adapter when 'auto'. */
export function resolveDatabase(profile: Profile, config: DeployConfig): Database {
  return config.database.kind === 'auto' ? profile.database : config.database.kind;
}

/** Deps that mean the app talks to Redis: one list, in src/facts/redis.ts. */
export { REDIS_DEPS } from '../facts/redis.js';

/** Whether to provision Redis: the config's choice, or whether the app uses it when 'auto' (src/facts/redis.ts). */
export function resolveRedis(profile: Profile, config: DeployConfig): boolean {
  return needsRedis(profile, config);
}

/** Whether instances should form a BEAM cluster: the config's choice, or whether the app has a clustering library when 'auto'. */
export function resolveClustering(profile: Profile, config: DeployConfig): boolean {
  return clusteringOf(profile, config) !== 'none';
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Plain objects merge key by key; everything else (arrays, null, scalars) replaces. */
function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (isRecord(base) && isRecord(override)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override)) out[key] = deepMerge(base[key], value);
    return out;
  }
  return override;
}

function getIn(value: unknown, path: string[]): unknown {
  let cur = value;
  for (const key of path) {
    if (!isRecord(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Offset of the node a path points at: a map entry's key, or a list item; the deepest one found. */
type Yaml = typeof import('yaml');

function offsetOf({ isAlias, isMap, isScalar, isSeq }: Yaml, doc: Document, path: SchemaPath, value = false): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return offset;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) return offset;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  // The whole path was found: point at the value itself when asked (the id or path as written).
  return value ? (rangeStart(node) ?? offset) : offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = node && typeof node === 'object' && 'range' in node ? node.range : undefined;
  return Array.isArray(range) && typeof range[0] === 'number' ? range[0] : undefined;
}

function aliasOffset({ visit }: Yaml, doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) === undefined) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
}

function syntaxReason(code: string, message: string, text: string, pos: [number, number]): string {
  if (code === 'DUPLICATE_KEY') {
    const key = (text.slice(pos[0]).split(/\r?\n/)[0] ?? '').split(':')[0]?.trim();
    return `duplicate key ${key || '(empty)'}; each setting may appear once per section`;
  }
  if (code === 'TAB_AS_INDENT') return 'YAML syntax error: indent with spaces, not tabs';
  if (code === 'MULTIPLE_DOCS') return 'YAML syntax error: the file must hold a single document (remove the extra "---")';
  return `YAML syntax error: ${message.replace(/; please use YAML\.parseAllDocuments\(\)/, '')}`;
}

/**
 * The port to route to: the one the prod config fixes (≥ 1024), 8080 when the app reads its port from the
 * environment (the platform sets PORT), or Phoenix's default 4000 when the config names none.
 */
export function defaultPort(profile: Profile): number {
  const fixed = fixedPort(profile);
  if (fixed !== null) return fixed;
  if (listenPort(profile).kind === 'default') return 4000;
  // The platform sets PORT: keep the one the project's own deploy files already use.
  if (!profile.facts?.flyTomls) return 8080;
  const own = existingFlyToml(profile)?.internalPort ?? existingK8sWorkload(profile)?.port ?? keptDockerfile(profile)?.port ?? null;
  return own !== null && own >= 1024 ? own : 8080;
}

/**
 * The port the app listens on when its prod config fixes it (`http: [port: 4000]` as a literal):
 * the platform must then route to that port. When PORT comes from the environment, the platform
 * picks it (8080 by default).
 */
export function fixedPort(profile: Profile): number | null {
  const listen = listenPort(profile);
  return listen.kind === 'fixed' && listen.port >= 1024 ? listen.port : null;
}
