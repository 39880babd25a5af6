/** GitHub Actions: CI (format, warnings-as-errors, tests against a matching database) and a deploy workflow. */
import type { Target } from '../types.js';
import { renderGithubActions } from './render.js';

export const target = {
  id: 'github-actions',
  title: 'GitHub Actions',
  description:
    'ci.yml (format check, warnings-as-errors compile, mix test with a Postgres/MySQL service, cached deps) and deploy.yml for the deploy target; actions pinned to commit SHAs, least-privilege permissions, concurrency.',
  includes: [],
  platformEnv: [],
  noHostingCost: 'github-actions writes CI workflows: their minutes are free for public repositories and come out of your GitHub plan for private ones; the deploy target they run is what costs.',
  render: renderGithubActions,
} satisfies Target;
