/**
 * What rules need before they can say anything (Lighthouse's `requiredArtifacts`, for a profile): a
 * rule lists names of this vocabulary in `requires`; the engine resolves each one in order and gives
 * the rule the artifacts — the endpoint, the production Dockerfiles, the Ecto repos… — already there
 * and typed, or answers "not applicable" with the requirement's fixed reason for the first one missing.
 * Conditions only one rule cares about stay in that rule (its own `notApplicable(...)`).
 */
import type { Requirement } from './contract.js';
import type { AssetsPipeline, Database, DockerfileInfo, EndpointInfo, FlyTomlInfo, Pipeline, Profile, RouterInfo } from '../scan/profile.js';
import { phoenixDockerfiles } from '../facts/dockerfile.js';
import { ectoRepos, type EctoRepo } from '../facts/ecto-repos.js';
import { hasProdDep } from '../facts/project.js';
import { servedHtmlPipelines } from '../facts/router.js';
import { endpointOf, routerOf } from '../facts/web.js';

/** A list with at least one item, or undefined. */
function nonEmpty<T>(items: readonly T[]): readonly [T, ...T[]] | undefined {
  const [first, ...rest] = items;
  return first === undefined ? undefined : [first, ...rest];
}

const requirement = <T>(r: Requirement<Profile, T>) => r;
/** A condition with no artifact of its own (`true` when it holds). */
const holds = (ok: boolean) => (ok ? (true as const) : undefined);

export const REQUIREMENTS = {
  endpoint: requirement({
    description: 'a Phoenix endpoint was found',
    reason: 'no Phoenix endpoint found',
    resolve: (p): EndpointInfo | undefined => (p.web.endpointModule !== null ? (endpointOf(p) ?? undefined) : undefined),
  }),
  router: requirement({
    description: 'a Phoenix router was found',
    reason: 'no Phoenix router found',
    resolve: (p): RouterInfo | undefined => routerOf(p) ?? undefined,
  }),
  htmlPipelines: requirement({
    description: 'a router pipeline that accepts "html" serves prod routes',
    reason: 'no pipeline accepts "html" (API-only app)',
    resolve: (p): readonly [Pipeline, ...Pipeline[]] | undefined => nonEmpty(servedHtmlPipelines(p)),
  }),
  liveView: requirement({
    description: 'the app serves LiveViews',
    reason: 'the app serves no LiveView',
    resolve: (p) => holds(p.liveView),
  }),
  forceSsl: requirement({
    description: 'the app enforces HTTPS in prod (force_ssl or Plug.SSL)',
    reason: 'HTTPS is not enforced by the app (reported by https-not-enforced)',
    resolve: (p) => holds(p.security.forceSsl),
  }),
  healthRoute: requirement({
    description: 'the app has an unauthenticated health route or plug',
    reason: 'no health route (reported by health-endpoint-missing)',
    resolve: (p): { path: string } | undefined => p.health ?? undefined,
  }),
  database: requirement({
    description: 'the app uses Ecto with a database',
    reason: 'the app has no database',
    resolve: (p): Exclude<Database, 'none'> | undefined => (p.database === 'none' ? undefined : p.database),
  }),
  networkDatabase: requirement({
    description: 'the database is Postgres or MySQL (reached over a network connection)',
    reason: 'the database is neither Postgres nor MySQL',
    resolve: (p): 'postgres' | 'mysql' | undefined => (p.database === 'postgres' || p.database === 'mysql' ? p.database : undefined),
  }),
  ectoRepos: requirement({
    description: 'an Ecto repo is configured (`ecto_repos`, or a `*.Repo` config key)',
    reason: 'no Ecto repo found',
    resolve: (p): readonly [EctoRepo, ...EctoRepo[]] | undefined => nonEmpty(ectoRepos(p)),
  }),
  runtimeConfig: requirement({
    description: 'the app has config/runtime.exs (or config/releases.exs)',
    reason: 'the app has no config/runtime.exs',
    resolve: (p): string | undefined => p.runtimeConfig.file ?? undefined,
  }),
  assetPipeline: requirement({
    description: 'the app builds assets (esbuild, tailwind, webpack, vite…)',
    reason: 'the app has no asset pipeline',
    resolve: (p): Exclude<AssetsPipeline, 'none'> | undefined => (p.assets === 'none' ? undefined : p.assets),
  }),
  releaseBoot: requirement({
    description: 'the app is deployed as an OTP release (`runtime.deployMode`: what its own deploy files build and start)',
    reason: 'the app runs under Mix, not as a release (its deploy files start `mix phx.server` or run Mix tasks: see runtime.deployMode in `scan`)',
    resolve: (p) => holds(p.runtime.deployMode === 'release'),
  }),
  dockerfiles: requirement({
    description: 'a Dockerfile builds a production image of the Elixir app',
    reason: 'no production Dockerfile',
    resolve: (p): readonly [DockerfileInfo, ...DockerfileInfo[]] | undefined => nonEmpty(phoenixDockerfiles(p)),
  }),
  flyTomls: requirement({
    description: 'the repository has a fly.toml',
    reason: 'no fly.toml',
    resolve: (p): readonly [FlyTomlInfo, ...FlyTomlInfo[]] | undefined => nonEmpty(p.facts.flyTomls),
  }),
  dnsCluster: requirement({
    description: 'the app starts DNSCluster',
    reason: 'the app does not use DNSCluster',
    resolve: (p) => holds(p.clustering === 'dns_cluster'),
  }),
  libcluster: requirement({
    description: 'the app starts libcluster (or depends on it)',
    reason: 'the app does not use libcluster',
    resolve: (p) => holds(p.clustering === 'libcluster' || hasProdDep(p, 'libcluster')),
  }),
} as const;

export type AuditVocabulary = typeof REQUIREMENTS;
export type RequirementName = keyof AuditVocabulary;

export const REQUIREMENT_NAMES: readonly RequirementName[] = Object.keys(REQUIREMENTS).filter((k): k is RequirementName => Object.hasOwn(REQUIREMENTS, k));
