/**
 * The asset pipeline by what the build runs, whoever drives it: esbuild and Tailwind through the Mix
 * installers or through npm (the esbuild JS API, Tailwind's PostCSS plugin or CLI), webpack, Vite,
 * or another Node front end that writes into priv/static.
 */
import { describe, expect, it } from 'vitest';
import { scanProject } from '../../helpers/project.js';

const pkg = (deps: Record<string, string>, scripts: Record<string, string> = {}) => JSON.stringify({ name: 'assets', private: true, scripts, devDependencies: deps }, null, 2);
/** The example app without its Mix-managed esbuild and tailwind. */
const NO_MIX_ASSETS = {
  'config/config.exs': (c: string) => c.replace(/\nconfig :esbuild,[\s\S]*?\n\n/, '\n\n').replace(/\nconfig :tailwind,[\s\S]*?\n\n/, '\n\n'),
  'mix.exs': (c: string) => c.replace(/\s*\{:esbuild, [^\n]*\n/, '\n').replace(/\s*\{:tailwind, [^\n]*\n/, '\n'),
};

describe('assets', () => {
  it('the example: Mix esbuild and tailwind', async () => {
    expect((await scanProject({})).assets).toBe('tailwind+esbuild');
  });

  it('Mix esbuild for JS, npm postcss + tailwindcss for CSS', async () => {
    const p = await scanProject({
      'config/config.exs': (c) => c.replace(/\nconfig :tailwind,[\s\S]*?\n\n/, '\n\n'),
      'mix.exs': (c) => c.replace(/\s*\{:tailwind, [^\n]*\n/, '\n'),
      'assets/package.json': pkg({ 'postcss-cli': '^10.0.0', tailwindcss: '^3.4.0' }, { 'deploy:css': 'postcss css/app.css -o ../priv/static/assets/app.css' }),
    });
    expect(p.assets).toBe('tailwind+esbuild');
  });

  it('npm only: a build script using the esbuild JS API with @tailwindcss/postcss', async () => {
    const p = await scanProject({ ...NO_MIX_ASSETS, 'assets/package.json': pkg({ esbuild: '^0.25.0', '@tailwindcss/postcss': '^4.0.0' }, { deploy: 'node build.js --deploy' }) });
    expect(p.assets).toBe('tailwind+esbuild');
    expect(p.evidence['assets']).toBe('assets/tailwind.config.js:1');
  });

  it('without the Mix installers and without a package.json there is no pipeline', async () => {
    expect((await scanProject(NO_MIX_ASSETS)).assets).toBe('none');
  });

  it('a front end in a sibling folder whose build writes into priv/static is "other"', async () => {
    const p = await scanProject({ ...NO_MIX_ASSETS, 'webapp/package.json': pkg({ 'ember-cli': '~5.0.0' }, { build: 'ember build --environment=production --output-path=../priv/static/webapp' }) });
    expect(p.assets).toBe('other');
    expect(p.evidence['assets']).toBe('webapp/package.json:1');
  });

  it('a sibling folder with a package.json that builds nothing into priv/static is not a front end', async () => {
    const p = await scanProject({ ...NO_MIX_ASSETS, 'docs/package.json': pkg({ vitepress: '^1.0.0' }, { build: 'vitepress build' }) });
    expect(p.assets).toBe('none');
  });
});
