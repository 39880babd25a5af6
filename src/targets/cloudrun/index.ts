/** Google Cloud Run: Knative service and migration job YAML, Terraform for Cloud SQL, Memorystore, secrets and IAM. */
import type { Target } from '../types.js';
import { cloudRunDeployJob } from './ci-deploy.js';
import { CLOUDRUN_PLATFORM_ENV, cloudRunRegion } from './model.js';
import { renderCloudRun } from './render.js';

export const target = {
  id: 'cloudrun',
  title: 'Google Cloud Run',
  description:
    'Cloud Run service (min/max instances, CPU always allocated for LiveView/Oban, probes, Secret Manager), a migration job, and Terraform for Cloud SQL, Memorystore, Artifact Registry, secrets and least-privilege IAM; Redis PubSub where instances must share broadcasts.',
  includes: ['docker'],
  platformEnv: CLOUDRUN_PLATFORM_ENV,
  region: cloudRunRegion,
  deployJob: (profile, config, ctx) => cloudRunDeployJob(ctx, config, profile),
  render: renderCloudRun,
} satisfies Target;
