/**
 * Terraform for what the Cloud Run service needs around it: APIs, Artifact Registry, the runtime and
 * deploy service accounts (with GitHub OIDC federation), Secret Manager secrets (names only, never
 * values), Cloud SQL and Memorystore. The service and job themselves are deployed from their YAML.
 *
 * One template per file (templates/*.tf.eta); the values they hold are computed here, every string
 * already an HCL literal (`hclString`), so a `${` in a value stays text instead of becoming an interpolation.
 */
import { MYSQL_VERSION, POSTGRES_MAJOR } from '../compose/datastores.js';
import { hclString as s } from '../shared/hcl.js';
import type { Template } from '../shared/template.js';
import { tfOutput as output, tfVariable as variable, type TfOutput, type TfVariable } from '../shared/terraform-vars.js';
import type { CloudRunModel } from './model.js';
import * as tf from './templates/index.js';

export const TF_DIR = 'deploy/cloudrun/terraform';

export interface TfFile {
  name: string;
  content: string;
  description: string;
}

export interface TfOptions {
  dbTier: string;
  dbStorageGb: number;
}

export function tfVariables(m: CloudRunModel, opts: TfOptions): TfVariable[] {
  const out = [
    variable('project_id', 'string', 'Google Cloud project id.', s(m.project)),
    variable('region', 'string', 'Region of the service, the database and the registry.', s(m.region)),
    variable('app_name', 'string', 'Deployment name (prefix of every resource).', s(m.name)),
    variable('github_repository', 'string', 'owner/name of the GitHub repository allowed to deploy (OIDC).', s('OWNER/REPO')),
  ];
  if (m.sql) {
    out.push(
      variable('db_tier', 'string', 'Cloud SQL machine tier (shared-core tiers have no SLA).', s(opts.dbTier)),
      variable('db_disk_size_gb', 'number', 'Cloud SQL SSD size in GB (grows automatically).', String(Math.max(10, opts.dbStorageGb))),
      variable('db_deletion_protection', 'bool', 'Refuse to destroy the database instance.', 'true'),
    );
  }
  if (m.redis) {
    out.push(
      variable('redis_memory_size_gb', 'number', 'Memorystore capacity in GB.', '1'),
      variable('network', 'string', 'VPC network Memorystore peers with and Cloud Run egresses to.', s('default')),
    );
  }
  return out;
}

/** The Google APIs to enable, sorted, as the HCL list's items. */
function apis(m: CloudRunModel): string {
  const out = ['artifactregistry.googleapis.com', 'iam.googleapis.com', 'iamcredentials.googleapis.com', 'run.googleapis.com', 'secretmanager.googleapis.com', 'sts.googleapis.com'];
  if (m.sql) out.push('sqladmin.googleapis.com');
  if (m.redis) out.push('compute.googleapis.com', 'redis.googleapis.com');
  return out.sort().map(s).join(', ');
}

/** `ENV_NAME = "secret-id"` entries of `local.secrets`, keys padded so the `=` line up. */
function secretEntries(m: CloudRunModel): { key: string; value: string }[] {
  const entries = Object.entries(m.secretIds);
  const width = Math.max(0, ...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => ({ key: k.padEnd(width), value: s(v) }));
}

function cloudSql(m: CloudRunModel): { instance: string; databaseVersion: string; postgres: boolean } {
  const postgres = m.sql === 'postgres';
  return { instance: s(m.sqlInstance), databaseVersion: s(postgres ? `POSTGRES_${POSTGRES_MAJOR}` : `MYSQL_${MYSQL_VERSION.replace('.', '_')}`), postgres };
}

export function tfOutputs(m: CloudRunModel): TfOutput[] {
  const out = [
    output('image_repository', '"${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.app.repository_id}"', 'Where to push release images.'),
    output('run_service_account', 'google_service_account.run.email', 'Identity of the service and the migration job.'),
    output('deploy_service_account', 'google_service_account.deploy.email', 'GitHub variable GCP_DEPLOY_SERVICE_ACCOUNT.'),
    output('workload_identity_provider', 'google_iam_workload_identity_pool_provider.github.name', 'GitHub variable GCP_WORKLOAD_IDENTITY_PROVIDER.'),
  ];
  if (m.sql) {
    const socket = m.sql === 'postgres' ? 'socket_dir' : 'socket';
    const url = `"ecto://\${google_sql_user.app.name}:PASSWORD@localhost/\${google_sql_database.app.name}?${socket}=/cloudsql/\${google_sql_database_instance.db.connection_name}"`;
    out.push(
      output('cloudsql_connection_name', 'google_sql_database_instance.db.connection_name', 'Value of run.googleapis.com/cloudsql-instances.'),
      output('database_url_template', url, 'DATABASE_URL shape: replace PASSWORD with `terraform output -raw db_password`.'),
      output('db_password', 'random_password.db.result', 'Password of the database user (put it into the DATABASE_URL secret).', true),
    );
  }
  if (m.redis) out.push(output('redis_url', '"redis://${google_redis_instance.cache.host}:${google_redis_instance.cache.port}"', 'Value for the REDIS_URL secret.'));
  return out;
}

export function terraformFiles(m: CloudRunModel, opts: TfOptions): TfFile[] {
  const file = (name: string, t: Template, model: object, description: string): TfFile => ({ name, content: t.render(model), description });
  const files = [
    file('versions.tf', tf.versionsTf, {}, 'Terraform and provider versions'),
    file('variables.tf', tf.variablesTf, { variables: tfVariables(m, opts) }, 'input variables with the values phoenix-ops chose'),
    file('apis.tf', tf.apisTf, { apis: apis(m) }, 'Google APIs the deployment uses'),
    file('artifact-registry.tf', tf.artifactRegistryTf, {}, 'Docker repository for the release images'),
    file('secrets.tf', tf.secretsTf, { secrets: secretEntries(m) }, 'Secret Manager secrets (names only)'),
    file('service-account.tf', tf.serviceAccountTf, { runServiceAccountId: s(m.runServiceAccountId), sql: m.sql !== null }, 'runtime service account and its least-privilege grants'),
    file('github-oidc.tf', tf.githubOidcTf, { deployServiceAccountId: s(m.deployServiceAccountId) }, 'GitHub OIDC federation and the deploy service account'),
  ];
  if (m.sql) files.push(file('cloudsql.tf', tf.cloudsqlTf, cloudSql(m), `Cloud SQL ${m.sql === 'postgres' ? 'Postgres' : 'MySQL'} instance, database and user`));
  if (m.redis) files.push(file('memorystore.tf', tf.memorystoreTf, {}, 'Memorystore for Redis (PubSub across instances)'));
  files.push(file('outputs.tf', tf.outputsTf, { outputs: tfOutputs(m) }, 'values the deploy needs (registry, identities, connection names)'));
  return files;
}
