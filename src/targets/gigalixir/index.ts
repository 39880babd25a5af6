/**
 * Target `gigalixir`: a Mix release built by Gigalixir's buildpacks from the repository (elixir,
 * phoenix-static, releases), deployed with `git push`, Postgres from `gigalixir pg:create`.
 * Metadata only; see model.ts, render.ts and steps.ts.
 */
import type { Target } from '../types.js';
import { GIGALIXIR_PLATFORM_ENV } from './model.js';
import { renderGigalixir } from './render.js';

export { renderGigalixir };

export const target = {
  id: 'gigalixir',
  title: 'Gigalixir',
  description: 'A Mix release built by Gigalixir\'s buildpacks (versions pinned from the project), deployed with git push, Postgres and migrations through the gigalixir CLI.',
  includes: [],
  platformEnv: GIGALIXIR_PLATFORM_ENV,
  render: renderGigalixir,
} satisfies Target;
