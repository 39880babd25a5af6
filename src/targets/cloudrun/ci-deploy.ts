/** The cloudrun target's job in the GitHub deploy workflow: OIDC auth, build and push, migration job, service replace. */
import { migrationStep } from '../../facts/migration-step.js';
import type { DeployConfig } from '../../model/deploy-config.js';
import type { Profile } from '../../scan/profile.js';
import { ACTIONS, uses } from '../shared/actions.js';
import { parseImageRef } from '../shared/image-ref.js';
import { buildPushSteps, checkoutStep, inProject, type CiContext, type DeployJob } from '../shared/ci-steps.js';

type Obj = Record<string, unknown>;
import { cloudRunModel } from './model.js';
import { JOB_FILE, SERVICE_FILE } from './render.js';

export function cloudRunDeployJob(ctx: CiContext, config: DeployConfig, profile: Profile): DeployJob {
  const m = cloudRunModel(profile, config);
  const ref = parseImageRef(m.image);
  const repo = 'error' in ref ? m.image : ref.name;
  const where = '--region "$REGION" --project "$PROJECT_ID"';
  const render = (file: string, out: string) => `sed "s#image: $DEFAULT_IMAGE\\$#image: $IMAGE#" "${inProject(ctx, file)}" > "$RUNNER_TEMP/${out}"`;
  const migrations = m.facts.usesEcto && m.sql !== null && migrationStep(profile).run;
  const steps: Obj[] = [
    checkoutStep(),
    {
      name: 'Authenticate to Google Cloud (OIDC, no key)',
      uses: uses(ACTIONS.gcpAuth),
      with: { workload_identity_provider: '${{ vars.GCP_WORKLOAD_IDENTITY_PROVIDER }}', service_account: '${{ vars.GCP_DEPLOY_SERVICE_ACCOUNT }}' },
    },
    { name: 'Set up gcloud', uses: uses(ACTIONS.setupGcloud) },
    { name: 'Let docker push to Artifact Registry', run: 'gcloud auth configure-docker "${REGION}-docker.pkg.dev" --quiet\necho "IMAGE=${IMAGE_REPO}:${GITHUB_SHA}" >> "$GITHUB_ENV"\n' },
    ...buildPushSteps(ctx, m.facts.dockerfile),
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
    name: 'Deploy to Cloud Run', job: job,
    notes: ['deploy.yml authenticates with GitHub OIDC: set the repository variables GCP_WORKLOAD_IDENTITY_PROVIDER and GCP_DEPLOY_SERVICE_ACCOUNT (Terraform outputs); no service account key is stored.'],
  };
}
