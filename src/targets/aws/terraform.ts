/**
 * The aws target's Terraform: network (a new VPC or the one phoenix-ops.yaml names), ECR, the ALB with
 * HTTPS, ECS (cluster, task definition, service), Secrets Manager, and RDS, ElastiCache, Cloud Map and EFS
 * when the app needs them. One template per file (templates/*.tf.eta); the app's env, its secrets and the
 * values Terraform fills go in `app.tf.json` (Terraform's JSON syntax), which preflight reads back.
 *
 * Every HCL string is a literal made with `hclString`; in app.tf.json a value is a Terraform template string,
 * so a user's `${`/`%{` is doubled, and only a whole `<tf:…>` token of the model becomes an interpolation.
 */
import { MYSQL_VERSION, POSTGRES_MAJOR } from '../compose/datastores.js';
import { hclString as s } from '../shared/hcl.js';
import type { Template } from '../shared/template.js';
import { tfOutput as output, tfVariable as variable, type TfOutput, type TfVariable } from '../shared/terraform-vars.js';
import { DIST_PORT_MAX, DIST_PORT_MIN, EPMD_PORT, tfExprOf, type AwsModel, type TerraformSecret } from './model.js';
import * as tf from './templates/index.js';

export const TF_DIR = 'deploy/aws/terraform';

export interface TfFile {
  name: string;
  content: string;
  description: string;
}

export interface TfOptions {
  dbInstanceClass: string;
  dbStorageGb: number;
  redisNodeType: string;
}

const list = (items: readonly string[]): string => `[${items.map(s).join(', ')}]`;

export function tfVariables(m: AwsModel, opts: TfOptions): TfVariable[] {
  const out = [
    variable('region', 'string', 'AWS region of every resource.', s(m.region)),
    variable('app_name', 'string', 'Deployment name (prefix of every resource).', s(m.name)),
    variable('image_tag', 'string', 'Tag of the release image in ECR the task definition runs.', s('latest')),
    variable('task_cpu', 'number', 'Fargate task CPU units (1024 = 1 vCPU); must pair with task_memory.', String(m.cpu)),
    variable('task_memory', 'number', 'Fargate task memory in MiB.', String(m.memory)),
  ];
  if (m.domain) out.push(variable('domain', 'string', 'Public host name: the ACM certificate and PHX_HOST.', s(m.domain)));
  if (m.vpcId) {
    out.push(
      variable('vpc_id', 'string', 'The existing VPC to deploy into.', s(m.vpcId)),
      variable('public_subnet_ids', 'list(string)', 'Public subnets (load balancer), two zones or more.', list(m.publicSubnetIds)),
      variable('private_subnet_ids', 'list(string)', 'Private subnets with a NAT route (tasks, database, Redis).', list(m.privateSubnetIds)),
    );
  }
  if (m.sql) {
    out.push(
      variable('db_instance_class', 'string', 'RDS instance class.', s(opts.dbInstanceClass)),
      variable('db_allocated_storage_gb', 'number', 'RDS gp3 storage in GB (20 at least).', String(Math.max(20, opts.dbStorageGb))),
      variable('db_deletion_protection', 'bool', 'Refuse to destroy the database instance.', 'true'),
    );
  }
  if (m.redis) out.push(variable('redis_node_type', 'string', 'ElastiCache node type.', s(opts.redisNodeType)));
  return out;
}

export function tfOutputs(m: AwsModel): TfOutput[] {
  const out = [
    output('repository_url', 'aws_ecr_repository.app.repository_url', 'Where to push release images.'),
    output('registry', 'split("/", aws_ecr_repository.app.repository_url)[0]', 'The ECR registry host (docker login).'),
    output('load_balancer_dns', 'aws_lb.app.dns_name', m.domain ? 'Point your domain (CNAME or alias) here.' : 'The app is served at http://<this name>.'),
    output('cluster_name', 'aws_ecs_cluster.main.name', 'ECS cluster.'),
    output('service_name', 'aws_ecs_service.app.name', 'ECS service.'),
    output('log_group', 'aws_cloudwatch_log_group.app.name', 'CloudWatch log group of the tasks.'),
  ];
  if (m.domain) {
    out.push(output('certificate_validation', 'aws_acm_certificate.app.domain_validation_options', 'The DNS record that validates the ACM certificate.'));
  }
  if (m.clustering) out.push(output('dns_cluster_query', '"web.${aws_service_discovery_private_dns_namespace.main.name}"', 'The name every task registers under (DNS_CLUSTER_QUERY).'));
  if (m.sql) out.push(output('db_address', 'aws_db_instance.db.address', 'Database host (private).'));
  return out;
}

/** A value as a Terraform JSON-syntax template string: a whole `<tf:…>` token interpolates, anything else is literal. */
export function jsonTemplate(value: string): string {
  const expr = tfExprOf(value);
  return expr !== null ? `\${${expr}}` : value.replace(/([$%])\{/g, '$1$1{');
}

const SECRET_VALUES: Record<TerraformSecret, (m: AwsModel) => string> = {
  'database-url': () =>
    'ecto://${aws_db_instance.db.username}:${random_password.db.result}@${aws_db_instance.db.address}:${aws_db_instance.db.port}/${aws_db_instance.db.db_name}',
  'db-password': () => '${random_password.db.result}',
  'redis-url': () => 'redis://${aws_elasticache_cluster.redis.cache_nodes[0].address}:6379',
};

/** app.tf.json: the container's port, env, secrets, the secret values Terraform writes, and the EFS mounts. */
export function appTfJson(m: AwsModel): string {
  const tfSecrets = Object.keys(m.terraformSecrets).sort();
  const locals: Record<string, unknown> = {
    app_port: m.facts.port,
    app_env: Object.fromEntries(Object.entries(m.env).map(([k, v]) => [k, jsonTemplate(v)])),
    secrets: m.secretIds,
    terraform_secrets: tfSecrets,
    efs_mounts: m.efsMounts,
  };
  if (tfSecrets.length) locals.terraform_secret_values = Object.fromEntries(tfSecrets.map((k) => [k, SECRET_VALUES[m.terraformSecrets[k] ?? 'database-url'](m)]));
  return `${JSON.stringify({ '//': 'Generated by phoenix-ops (aws target): the app container\'s env and secrets. Review before `terraform apply`.', locals }, null, 2)}\n`;
}

function rds(m: AwsModel): object {
  const postgres = m.sql === 'postgres';
  return {
    postgres,
    engine: s(postgres ? 'postgres' : 'mysql'),
    version: s(postgres ? POSTGRES_MAJOR : MYSQL_VERSION),
    family: s(postgres ? `postgres${POSTGRES_MAJOR}` : `mysql${MYSQL_VERSION}`),
    port: postgres ? 5432 : 3306,
    dbName: s(m.dbName),
    dbUser: s(m.dbUser),
  };
}

function alb(m: AwsModel): object {
  return {
    albName: s(m.albName),
    targetGroupName: s(m.targetGroupName),
    healthPath: s(m.healthPath),
    https: m.domain !== null,
    matcher: s(m.healthIsRoute ? '200-399' : '200-499'),
    matcherWhy: m.healthIsRoute
      ? 'ALB health checks carry no X-Forwarded-Proto: a force_ssl redirect (301) still means the app answers.'
      : 'The app serves no health route: any HTTP answer from "/" means the release is up.',
  };
}

export function terraformFiles(m: AwsModel, opts: TfOptions): TfFile[] {
  const file = (name: string, t: Template, model: object, description: string): TfFile => ({ name, content: t.render(model), description });
  const efs = Object.keys(m.efsMounts).length > 0;
  const files = [
    file('versions.tf', tf.versionsTf, {}, 'Terraform and provider versions'),
    file('variables.tf', tf.variablesTf, { variables: tfVariables(m, opts) }, 'input variables with the values phoenix-ops chose'),
    { name: 'app.tf.json', content: appTfJson(m), description: "the container's env, secret names and the secret values Terraform writes" },
    file('network.tf', tf.networkTf, { existing: m.vpcId !== null }, m.vpcId ? `the existing VPC ${m.vpcId}` : 'VPC, public and private subnets, NAT gateway'),
    file('security-groups.tf', tf.securityGroupsTf, { clustering: m.clustering, epmd: EPMD_PORT, distMin: DIST_PORT_MIN, distMax: DIST_PORT_MAX }, 'security groups of the load balancer and the tasks'),
    file('ecr.tf', tf.ecrTf, {}, 'ECR repository for the release images'),
    file('alb.tf', tf.albTf, alb(m), m.domain ? 'Application Load Balancer, ACM certificate, HTTPS and the HTTP→HTTPS redirect' : 'Application Load Balancer (HTTP)'),
    file('secrets.tf', tf.secretsTf, { terraformSecrets: Object.keys(m.terraformSecrets).length > 0 }, 'Secrets Manager secrets'),
    file(
      'ecs.tf',
      tf.ecsTf,
      {
        logGroup: s(m.logGroup),
        efs,
        clustering: m.clustering,
        minHealthy: m.facts.database === 'sqlite' ? 0 : 100,
        maxPercent: m.facts.database === 'sqlite' ? 100 : 200,
        listeners: m.domain ? 'aws_lb_listener.http, aws_lb_listener.https' : 'aws_lb_listener.http',
      },
      'ECS cluster, log group, roles, task definition and service (circuit breaker with rollback)',
    ),
  ];
  if (m.clustering) files.push(file('discovery.tf', tf.discoveryTf, { discoveryName: m.discoveryName }, 'Cloud Map namespace and service (BEAM clustering by DNS)'));
  if (m.sql) files.push(file('rds.tf', tf.rdsTf, rds(m), `RDS ${m.sql === 'postgres' ? 'PostgreSQL' : 'MySQL'} instance`));
  if (m.redis) files.push(file('elasticache.tf', tf.elasticacheTf, {}, 'ElastiCache Redis node'));
  if (efs) files.push(file('efs.tf', tf.efsTf, {}, 'EFS file system for SQLite and writable folders'));
  files.push(file('outputs.tf', tf.outputsTf, { outputs: tfOutputs(m) }, 'values the deploy needs (registry, load balancer, cluster)'));
  return files;
}
