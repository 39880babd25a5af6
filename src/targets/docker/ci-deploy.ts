/** The docker target's job in the GitHub deploy workflow: build the image and push it to ghcr.io. */
import { buildPushSteps, checkoutStep, registryLogin, type CiContext, type DeployJob } from '../shared/ci-steps.js';

type Obj = Record<string, unknown>;

export function dockerDeployJob(ctx: CiContext, dockerfile = 'Dockerfile'): DeployJob {
  const steps: Obj[] = [
    checkoutStep(),
    ...registryLogin('ghcr.io').steps,
    { name: 'Image name', run: 'echo "IMAGE=ghcr.io/${REPOSITORY,,}:${GITHUB_SHA}" >> "$GITHUB_ENV"\n', env: { REPOSITORY: '${{ github.repository }}' } },
    ...buildPushSteps(ctx, dockerfile),
  ];
  return {
    name: 'Publish the image', job: { permissions: { contents: 'read', packages: 'write' }, steps },
    notes: ['deploy.yml builds the image and pushes it to ghcr.io/<owner>/<repo>:<commit sha>; run it where you like.'],
  };
}
