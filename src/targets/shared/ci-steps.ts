/**
 * Steps GitHub Actions deploy jobs share (checkout, image build and push, registry login), and the
 * shape of the deploy job a target contributes (`deployJob` in its index.ts). Values from events reach
 * shells only through `env:`.
 */
import type { DeployConfig } from '../../model/deploy-config.js';
import type { Profile } from '../../scan/profile.js';
import { ACTIONS, uses } from './actions.js';

type Obj = Record<string, unknown>;

/** What a target's deploy job is built from. */
export interface CiContext {
  profile: Profile;
  /** Elixir/OTP CI installs (the project's pins). */
  beam: { elixir: string; otp: string };
  /** Project folder relative to the repository root ('' when it is the root). */
  dir: string;
}

/** A target's contribution to deploy.yml: the workflow name, the deploy job (after CI passes), notes. */
export interface DeployJob {
  name: string;
  job: Obj;
  notes: string[];
}

export type DeployJobBuilder = (profile: Profile, config: DeployConfig, ctx: CiContext) => DeployJob;

/** `path` inside the project folder, relative to the repository root. */
export function inProject(ctx: { dir: string }, path: string): string {
  return ctx.dir ? `${ctx.dir}/${path}` : path;
}

export function checkoutStep(): Obj {
  return { name: 'Check out', uses: uses(ACTIONS.checkout), with: { 'persist-credentials': false } };
}

/** Build and push the image with buildx (GitHub Actions cache), tagged with the commit SHA. */
export function buildPushSteps(ctx: { dir: string }, dockerfile = 'Dockerfile'): Obj[] {
  return [
    { name: 'Set up Docker Buildx', uses: uses(ACTIONS.setupBuildx) },
    {
      name: 'Build and push the image',
      uses: uses(ACTIONS.buildPush),
      with: {
        context: ctx.dir || '.',
        ...(dockerfile === 'Dockerfile' ? {} : { file: inProject(ctx, dockerfile) }),
        push: true,
        tags: '${{ env.IMAGE }}',
        'cache-from': 'type=gha',
        'cache-to': 'type=gha,mode=max',
      },
    },
  ];
}

/** GHCR login with the workflow token, or a login to `registry` (a host, as `registryOf` reads it) from secrets. */
export function registryLogin(registry: string): { steps: Obj[]; ghcr: boolean } {
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
