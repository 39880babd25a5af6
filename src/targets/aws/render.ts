/**
 * The aws target's renderer: Terraform for everything (deploy/aws/terraform), the plan's resources and
 * secrets, the notes, and the steps apply runs (steps.ts).
 */
import type { DeployConfig } from '../../model/deploy-config.js';
import type { Resource } from '../../model/resource.js';
import type { GeneratedFile, RenderOptions, SecretSpec, TargetOutput } from '../../model/plan.js';
import type { Profile } from '../../scan/profile.js';
import { inputsNote } from '../shared/env-inputs.js';
import { awsModel, DIST_PORT_MAX, DIST_PORT_MIN, type AwsModel } from './model.js';
import { awsSteps } from './steps.js';
import { TF_DIR, terraformFiles } from './terraform.js';

const DEFAULT_DB_CLASS = 'db.t4g.micro';
const DEFAULT_REDIS_NODE = 'cache.t4g.micro';

export function renderAws(profile: Profile, config: DeployConfig, options: RenderOptions = {}): TargetOutput {
  const m = awsModel(profile, config, options);
  const dbClass = config.database.plan ?? DEFAULT_DB_CLASS;
  const redisNode = config.redis.plan ?? DEFAULT_REDIS_NODE;
  const files: GeneratedFile[] = terraformFiles(m, { dbInstanceClass: dbClass, dbStorageGb: config.database.storageGb, redisNodeType: redisNode }).map((f) => ({
    path: `${TF_DIR}/${f.name}`,
    content: f.content,
    description: f.description,
  }));
  const migrations = m.facts.usesEcto && m.sql !== null;
  return {
    files,
    patches: [],
    resources: resources(m, config, dbClass, redisNode),
    secrets: secrets(m),
    steps: awsSteps(m, migrations),
    notes: notes(profile, m, migrations),
  };
}

function secrets(m: AwsModel): SecretSpec[] {
  const known = new Map(m.facts.secrets.map((s) => [s.name, s]));
  return Object.entries(m.secretIds).flatMap(([name, id]) => {
    const spec = known.get(name);
    if (!spec) return [];
    const byTerraform = m.terraformSecrets[name];
    const source = byTerraform ? `written by Terraform (${byTerraform === 'redis-url' ? 'the ElastiCache node' : 'the RDS instance'})` : spec.source;
    return [{ ...spec, source, description: `${spec.description} (Secrets Manager secret ${id})` }];
  });
}

function resources(m: AwsModel, config: DeployConfig, dbClass: string, redisNode: string): Resource[] {
  const out: Resource[] = [
    {
      id: 'web',
      kind: 'fargate-service',
      description: `${m.desiredCount} × Fargate task, ${m.cpu / 1024} vCPU / ${m.memory} MiB`,
      region: m.region,
      tasks: m.desiredCount,
      vcpu: m.cpu / 1024,
      memoryGib: m.memory / 1024,
    },
    { id: 'load-balancer', kind: 'aws-alb', description: 'Application Load Balancer', region: m.region },
  ];
  if (m.vpcId === null) out.push({ id: 'nat', kind: 'aws-nat-gateway', description: 'one NAT gateway (private subnets to the internet)', region: m.region });
  if (m.sql) {
    out.push({ id: 'database', kind: 'aws-rds', description: `RDS ${m.sql} ${dbClass}, single-AZ`, region: m.region, engine: m.sql, instanceClass: dbClass, storageGb: Math.max(20, config.database.storageGb), multiAz: false });
  }
  if (m.redis) out.push({ id: 'redis', kind: 'aws-elasticache', description: `ElastiCache Redis ${redisNode}, one node`, region: m.region, nodeType: redisNode, nodes: 1 });
  if (Object.keys(m.efsMounts).length) out.push({ id: 'files', kind: 'aws-efs', description: 'EFS (SQLite and writable folders)', region: m.region, storageGb: Math.max(1, config.storage.gb) });
  out.push(
    { id: 'images', kind: 'aws-ecr', description: 'release images', storageGb: 2 },
    { id: 'secrets', kind: 'aws-secrets-manager', description: `${Object.keys(m.secretIds).length} secrets`, secrets: Object.keys(m.secretIds).length },
    { id: 'logs', kind: 'aws-cloudwatch-logs', description: 'task logs', ingestGbPerMonth: 1 },
    { id: 'egress', kind: 'egress', provider: 'aws', region: m.region, description: 'traffic to the internet' },
  );
  return out;
}

function notes(profile: Profile, m: AwsModel, migrations: boolean): string[] {
  const out: string[] = [];
  if (m.domain) {
    out.push(
      `HTTPS: Terraform requests an ACM certificate for ${m.domain} and waits until it is issued: add the CNAME record of \`terraform -chdir=${TF_DIR} output certificate_validation\` (shown once the certificate exists; or run terraform apply -target=aws_acm_certificate.app first) at your DNS provider, and point ${m.domain} at load_balancer_dns. HTTP redirects to HTTPS.`,
    );
  } else {
    out.push('No host in phoenix-ops.yaml: the load balancer serves HTTP on its own name (PHX_HOST is set to it). Set host to your domain to get an ACM certificate, HTTPS and the HTTP→HTTPS redirect.');
  }
  out.push('The load balancer keeps idle connections 3600 s (idle_timeout), so LiveView websockets are not cut every minute; the deployment circuit breaker rolls a failing deploy back to the last one that worked.');
  if (migrations) out.push('Deploy order: the image is pushed, then the migrations run as a one-off task (aws ecs run-task with bin/migrate, the service\'s network and task definition), and only when they exit 0 the service is updated and awaited (aws ecs wait services-stable).');
  if (m.clustering) {
    out.push(
      `Clustering: every task registers an A record in Cloud Map (${m.discoveryName}); DNS_CLUSTER_QUERY is set to it and rel/env.sh.eex names each node <release>@<task IP>. Only the tasks' own security group may reach EPMD (4369) and the distribution ports ${DIST_PORT_MIN}–${DIST_PORT_MAX}, which ERL_AFLAGS fixes (the vm.args kernel flags inet_dist_listen_min/max).`,
    );
    if (profile.clustering === 'libcluster') out.push(`libcluster: use Cluster.Strategy.DNSPoll with query "${m.discoveryName}" and node_basename "${m.facts.releaseName}".`);
  }
  if (m.sql === 'postgres') out.push('RDS PostgreSQL: rds.force_ssl is turned off in the parameter group so a Repo without ssl connects; the database is reachable only from the tasks, in private subnets.');
  if (m.sql) out.push(`The database URL is written to Secrets Manager by Terraform (the password is in the Terraform state: keep the state in an encrypted, private backend). Destroying the database needs db_deletion_protection=false; a final snapshot (${m.name}-db-final) is kept.`);
  if (m.facts.database === 'sqlite' || Object.keys(m.efsMounts).length) {
    out.push(
      `Storage: Fargate's disk is lost with every task, so ${Object.values(m.efsMounts).join(', ')} ${Object.keys(m.efsMounts).length === 1 ? 'is' : 'are'} on EFS (an access point per folder, owned by nobody).` +
        (m.facts.database === 'sqlite' ? ' SQLite: one task only, and deploys stop the old task before starting the new one (minimum healthy 0 %), so two writers never share the file over NFS.' : ''),
    );
  }
  if (m.facts.database === 'mssql') out.push('SQL Server is not provisioned: create it yourself and put its URL in the Secrets Manager secret.');
  if (m.regionReplaced) out.push(`region "${m.regionReplaced}" is not an AWS region; ${m.region} was used (set aws.region in phoenix-ops.yaml).`);
  if (m.vpcId === null) out.push('A new VPC with one NAT gateway is created (tasks have no public IP); set aws.vpcId and its subnets to use an existing VPC.');
  out.push(`Each apply tags the image it builds with the git commit (a clean checkout) or a digest of the build context, passes it to Terraform (-var image_tag=…) and rolls the new task definition out; logs go to CloudWatch (${m.logGroup}, 30 days).`);
  const must = inputsNote(m.facts.inputs, `replace the <set …> placeholders in ${TF_DIR}/app.tf.json`);
  if (must) out.push(must);
  return out;
}
