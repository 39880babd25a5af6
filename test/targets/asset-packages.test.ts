/**
 * The asset packages are installed before `mix assets.setup`, which may shell out to the package
 * manager; a package manager named only by package.json's `packageManager` field (corepack) is used,
 * without --frozen-lockfile when there is no lockfile.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/plan/config.js';
import { plan } from '../../src/plan/planner.js';
import { scanProject } from '../helpers/project.js';

const PACKAGE_JSON = (extra = '') => `{
  "name": "hello_phoenix_assets",
  "private": true,${extra}
  "dependencies": { "alpinejs": "^3.14.1", "topbar": "^3.0.0" }
}
`;

const dockerfile = async (edits: Record<string, string | ((t: string) => string)>) => {
  const p = await scanProject(edits);
  return plan(p, defaultConfig(p), 'docker').files.find((f) => f.path === 'Dockerfile')!.content;
};

describe('asset packages before mix assets.setup', () => {
  const setupShellsOut = (t: string) => t.replace('"assets.setup": [', '"assets.setup": ["cmd --cd assets npm install", ');

  it('copies package.json and the lockfile and installs them before the alias runs', async () => {
    const text = await dockerfile({ 'assets/package.json': PACKAGE_JSON(), 'assets/package-lock.json': '{"lockfileVersion": 3}\n', 'mix.exs': setupShellsOut });
    const copy = text.indexOf('COPY assets/package.json assets/package-lock.json assets/');
    const install = text.indexOf('npm ci');
    const setup = text.indexOf('RUN mix assets.setup');
    expect(copy).toBeGreaterThan(0);
    expect(install).toBeGreaterThan(copy);
    expect(setup).toBeGreaterThan(install);
  });

  it('`"packageManager": "pnpm@9.12.0"` without a lockfile: corepack enables pnpm, a plain install, still before the alias', async () => {
    const text = await dockerfile({ 'assets/package.json': PACKAGE_JSON('\n  "packageManager": "pnpm@9.12.0",'), 'mix.exs': setupShellsOut });
    expect(text).toContain('corepack enable');
    expect(text).toMatch(/cd assets && pnpm install$/m);
    expect(text).not.toContain('--frozen-lockfile');
    expect(text.indexOf('RUN mix assets.setup')).toBeGreaterThan(text.indexOf('pnpm install'));
  });
});
