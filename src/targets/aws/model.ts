/**
 * Names and sizes for the aws target (ECS on Fargate), decided once from deployFacts and phoenix-ops.yaml,
 * so the Terraform, the apply steps and the notes agree on every name.
 *
 * Values the app reads that only Terraform knows (the ALB's DNS name, the RDS endpoint) are written as
 * `<tf:EXPRESSION>` tokens here; the Terraform renderer turns a value that is exactly one token into an
 * interpolation and escapes every other value, so a `${` in a user's value stays text.
 */
import type { DeployConfig } from '../../model/deploy-config.js';
import type { RenderOptions } from '../../model/plan.js';
import type { Profile } from '../../scan/profile.js';
import { deployFacts, type DeployFacts } from '../../facts/deploy.js';
import { writablePaths } from '../../facts/writable-paths.js';
import { sqlEngine, type SqlEngine } from '../compose/datastores.js';
import { inputPlaceholder } from '../shared/env-inputs.js';

/**
 * Env vars every Fargate container gets: the task metadata endpoint (ECS developer guide, "Task metadata endpoint
 * version 4"), the region variables and the hostname; the same set check.py's PLATFORM_ENV lists for aws.
 */
export const AWS_PLATFORM_ENV = ['ECS_CONTAINER_METADATA_URI_V4', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'HOSTNAME'] as const;

/** Erlang distribution ports opened between tasks (ERL_AFLAGS fixes the range; EPMD listens on 4369). */
export const DIST_PORT_MIN = 9100;
export const DIST_PORT_MAX = 9155;
export const EPMD_PORT = 4369;

const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$/;

/** Valid Fargate task sizes: CPU units → memory MiB allowed (ECS developer guide, "Task CPU and memory"). */
const FARGATE_SIZES: readonly { cpu: number; memory: readonly number[] }[] = [
  { cpu: 256, memory: [512, 1024, 2048] },
  { cpu: 512, memory: range(1024, 4096, 1024) },
  { cpu: 1024, memory: range(2048, 8192, 1024) },
  { cpu: 2048, memory: range(4096, 16384, 1024) },
  { cpu: 4096, memory: range(8192, 30720, 1024) },
  { cpu: 8192, memory: range(16384, 61440, 4096) },
  { cpu: 16384, memory: range(32768, 122880, 8192) },
];

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

/** The smallest valid Fargate size with at least the vCPUs and memory asked for. */
export function fargateSize(cpus: number, memoryMb: number): { cpu: number; memory: number } {
  const wantCpu = Math.max(256, Math.round(cpus * 1024));
  for (const s of FARGATE_SIZES) {
    if (s.cpu < wantCpu) continue;
    const memory = s.memory.find((m) => m >= memoryMb);
    if (memory !== undefined) return { cpu: s.cpu, memory };
  }
  const last = FARGATE_SIZES[FARGATE_SIZES.length - 1] ?? { cpu: 16384, memory: [122880] };
  return { cpu: last.cpu, memory: last.memory[last.memory.length - 1] ?? 122880 };
}

/** The AWS region: aws.region, else the top-level region when it is an AWS one, else us-east-1. */
export function awsRegion(config: Pick<DeployConfig, 'region' | 'aws'>): string {
  return config.aws.region ?? (AWS_REGION.test(config.region) ? config.region : 'us-east-1');
}

/** A Terraform expression the renderer writes as an interpolation. */
export const tfExpr = (expression: string): string => `<tf:${expression}>`;
const TF_EXPR = /^<tf:([^<>]+)>$/;
export const tfExprOf = (value: string): string | null => TF_EXPR.exec(value)?.[1] ?? null;

export type TerraformSecret = 'database-url' | 'db-password' | 'redis-url';

export interface AwsModel {
  facts: DeployFacts;
  name: string;
  region: string;
  /** config.region was not an AWS region (e.g. a Fly region) and was replaced. */
  regionReplaced: string | null;
  /** An existing VPC from phoenix-ops.yaml, or null to create one. */
  vpcId: string | null;
  publicSubnetIds: string[];
  privateSubnetIds: string[];
  cluster: string;
  service: string;
  family: string;
  logGroup: string;
  /** Name of the Application Load Balancer and its target group (32 characters at most). */
  albName: string;
  targetGroupName: string;
  /** HTTPS with an ACM certificate for this domain; null = HTTP only on the ALB's own name. */
  domain: string | null;
  sql: SqlEngine | null;
  dbUser: string;
  dbName: string;
  redis: boolean;
  /** BEAM clustering through Cloud Map service discovery. */
  clustering: boolean;
  /** The DNS name Cloud Map answers with every task's address. */
  discoveryName: string;
  cpu: number;
  memory: number;
  desiredCount: number;
  /** SQLite or writable folders: EFS mounts (volume name → container path). */
  efsMounts: Record<string, string>;
  /** Env var → Secrets Manager secret name. */
  secretIds: Record<string, string>;
  /** Secrets whose value Terraform writes (database URL and password, Redis URL), by env var. */
  terraformSecrets: Record<string, TerraformSecret>;
  /** Plain env of the container (values may be `<tf:…>` tokens). */
  env: Record<string, string>;
  /** Health check path of the target group and whether it is the app's own route (else any answer counts). */
  healthPath: string;
  healthIsRoute: boolean;
}

/** Lowercase letters, digits and `_`, starting with a letter, at most `max` characters (RDS user and database names). */
function sqlIdentifier(app: string, max: number): string {
  const id = app.replace(/[^a-z0-9]/g, '_').replace(/^[^a-z]+/, '');
  return (id || 'app').slice(0, max);
}

function secretRoles(facts: DeployFacts, redisSource: string): Record<string, TerraformSecret> {
  const out: Record<string, TerraformSecret> = {};
  const dbRole = new Map(facts.databaseEnv.map((d) => [d.name, d.role] as const));
  for (const s of facts.secrets) {
    if (facts.databaseUrlVars.includes(s.name) || (facts.usesEcto && dbRole.get(s.name) === 'database-url')) out[s.name] = 'database-url';
    else if (dbRole.get(s.name) === 'db-password' || facts.roles.get(s.name) === 'db-password') out[s.name] = 'db-password';
    else if (s.source === redisSource) out[s.name] = 'redis-url';
  }
  return out;
}

function efsMounts(profile: Profile, facts: DeployFacts): Record<string, string> {
  const paths = new Set<string>();
  if (facts.database === 'sqlite') paths.add('/data');
  for (const w of writablePaths(profile)) paths.add(w.path);
  const out: Record<string, string> = {};
  [...paths].sort().forEach((p, i) => (out[`data-${i + 1}`] = p));
  return out;
}

export function awsModel(profile: Profile, config: DeployConfig, options: RenderOptions = {}): AwsModel {
  const name = config.app;
  const provisioned = sqlEngine(config.database.kind === 'auto' ? profile.database : config.database.kind);
  const dbUser = sqlIdentifier(name, provisioned === 'mysql' ? 16 : 63);
  const dbName = sqlIdentifier(name, 63);
  const databaseParts = provisioned
    ? { 'db-host': tfExpr('aws_db_instance.db.address'), 'db-port': tfExpr('tostring(aws_db_instance.db.port)'), 'db-user': dbUser, 'db-name': dbName }
    : undefined;
  const facts = deployFacts(profile, config, { ...options, platformEnv: AWS_PLATFORM_ENV, databaseParts });
  const region = awsRegion(config);
  const sql = sqlEngine(facts.database);
  const clustering = facts.clustering !== 'none';
  const discoveryName = `web.${name}.local`;

  const terraformSecrets = secretRoles(facts, 'the Redis the target provisions');
  if (!sql) for (const [k, v] of Object.entries(terraformSecrets)) if (v !== 'redis-url') delete terraformSecrets[k];
  if (!facts.redis) for (const [k, v] of Object.entries(terraformSecrets)) if (v === 'redis-url') delete terraformSecrets[k];
  const secretIds: Record<string, string> = {};
  for (const s of [...facts.secrets].sort((a, b) => (a.name < b.name ? -1 : 1))) secretIds[s.name] = `${name}/${s.name}`;

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(facts.env)) if (!(k in secretIds)) env[k] = v;
  env.PHX_HOST = config.host ?? tfExpr('aws_lb.app.dns_name');
  for (const i of facts.inputs) env[i.name] = inputPlaceholder(i);
  if (clustering) {
    env.DNS_CLUSTER_QUERY = discoveryName;
    // Same as `-kernel inet_dist_listen_min … inet_dist_listen_max …` in vm.args: the security group opens this range.
    env.ERL_AFLAGS = `-kernel inet_dist_listen_min ${DIST_PORT_MIN} inet_dist_listen_max ${DIST_PORT_MAX}`;
  }
  const mounts = efsMounts(profile, facts);
  const single = facts.database === 'sqlite';
  const size = fargateSize(config.machine.cpus, config.machine.memoryMb);
  return {
    facts,
    name,
    region,
    regionReplaced: config.aws.region === null && region !== config.region ? config.region : null,
    vpcId: config.aws.vpcId,
    publicSubnetIds: [...config.aws.publicSubnetIds],
    privateSubnetIds: [...config.aws.privateSubnetIds],
    cluster: name,
    service: name,
    family: name,
    logGroup: `/ecs/${name}`,
    albName: `${name.slice(0, 28).replace(/-+$/, '')}-alb`,
    targetGroupName: `${name.slice(0, 29).replace(/-+$/, '')}-tg`,
    domain: config.host,
    sql,
    dbUser,
    dbName,
    redis: facts.redis,
    clustering,
    discoveryName,
    cpu: size.cpu,
    memory: size.memory,
    desiredCount: single ? 1 : Math.max(1, config.machine.count, facts.minRunning),
    efsMounts: mounts,
    secretIds,
    terraformSecrets,
    env: Object.fromEntries(Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    healthPath: facts.healthPath ?? '/',
    healthIsRoute: facts.healthPath !== null,
  };
}
