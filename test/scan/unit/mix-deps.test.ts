/**
 * `deps:` however mix.exs builds it — helper functions, `++`, wrappers such as `List.flatten/1`,
 * module attributes, single deps returned by private functions, both branches of an `if` — and
 * mix.lock as the second witness when the list cannot be read at all.
 */
import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/scan/index.js';
import { makeProject, replace, scanProject } from '../../helpers/project.js';

const DEPS_START = '  defp deps do\n    [\n      {:bcrypt_elixir, "~> 3.0"},\n      {:phoenix, "~> 1.7.14"},\n';
const depNames = (p: Awaited<ReturnType<typeof scanProject>>) => p.facts.projects[0]!.deps.map((d) => d.name);

describe('deps built in code', () => {
  it('a private function returning the single phoenix dep, inside the list', async () => {
    const p = await scanProject({
      'mix.exs': (c) =>
        replace(DEPS_START, '  defp deps do\n    [\n      {:bcrypt_elixir, "~> 3.0"},\n      phoenix_dep(),\n')(c).replace(
          '  # Aliases are shortcuts',
          '  defp phoenix_dep, do: {:phoenix, "~> 1.7.14"}\n\n  # Aliases are shortcuts',
        ),
    });
    expect(depNames(p)).toContain('phoenix');
    expect(p.apps[0]!.phoenix).toBe(true);
  });

  it('`base_deps() ++ web_deps(Mix.env())` with a function that takes the environment', async () => {
    const p = await scanProject({
      'mix.exs': (c) =>
        replace('      deps: deps()\n', '      deps: base_deps() ++ web_deps(Mix.env())\n')(c)
          .replace('  defp deps do\n', '  defp base_deps, do: [{:jason, "~> 1.2"}]\n\n  defp web_deps(_env) do\n'),
    });
    expect(depNames(p)).toEqual(expect.arrayContaining(['jason', 'phoenix', 'postgrex']));
    expect(p.database).toBe('postgres');
  });

  it('a module attribute wrapped in List.flatten/1 with an `if` branch', async () => {
    const p = await scanProject({
      'mix.exs': (c) =>
        replace('      deps: deps()\n', '      deps: List.flatten([@core_deps, if(System.get_env("WITH_ADMIN"), do: [{:kaffy, "~> 0.10"}], else: [])])\n')(c).replace(
          '  def project do\n',
          '  @core_deps [{:phoenix, "~> 1.7.14"}, {:plug_cowboy, "~> 2.7"}]\n\n  def project do\n',
        ),
    });
    expect(depNames(p)).toEqual(['phoenix', 'plug_cowboy', 'kaffy']);
  });

  it('a deps list read from another module: mix.lock locks phoenix, so it is still a Phoenix project', async () => {
    const p = await scanProject({ 'mix.exs': replace('      deps: deps()\n', '      deps: HelloPhoenix.Deps.all()\n') });
    expect(p.apps[0]!.phoenix).toBe(true);
    expect(p.web.endpointModule).toBe('HelloPhoenixWeb.Endpoint');
    expect(p.versions.phoenix).toMatch(/^1\.7\./);
  });

  it('without phoenix in the deps nor in mix.lock, the project is refused with one line', async () => {
    const dir = makeProject({
      'mix.exs': replace('      deps: deps()\n', '      deps: HelloPhoenix.Deps.all()\n'),
      'mix.lock': (c) => c.split('\n').filter((l) => !/^\s*"phoenix":/.test(l)).join('\n'),
    });
    await expect(scan(dir)).rejects.toThrow(/a Mix project without Phoenix \(no :phoenix dependency, and mix.lock locks no phoenix\)/);
  });
});

describe('a Repo that lives in a path dependency (a poncho)', () => {
  const DRIVER_DEPS = '      {:ecto_sql, "~> 3.10"},\n      {:postgrex, ">= 0.0.0"},\n';
  it('the config names the Repo, no module here defines it: the driver mix.lock locks decides the database', async () => {
    const p = await scanProject({
      'mix.exs': replace(DRIVER_DEPS, '      {:hello_data, path: "../hello_data"},\n'),
      'lib/hello_phoenix/repo.ex': null,
    });
    expect(p.facts.repos).toEqual([]);
    expect(p.database).toBe('postgres');
    expect(p.evidence.database).toMatch(/^mix\.lock:\d+$/);
  });

  it('without a path dependency, a driver in mix.lock alone is no database', async () => {
    const p = await scanProject({ 'mix.exs': replace(DRIVER_DEPS, ''), 'lib/hello_phoenix/repo.ex': null });
    expect(p.database).toBe('none');
  });
});
