/**
 * What `apply` runs for the aws target, in order: Terraform (everything, the service at 0 tasks), the secret
 * values Terraform does not know (stdin, `--secret-string file:///dev/stdin`), ECR login (the password piped
 * from `aws ecr get-login-password` into `docker login --password-stdin`, never in argv), build and push,
 * the migrations as a one-off task, then the service update and `aws ecs wait services-stable`.
 *
 * AWS CLI sources (docs.aws.amazon.com/cli/latest/reference/): `ecr get-login-password` prints the password
 * for `docker login --username AWS --password-stdin <account>.dkr.ecr.<region>.amazonaws.com`;
 * `secretsmanager put-secret-value` / `list-secret-version-ids` ({ARN, Name, Versions: [{VersionId,
 * VersionStages}]}); `ecs describe-services` ({services: [{networkConfiguration, …}]}), `ecs run-task`
 * ({tasks: [{taskArn}]}), `ecs wait tasks-stopped`, `ecs describe-tasks` ({tasks: [{containers: [{exitCode}]}]}),
 * `ecs update-service`, `ecs wait services-stable` (polls describe-services every 15 s, exit 255 after 40
 * failed checks). A parameter value `file://PATH` is read from PATH (AWS CLI user guide,
 * "Loading a parameter from a file").
 */
import { dockerfileFlag } from '../../facts/dockerfile.js';
import type { Step } from '../../model/plan.js';
import { IMAGE_TAG } from '../../model/image-tag.js';
import { generated, input, output } from '../shared/placeholders.js';
import type { AwsModel } from './model.js';
import { TF_DIR } from './terraform.js';

const tf = (...args: string[]): string[] => ['terraform', `-chdir=${TF_DIR}`, ...args];
const TF_APPLY = 'aws-terraform-apply';

/**
 * Destroys the Terraform resources when they include the RDS instance, which AWS refuses to delete while
 * `deletion_protection` is true: turn it off first (only when the instance is in the state, so a targeted
 * apply never creates it), saying so, then destroy. Argument: the Terraform folder.
 */
export const TF_DESTROY_WITH_RDS = [
  'set -euo pipefail',
  'if [ -n "$(terraform -chdir="$1" state list aws_db_instance.db)" ]; then',
  '  echo "turning off deletion protection of the RDS instance (aws_db_instance.db) to destroy it" >&2',
  '  terraform -chdir="$1" apply -auto-approve -input=false -var db_deletion_protection=false -target=aws_db_instance.db',
  'fi',
  'terraform -chdir="$1" destroy -auto-approve -input=false',
].join('\n');

/** `aws ecr get-login-password | docker login --password-stdin`: the documented ECR login, the password only in the pipe. Arguments: region, registry. */
export const ECR_LOGIN = ['set -euo pipefail', 'aws ecr get-login-password --region "$1" | docker login --username AWS --password-stdin "$2"'].join('\n');

/**
 * The migrations as a one-off Fargate task: the service's own network configuration and task definition
 * family (its newest revision), the command overridden to bin/migrate; waits for it to stop and fails unless
 * the container exited 0. Arguments: region, cluster, service, family, overrides JSON.
 */
export const RUN_MIGRATIONS = [
  'set -euo pipefail',
  `net="$(aws ecs describe-services --region "$1" --cluster "$2" --services "$3" --query 'services[0].networkConfiguration' --output json)"`,
  `task="$(aws ecs run-task --region "$1" --cluster "$2" --task-definition "$4" --launch-type FARGATE --started-by phoenix-ops-migrate --query 'tasks[0].taskArn' --output text --network-configuration "$net" --overrides "$5")"`,
  'echo "migration task $task" >&2',
  'aws ecs wait tasks-stopped --region "$1" --cluster "$2" --tasks "$task"',
  `code="$(aws ecs describe-tasks --region "$1" --cluster "$2" --tasks "$task" --query 'tasks[0].containers[0].exitCode' --output text)"`,
  'if [ "$code" != "0" ]; then echo "the migrations exited with $code: see the task log in CloudWatch" >&2; exit 1; fi',
].join('\n');

function terraformSteps(m: AwsModel, data: boolean): Step[] {
  return [
    { id: 'aws-terraform-init', description: 'initialise Terraform', command: tf('init', '-input=false'), rerun: 'on-change' },
    {
      id: TF_APPLY,
      description:
        'create the VPC, load balancer, ECR repository, secrets, ECS cluster, task definition and service (0 tasks)' +
        (m.sql ? ', RDS (deletion-protected: destroy --include-data turns that off first)' : '') +
        (m.redis ? ', ElastiCache' : '') +
        (m.clustering ? ', Cloud Map' : '') +
        (Object.keys(m.efsMounts).length ? ', EFS' : ''),
      // The task definition runs the image this apply builds: its tag is chosen at apply time (src/apply/image-tag.ts).
      command: tf('apply', '-auto-approve', '-input=false', '-var', `image_tag=${IMAGE_TAG}`),
      rerun: 'on-change',
      probe: { command: tf('show', '-json'), select: ['values.root_module.resources[0]'] },
      outputs: { command: tf('output', '-json'), values: { repository_url: 'repository_url.value', registry: 'registry.value' } },
      rollback: m.sql ? ['bash', '-c', TF_DESTROY_WITH_RDS, 'terraform-destroy', TF_DIR] : tf('destroy', '-auto-approve', '-input=false'),
      timeoutSeconds: 3600,
      ...(data ? { data: true } : {}),
    },
  ];
}

/** One new version per secret Terraform does not fill, its value on stdin: generated or asked. */
function secretSteps(m: AwsModel): Step[] {
  const generatedBy = new Map(m.facts.secrets.flatMap((s) => (s.generate ? [[s.name, s.generate] as const] : [])));
  return Object.entries(m.secretIds)
    .filter(([name]) => !(name in m.terraformSecrets))
    .map(([name, id]) => {
      const kind = generatedBy.get(name);
      return {
        id: `aws-secret-${name.toLowerCase().replace(/_/g, '-')}`,
        description: `store ${name} in Secrets Manager (${id})${kind ? ', generated' : ''}`,
        command: ['aws', 'secretsmanager', 'put-secret-value', '--secret-id', id, '--secret-string', 'file:///dev/stdin', '--region', m.region, '--output', 'json'],
        stdin: kind ? generated(kind) : input(name),
        secrets: [name],
        probe: { command: ['aws', 'secretsmanager', 'list-secret-version-ids', '--secret-id', id, '--region', m.region, '--output', 'json'], select: ['Versions[0].VersionId'] },
      };
    });
}

function imageSteps(m: AwsModel): Step[] {
  const image = `${output(TF_APPLY, 'repository_url')}:${IMAGE_TAG}`;
  return [
    { id: 'aws-ecr-login', description: 'log docker in to ECR (the password goes through a pipe)', command: ['bash', '-c', ECR_LOGIN, 'ecr-login', m.region, output(TF_APPLY, 'registry')] },
    {
      id: 'aws-image-build',
      description: 'build the release image (Fargate runs linux/amd64 here)',
      command: ['docker', 'build', ...dockerfileFlag(m.facts.dockerfile), '--platform', 'linux/amd64', '--tag', image, '.'],
      rerun: 'on-change',
      rollback: ['docker', 'image', 'rm', image],
      timeoutSeconds: 1800,
    },
    { id: 'aws-image-push', description: 'push the image to ECR', command: ['docker', 'push', image], rerun: 'on-change', timeoutSeconds: 1800 },
  ];
}

function migrateStep(m: AwsModel): Step {
  const overrides = JSON.stringify({ containerOverrides: [{ name: 'web', command: [`${m.facts.releaseDir}/bin/migrate`] }] });
  return {
    id: 'aws-migrate',
    description: 'run the migrations as a one-off task and wait for it (exit code 0) before updating the service',
    command: ['bash', '-c', RUN_MIGRATIONS, 'ecs-migrate', m.region, m.cluster, m.service, m.family, overrides],
    rerun: 'on-change',
    timeoutSeconds: 1800,
  };
}

function serviceSteps(m: AwsModel): Step[] {
  const where = ['--region', m.region, '--cluster', m.cluster];
  return [
    {
      id: 'aws-deploy',
      description: `roll the service out to ${m.desiredCount} task(s) on the newest task definition (the circuit breaker rolls a failing deploy back)`,
      command: ['aws', 'ecs', 'update-service', ...where, '--service', m.service, '--task-definition', m.family, '--desired-count', String(m.desiredCount), '--force-new-deployment', '--output', 'json'],
      rerun: 'on-change',
    },
    {
      id: 'aws-wait-stable',
      description: 'wait until the service is stable (one deployment, running = desired)',
      command: ['aws', 'ecs', 'wait', 'services-stable', ...where, '--services', m.service],
      rerun: 'on-change',
      timeoutSeconds: 1200,
    },
  ];
}

export function awsSteps(m: AwsModel, migrations: boolean): Step[] {
  const data = m.sql !== null || Object.keys(m.efsMounts).length > 0;
  return [...terraformSteps(m, data), ...secretSteps(m), ...imageSteps(m), ...(migrations ? [migrateStep(m)] : []), ...serviceSteps(m)];
}
