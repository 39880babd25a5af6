/**
 * .github/workflows/deploy.yml for the deploy target: CI first (ci.yml as a reusable workflow), then one
 * deploy job with only the permissions it needs. Values from the event never reach a shell directly:
 * everything a `run:` uses comes through `env:`.
 */
import type { DeployConfig } from '../../model/deploy-config.js';
import type { Profile } from '../../scan/profile.js';
import type { TargetId } from '../types.js';
import { cloudRunModel } from '../cloudrun/model.js';
import { JOB_FILE, SERVICE_FILE } from '../cloudrun/render.js';
import { k8sModel } from '../k8s/model.js';
import { OVERLAYS, WAIT_FOR_JOB } from '../k8s/render.js';
import { systemdModel } from '../systemd/model.js';
import { ACTIONS, uses } from './actions.js';
import { checkoutStep, inProject, type WorkflowContext } from './ci.js';

type Obj = Record<string, unknown>;

/** Targets a deploy workflow exists for. */
export const DEPLOYABLE: readonly TargetId[] = ['fly', 'k8s', 'cloudrun', 'systemd', 'docker'];

export interface DeployWorkflow {
  workflow: Obj;
  notes: string[];
}

function base(name: string, job: Obj): Obj {
  return {
    name,
    on: { push: { branches: ['main'] }, workflow_dispatch: {} },
    permissions: { contents: 'read' },
    // One deploy at a time; a newer push waits instead of cancelling a rollout halfway.
    concurrency: { group: 'deploy-production', 'cancel-in-progress': false },
    jobs: {
      ci: { uses: './.github/workflows/ci.yml', permissions: { contents: 'read' } },
      deploy: { needs: 'ci', 'runs-on': 'ubuntu-24.04', 'timeout-minutes': 30, environment: 'production', ...job },
    },
  };
}

/** Build and push the image with buildx (GitHub Actions cache), tagged with the commit SHA. */
function buildPushSteps(ctx: WorkflowContext): Obj[] {
  return [
    { name: 'Set up Docker Buildx', uses: uses(ACTIONS.setupBuildx) },
    {
      name: 'Build and push the image',
      uses: uses(ACTIONS.buildPush),
      with: {
        context: ctx.dir || '.',
        push: true,
        tags: '${{ env.IMAGE }}',
        'cache-from': 'type=gha',
        'cache-to': 'type=gha,mode=max',
      },
    },
  ];
}

/** GHCR login with the workflow token, or a registry login from secrets. */
function registryLogin(repo: string): { steps: Obj[]; ghcr: boolean } {
  const registry = repo.split('/')[0]!;
  if (registry === 'ghcr.io') {
    return {
      ghcr: true,
      steps: [{ name: 'Log in to GitHub Container Registry', uses: uses(ACTIONS.dockerLogin), with: { registry: 'ghcr.io', username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' } }],
    };
  }
  return {
    ghcr: false,
    steps: [
      {
        name: `Log in to ${registry}`,
        uses: uses(ACTIONS.dockerLogin),
        with: { registry, username: '${{ secrets.REGISTRY_USERNAME }}', password: '${{ secrets.REGISTRY_PASSWORD }}' },
      },
    ],
  };
}

export function deployWorkflow(target: TargetId, ctx: WorkflowContext, config: DeployConfig, profile: Profile): DeployWorkflow | null {
  switch (target) {
    case 'fly':
      return flyDeploy(ctx);
    case 'k8s':
      return k8sDeploy(ctx, config, profile);
    case 'cloudrun':
      return cloudRunDeploy(ctx, config, profile);
    case 'systemd':
      return systemdDeploy(ctx, config, profile);
    case 'docker':
      return dockerPublish(ctx);
    default:
      return null;
  }
}

function flyDeploy(ctx: WorkflowContext): DeployWorkflow {
  const job: Obj = {
    permissions: { contents: 'read' },
    steps: [
      checkoutStep(),
      { name: 'Set up flyctl', uses: uses(ACTIONS.setupFlyctl) },
      {
        name: 'Deploy (fly.toml runs the migrations as release_command)',
        run: 'flyctl deploy --remote-only',
        'working-directory': ctx.dir || '.',
        env: { FLY_API_TOKEN: '${{ secrets.FLY_API_TOKEN }}' },
      },
    ],
  };
  return { workflow: base('Deploy to Fly.io', job), notes: ['deploy.yml needs the repository secret FLY_API_TOKEN (fly tokens create deploy).'] };
}

function k8sDeploy(ctx: WorkflowContext, config: DeployConfig, profile: Profile): DeployWorkflow {
  const m = k8sModel(profile, config);
  const overlay = inProject(ctx, `${OVERLAYS}/production`);
  const login = registryLogin(m.imageRepo);
  const repoExpr = m.imagePlaceholder ? `ghcr.io/\${{ github.repository_owner }}/${m.name}` : m.imageRepo;
  const ns = m.namespace;
  const apply = (component: string) => `kubectl apply --kustomize "$OVERLAY" --selector app.kubernetes.io/component=${component}`;
  const steps: Obj[] = [
    checkoutStep(),
    ...login.steps,
    {
      name: 'Image name',
      // Registries want lowercase; the owner may not be.
      // A short tag: the migration Job is named after it (Kubernetes names and labels stay under 63 characters).
      run: 'echo "TAG=${GITHUB_SHA::12}" >> "$GITHUB_ENV"\necho "IMAGE=${IMAGE_REPO,,}:${GITHUB_SHA::12}" >> "$GITHUB_ENV"\n',
      env: { IMAGE_REPO: repoExpr },
    },
    ...buildPushSteps(ctx),
    {
      name: 'Configure kubectl',
      run: ['install -m 600 /dev/null "$RUNNER_TEMP/kubeconfig"', 'printf \'%s\' "$KUBE_CONFIG" > "$RUNNER_TEMP/kubeconfig"', 'echo "KUBECONFIG=$RUNNER_TEMP/kubeconfig" >> "$GITHUB_ENV"'].join('\n') + '\n',
      env: { KUBE_CONFIG: '${{ secrets.KUBE_CONFIG }}' },
    },
    {
      name: 'Pin the image in the production overlay',
      run: `cd "$OVERLAY"\nkustomize edit set image "${m.baseImage}=$IMAGE"\n`,
    },
    { name: 'Apply namespace, service account and ConfigMap', run: `${apply('config')}\nkubectl --namespace "$NAMESPACE" get secret "${m.secretName}"\n` },
  ];
  if (m.migrateJob) {
    steps.push({
      name: 'Run the migrations (Job) and wait for them',
      run: [
        apply('migrate'),
        `JOB="${m.migrateJobBase}-$TAG"`,
        WAIT_FOR_JOB.replace(/"\$1"/g, '"$NAMESPACE"').replace(/\$2/g, '$JOB'),
      ].join('\n') + '\n',
    });
  }
  steps.push(
    { name: 'Roll out', id: 'rollout', run: `${apply('web')}\nkubectl --namespace "$NAMESPACE" rollout status "deployment/${m.name}" --timeout=600s\n` },
    {
      name: 'Undo the rollout when it failed',
      if: "failure() && steps.rollout.outcome == 'failure'",
      run: `kubectl --namespace "$NAMESPACE" rollout undo "deployment/${m.name}"\n`,
    },
  );
  const job: Obj = {
    permissions: login.ghcr ? { contents: 'read', packages: 'write' } : { contents: 'read' },
    env: { OVERLAY: overlay, NAMESPACE: ns },
    steps,
  };
  const notes = [
    `deploy.yml needs the repository secret KUBE_CONFIG (a kubeconfig for a deploy identity limited to the ${ns} namespace)${login.ghcr ? '' : ', and REGISTRY_USERNAME / REGISTRY_PASSWORD for the registry'}; kustomize and kubectl come preinstalled on GitHub's Ubuntu runners.`,
  ];
  if (login.ghcr) notes.push(`Images go to ghcr.io with the workflow's GITHUB_TOKEN (packages: write); a private package needs an imagePullSecret in the cluster.`);
  return { workflow: base('Deploy to Kubernetes', job), notes };
}

function cloudRunDeploy(ctx: WorkflowContext, config: DeployConfig, profile: Profile): DeployWorkflow {
  const m = cloudRunModel(profile, config);
  const slash = m.image.lastIndexOf('/');
  const colon = m.image.lastIndexOf(':');
  const repo = colon > slash ? m.image.slice(0, colon) : m.image;
  const where = '--region "$REGION" --project "$PROJECT_ID"';
  const render = (file: string, out: string) => `sed "s#image: $DEFAULT_IMAGE\\$#image: $IMAGE#" "${inProject(ctx, file)}" > "$RUNNER_TEMP/${out}"`;
  const migrations = m.facts.usesEcto && m.sql !== null;
  const steps: Obj[] = [
    checkoutStep(),
    {
      name: 'Authenticate to Google Cloud (OIDC, no key)',
      uses: uses(ACTIONS.gcpAuth),
      with: { workload_identity_provider: '${{ vars.GCP_WORKLOAD_IDENTITY_PROVIDER }}', service_account: '${{ vars.GCP_DEPLOY_SERVICE_ACCOUNT }}' },
    },
    { name: 'Set up gcloud', uses: uses(ACTIONS.setupGcloud) },
    { name: 'Let docker push to Artifact Registry', run: 'gcloud auth configure-docker "${REGION}-docker.pkg.dev" --quiet\necho "IMAGE=${IMAGE_REPO}:${GITHUB_SHA}" >> "$GITHUB_ENV"\n' },
    ...buildPushSteps(ctx),
    {
      name: 'Point the manifests at this image',
      run: [render(SERVICE_FILE, 'service.yaml'), ...(migrations ? [render(JOB_FILE, 'migrate-job.yaml')] : [])].join('\n') + '\n',
    },
  ];
  if (migrations) {
    steps.push({
      name: 'Run the migrations and wait for them',
      run: `gcloud run jobs replace "$RUNNER_TEMP/migrate-job.yaml" ${where}\ngcloud run jobs execute "${m.migrateJobName}" --wait ${where}\n`,
    });
  }
  steps.push({ name: 'Deploy the service', run: `gcloud run services replace "$RUNNER_TEMP/service.yaml" ${where}\n` });
  const job: Obj = {
    permissions: { contents: 'read', 'id-token': 'write' },
    env: { PROJECT_ID: m.project, REGION: m.region, IMAGE_REPO: repo, DEFAULT_IMAGE: m.image },
    steps,
  };
  return {
    workflow: base('Deploy to Cloud Run', job),
    notes: ['deploy.yml authenticates with GitHub OIDC: set the repository variables GCP_WORKLOAD_IDENTITY_PROVIDER and GCP_DEPLOY_SERVICE_ACCOUNT (Terraform outputs); no service account key is stored.'],
  };
}

function systemdDeploy(ctx: WorkflowContext, config: DeployConfig, profile: Profile): DeployWorkflow {
  const m = systemdModel(profile, config);
  const stage = `/tmp/${m.app}-deploy`;
  const files = [m.tarball, m.scriptPath, m.unitPath, m.envExamplePath].map((f) => `"${f}"`).join(' ');
  const steps: Obj[] = [
    checkoutStep(),
    { name: 'Set up Elixir and Erlang/OTP', uses: uses(ACTIONS.setupBeam), with: { 'elixir-version': ctx.beam.elixir, 'otp-version': ctx.beam.otp, 'version-type': 'strict' } },
    { name: 'Build the release', run: `bash ${m.scriptPath} build\n`, 'working-directory': ctx.dir || '.' },
    {
      name: 'Install the SSH key',
      run: [
        'install -d -m 700 ~/.ssh',
        'printf \'%s\\n\' "$SSH_PRIVATE_KEY" > ~/.ssh/deploy_key',
        'chmod 600 ~/.ssh/deploy_key',
        'printf \'%s\\n\' "$SSH_KNOWN_HOSTS" > ~/.ssh/known_hosts',
      ].join('\n') + '\n',
      env: { SSH_PRIVATE_KEY: '${{ secrets.SSH_PRIVATE_KEY }}', SSH_KNOWN_HOSTS: '${{ secrets.SSH_KNOWN_HOSTS }}' },
    },
    {
      name: 'Copy and deploy (migrate, switch, health check, rollback)',
      'working-directory': ctx.dir || '.',
      run: [
        `ssh -i ~/.ssh/deploy_key "$DEPLOY_HOST" mkdir -p ${stage}`,
        `scp -i ~/.ssh/deploy_key ${files} "$DEPLOY_HOST:${stage}/"`,
        `ssh -i ~/.ssh/deploy_key "$DEPLOY_HOST" sudo bash ${stage}/deploy.sh setup`,
        `ssh -i ~/.ssh/deploy_key "$DEPLOY_HOST" sudo bash ${stage}/deploy.sh deploy ${stage}/${m.tarball.split('/').pop()}`,
      ].join('\n') + '\n',
    },
  ];
  const job: Obj = { permissions: { contents: 'read' }, env: { DEPLOY_HOST: m.host, MIX_ENV: 'prod' }, steps };
  return {
    workflow: base('Deploy to the server', job),
    notes: [
      'deploy.yml needs the secrets SSH_PRIVATE_KEY and SSH_KNOWN_HOSTS (ssh-keyscan output for the server); the deploy user needs passwordless sudo for deploy.sh.',
      'The release is built on ubuntu-24.04: the server must run a compatible distribution (same or newer glibc and OpenSSL 3), or build on the server instead.',
    ],
  };
}

function dockerPublish(ctx: WorkflowContext): DeployWorkflow {
  const steps: Obj[] = [
    checkoutStep(),
    ...registryLogin('ghcr.io/x').steps,
    { name: 'Image name', run: 'echo "IMAGE=ghcr.io/${REPOSITORY,,}:${GITHUB_SHA}" >> "$GITHUB_ENV"\n', env: { REPOSITORY: '${{ github.repository }}' } },
    ...buildPushSteps(ctx),
  ];
  return {
    workflow: base('Publish the image', { permissions: { contents: 'read', packages: 'write' }, steps }),
    notes: ['deploy.yml builds the image and pushes it to ghcr.io/<owner>/<repo>:<commit sha>; run it where you like.'],
  };
}
