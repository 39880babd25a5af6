/**
 * .github/workflows/deploy.yml for the deploy target: CI first (ci.yml as a reusable workflow), then the
 * deploy job the target itself contributes (`deployJob` in src/targets/<id>/index.ts), with only the
 * permissions it needs. Values from the event never reach a shell directly: a `run:` gets them through `env:`.
 */
import type { DeployJob } from '../shared/ci-steps.js';

type Obj = Record<string, unknown>;

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

export function deployWorkflow(d: DeployJob): DeployWorkflow {
  return { workflow: base(d.name, d.job), notes: d.notes };
}
