/** Kubernetes: a kustomize base with staging/production overlays, migrations as a Job before each rollout. */
import type { Target } from '../types.js';
import { k8sDeployJob } from './ci-deploy.js';
import { K8S_PLATFORM_ENV } from './model.js';
import { renderK8s } from './render.js';

export const target = {
  id: 'k8s',
  title: 'Kubernetes (kustomize)',
  description:
    'Deployment with probes, graceful shutdown and a non-root read-only filesystem, Services (headless for BEAM clustering), Ingress with LiveView-friendly timeouts, HPA, PDB, a migration Job, and staging/production overlays.',
  includes: ['docker'],
  platformEnv: K8S_PLATFORM_ENV,
  deployJob: (profile, config, ctx) => k8sDeployJob(ctx, config, profile),
  render: renderK8s,
} satisfies Target;
