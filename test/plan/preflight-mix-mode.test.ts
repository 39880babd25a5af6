/**
 * Preflight for apps the project runs under Mix (`mix phx.server`): the release every plan builds reads
 * config.exs and prod.exs at build time, so their env reads would be baked in. The plan says so, naming
 * each read and the fix (config/runtime.exs), instead of passing silently. Fixture: test/fixtures-runtime/
 * mix-procfile (a Heroku app whose Procfile runs `mix start`; prod.exs reads HTTP_PORT, HOST, DB_*).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/plan/config.js';
import { previewPlan } from '../../src/plan/preview.js';
import type { TargetId } from '../../src/model/ids.js';
import { scan } from '../../src/scan/index.js';
import { makeProject, REPO, replace } from '../helpers/project.js';

const MIX_APP = join(REPO, 'test', 'fixtures-runtime', 'mix-procfile');

const releaseIssues = async (dir: string, target: TargetId) => {
  const profile = await scan(dir);
  const preview = await previewPlan(dir, profile, defaultConfig(profile), target);
  return preview.preflight.filter((i) => i.invariant === 'release');
};

/** The mix-procfile app with its prod reads moved to config/runtime.exs, the way a release reads them at boot. */
const RUNTIME_EXS = `import Config

if config_env() == :prod do
  config :quill, QuillWeb.Endpoint,
    http: [port: String.to_integer(System.get_env("HTTP_PORT") || "4000")],
    url: [scheme: "https", host: System.get_env("HOST", "quill.example.com"), port: 443],
    secret_key_base: System.get_env("SECRET_KEY_BASE")

  config :quill, Quill.Repo,
    hostname: System.get_env("DB_HOST"),
    username: System.get_env("DB_USER"),
    password: System.get_env("DB_PASSWORD"),
    database: System.get_env("DB_NAME", "quill"),
    pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10")
end
`;

describe('a release planned for an app the project runs under Mix', () => {
  it('is a warning naming the prod.exs and config.exs reads that would be baked, where they are, and the fix', async () => {
    for (const target of ['docker', 'k8s', 'systemd'] as const) {
      const issues = await releaseIssues(MIX_APP, target);
      expect(issues, target).toHaveLength(1);
      const [issue] = issues;
      expect(issue).toMatchObject({ invariant: 'release', severity: 'warning', file: 'config/prod.exs' });
      expect(issue!.message).toContain('the project runs under Mix (Procfile:1 runs `MIX_ENV=prod mix start`)');
      expect(issue!.message).toContain(`the ${target} plan builds a release`);
      expect(issue!.message).toContain('HTTP_PORT, HOST, DB_HOST, DB_USER, DB_PASSWORD, DB_NAME, POOL_SIZE, SECRET_KEY_BASE (config/prod.exs:5-14, config/config.exs:8)');
      expect(issue!.fix).toContain('config/runtime.exs');
    }
  });

  it('is not raised by a plan that builds no release (CI only), nor once the reads are in config/runtime.exs', async () => {
    expect(await releaseIssues(MIX_APP, 'github-actions')).toEqual([]);
    const moved = makeProject(
      {
        'config/runtime.exs': RUNTIME_EXS,
        'config/prod.exs': replace(/config :quill, QuillWeb\.Endpoint,[\s\S]*?\n\nconfig :logger/, 'config :quill, QuillWeb.Endpoint, force_ssl: [rewrite_on: [:x_forwarded_proto]]\n\nconfig :logger'),
        'config/config.exs': replace('  secret_key_base: System.get_env("SECRET_KEY_BASE"),\n', ''),
      },
      MIX_APP,
    );
    expect((await scan(moved)).runtime.deployMode).toBe('mix');
    expect(await releaseIssues(moved, 'docker')).toEqual([]);
  });

  it('leaves apps that already deploy a release alone (their build-time reads are the audit rules\' business)', async () => {
    const dir = makeProject({ 'config/prod.exs': replace('import Config\n', 'import Config\n\nconfig :hello_phoenix, :region, System.get_env("REGION")\n') });
    expect((await scan(dir)).runtime.deployMode).toBe('release');
    expect(await releaseIssues(dir, 'docker')).toEqual([]);
  });
});
