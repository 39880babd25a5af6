/** The fly target's job in the GitHub deploy workflow: flyctl deploy (fly.toml runs the migrations). */
import { ACTIONS, uses } from '../shared/actions.js';
import { checkoutStep, type CiContext, type DeployJob } from '../shared/ci-steps.js';

type Obj = Record<string, unknown>;

export function flyDeployJob(ctx: CiContext): DeployJob {
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
  return { name: 'Deploy to Fly.io', job: job, notes: ['deploy.yml needs the repository secret FLY_API_TOKEN (fly tokens create deploy).'] };
}
