/**
 * What a rule needs before it can say anything (Lighthouse's `requiredArtifacts`, for a profile):
 * a rule lists requirements in `requires`, and the engine answers "not applicable" with the
 * requirement's fixed reason, before calling `check`, for the first one the project does not meet.
 * Conditions only one rule cares about stay in that rule (its own `notApplicable(...)`).
 */
import type { Profile } from '../scan/profile.js';
import { phoenixDockerfiles } from '../facts/dockerfile.js';
import { ectoRepos, endpointOf, hasDep, htmlPipelines, mixStartedDockerfile, pipelineInUse } from './facts.js';

export interface Requirement {
  /** What holds when the requirement is met (docs, `explain`). */
  description: string;
  /** The "not applicable" answer when it is not. */
  reason: string;
  met(profile: Profile): boolean;
}

export const REQUIREMENTS = {
  endpoint: {
    description: 'a Phoenix endpoint was found',
    reason: 'no Phoenix endpoint found',
    met: (p) => endpointOf(p) !== null && p.web.endpointModule !== null,
  },
  'html-pipeline': {
    description: 'a router pipeline that accepts "html" serves prod routes',
    reason: 'no pipeline accepts "html" (API-only app)',
    met: (p) => htmlPipelines(p).some((pl) => pipelineInUse(p, pl)),
  },
  liveview: {
    description: 'the app serves LiveViews',
    reason: 'the app serves no LiveView',
    met: (p) => p.liveView,
  },
  'force-ssl': {
    description: 'the app enforces HTTPS in prod (force_ssl or Plug.SSL)',
    reason: 'HTTPS is not enforced by the app (reported by https-not-enforced)',
    met: (p) => p.security.forceSsl,
  },
  'health-route': {
    description: 'the app has an unauthenticated health route or plug',
    reason: 'no health route (reported by health-endpoint-missing)',
    met: (p) => p.health !== null,
  },
  database: {
    description: 'the app uses Ecto with a database',
    reason: 'the app has no database',
    met: (p) => p.database !== 'none',
  },
  'postgres-or-mysql': {
    description: 'the database is Postgres or MySQL (reached over a network connection)',
    reason: 'the database is neither Postgres nor MySQL',
    met: (p) => p.database === 'postgres' || p.database === 'mysql',
  },
  'ecto-repo': {
    description: 'an Ecto repo is configured (`ecto_repos`, or a `*.Repo` config key)',
    reason: 'no Ecto repo found',
    met: (p) => ectoRepos(p).length > 0,
  },
  'runtime-config': {
    description: 'the app has config/runtime.exs (or config/releases.exs)',
    reason: 'the app has no config/runtime.exs',
    met: (p) => p.runtimeConfig.file !== null,
  },
  'asset-pipeline': {
    description: 'the app builds assets (esbuild, tailwind, webpack, vite…)',
    reason: 'the app has no asset pipeline',
    met: (p) => p.assets !== 'none',
  },
  'release-boot': {
    description: 'the app boots as an OTP release (no production Dockerfile starts it with `mix phx.server` or `mix run`)',
    reason: 'the app starts with Mix (`mix phx.server` or `mix run` in its production Dockerfile), not as a release',
    met: (p) => mixStartedDockerfile(p) === null,
  },
  'prod-dockerfile': {
    description: 'a Dockerfile builds a production image of the Elixir app',
    reason: 'no production Dockerfile',
    met: (p) => phoenixDockerfiles(p).length > 0,
  },
  'fly-toml': {
    description: 'the repository has a fly.toml',
    reason: 'no fly.toml',
    met: (p) => p.facts.flyTomls.length > 0,
  },
  'dns-cluster': {
    description: 'the app starts DNSCluster',
    reason: 'the app does not use DNSCluster',
    met: (p) => p.clustering === 'dns_cluster',
  },
  libcluster: {
    description: 'the app starts libcluster (or depends on it)',
    reason: 'the app does not use libcluster',
    met: (p) => p.clustering === 'libcluster' || hasDep(p, 'libcluster'),
  },
} as const satisfies Record<string, Requirement>;

export type RequirementName = keyof typeof REQUIREMENTS;

export const REQUIREMENT_NAMES = Object.keys(REQUIREMENTS) as RequirementName[];

/**
 * The first requirement of `names` the profile does not meet, or null when all are met.
 * `cache` keeps each answer for one audit run (many rules ask about the endpoint).
 */
export function unmetRequirement(profile: Profile, names: readonly RequirementName[], cache?: Map<RequirementName, boolean>): { name: RequirementName; reason: string } | null {
  for (const name of names) {
    const req: Requirement = REQUIREMENTS[name];
    let met = cache?.get(name);
    if (met === undefined) {
      met = req.met(profile);
      cache?.set(name, met);
    }
    if (!met) return { name, reason: req.reason };
  }
  return null;
}
