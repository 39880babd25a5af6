/**
 * The defects real apps exposed, each reproduced on a small project written for it (the example app with
 * one change) and checked on every target it concerns. Each case failed on the code before the facts layer.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import type { TargetId } from '../../src/model/ids.js';
import type { Plan, RenderOptions } from '../../src/model/plan.js';
import { defaultConfig } from '../../src/plan/config.js';
import { plan } from '../../src/plan/planner.js';
import type { Profile } from '../../src/scan/profile.js';
import { WAIT_FOR_JOB } from '../../src/targets/k8s/render.js';
import { fixture, makeProject, replace, scanProject } from '../helpers/project.js';
import { scan } from '../../src/scan/index.js';

const RUNTIME = 'config/runtime.exs';
const file = (p: Plan, path: string) => p.files.find((f) => f.path === path)?.content ?? '';
const yamlDocs = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Record<string, any>);
const render = (profile: Profile, target: TargetId, options: RenderOptions = {}, config: DeployConfig = defaultConfig(profile)) => plan(profile, config, target, options);
const RUNNING: TargetId[] = ['fly', 'k8s', 'cloudrun', 'systemd', 'compose'];

/** A prod block of runtime.exs with extra reads, inserted before the endpoint config. */
const withRuntime = (code: string) => ({ [RUNTIME]: replace('  host = System.get_env("PHX_HOST") || "example.com"', `${code}\n  host = System.get_env("PHX_HOST") || "example.com"`) });

describe('required env at boot is provided on every target', () => {
  it('non-secret values only the user knows become inputs each target can carry; salts and key bases are secrets', async () => {
    const profile = await scanProject(
      withRuntime(
        [
          '  config :hello_phoenix, :storage, bucket: System.fetch_env!("STORAGE_BUCKET"), client_id: System.fetch_env!("OAUTH_CLIENT_ID")',
          '  config :hello_phoenix, HelloPhoenixWeb.Endpoint, live_view: [signing_salt: System.fetch_env!("LIVE_VIEW_SIGNING_SALT")]',
          '  config :hello_phoenix, :tokens, key_base: System.fetch_env!("TOKENS_KEY_BASE")',
        ].join('\n'),
      ),
    );
    for (const t of RUNNING) {
      const p = render(profile, t);
      const secrets = p.secrets.map((s) => s.name);
      expect(secrets, t).toEqual(expect.arrayContaining(['LIVE_VIEW_SIGNING_SALT', 'TOKENS_KEY_BASE']));
      const text = p.files.map((f) => f.content).join('\n');
      for (const v of ['STORAGE_BUCKET', 'OAUTH_CLIENT_ID']) expect(secrets.includes(v) || new RegExp(`\\b${v}\\b`).test(text), `${t}: ${v}`).toBe(true);
    }
    // Fly asks for them at apply (`fly secrets import` reads NAME=VALUE lines on stdin, never argv); k8s puts a
    // placeholder the plan lists as "you must set".
    const flyInput = render(profile, 'fly').steps.find((s) => s.id === 'secrets-input')!;
    expect(flyInput.command.join(' ')).not.toContain('{{input:');
    expect(flyInput.stdin).toContain('STORAGE_BUCKET={{input:STORAGE_BUCKET}}\n');
    const cm = yamlDocs(file(render(profile, 'k8s'), 'deploy/k8s/base/configmap.yaml'))[0]!;
    expect(cm.data.OAUTH_CLIENT_ID).toMatch(/^<set OAUTH_CLIENT_ID: required by config\/runtime\.exs:\d+>$/);
    expect(render(profile, 'k8s').notes.join('\n')).toMatch(/You must set these values.*STORAGE_BUCKET/);
  });

  it('the role of a read decides its value: the Repo url var gets the database URL, the endpoint port var the port, the url host var the host', async () => {
    const profile = await scanProject({
      [RUNTIME]: (t) =>
        t
          .replace('System.get_env("DATABASE_URL") ||', 'System.get_env("PG_URL") ||')
          .replace('  port = String.to_integer(System.get_env("PORT") || "4000")\n', '')
          .replace('      port: port', '      port: String.to_integer(System.fetch_env!("APP_PORT"))')
          .replace('url: [host: host, port: 443, scheme: "https"]', 'url: [host: System.fetch_env!("APP_HOST"), port: 443, scheme: "https"]'),
    });
    const fly = render(profile, 'fly');
    expect(fly.secrets.map((s) => s.name)).toContain('PG_URL');
    expect(fly.secrets.map((s) => s.name)).not.toContain('DATABASE_URL');
    const env = (parseToml(file(fly, 'fly.toml')) as any).env;
    expect(env.APP_PORT).toBe(String((parseToml(file(fly, 'fly.toml')) as any).http_service.internal_port));
    expect(env.APP_HOST).toBe(`${defaultConfig(profile).app}.fly.dev`);
  });

  it('an app that reads the database parts gets them (compose: the db service), and no DATABASE_URL it never reads', async () => {
    const profile = await scanProject({
      [RUNTIME]: (t) =>
        t
          .replace(/  database_url =\n[\s\S]*?"""[\s\S]*?"""\n/, '')
          .replace('    url: database_url,', '    hostname: System.fetch_env!("DB_HOST"),\n    username: System.fetch_env!("DB_USER"),\n    password: System.fetch_env!("DB_PASSWORD"),\n    database: System.fetch_env!("DB_NAME"),'),
    });
    expect(profile.runtimeConfig.env.map((v) => v.name)).not.toContain('DATABASE_URL');
    const compose = render(profile, 'compose');
    const app = (parseYaml(file(compose, 'compose.yaml')) as any).services.app.environment;
    expect(app.DB_HOST).toBe('db');
    expect(app.DB_USER).toBe('postgres');
    expect(app.DB_NAME).toBe('hello_phoenix_prod');
    expect(app.DB_PASSWORD).toContain('POSTGRES_PASSWORD');
    expect(app.DATABASE_URL).toBeUndefined();
    for (const t of RUNNING) expect(render(profile, t).secrets.map((s) => s.name), t).not.toContain('DATABASE_URL');
    // The password pasted into a URL is asked for as letters and digits only.
    expect(file(render(await scanProject(), 'compose'), 'compose.env.example')).toMatch(/POSTGRES_PASSWORD=<.*letters and digits only/);
  });
});

describe('probes ask only for routes the app serves', () => {
  it('no health route and the patch not applied: every target checks the port over TCP and says so', async () => {
    const profile = await scanProject();
    expect(profile.health).toBeNull();
    const fly = render(profile, 'fly');
    const toml = parseToml(file(fly, 'fly.toml')) as any;
    expect(toml.http_service.checks).toBeUndefined();
    expect(toml.checks.listening.type).toBe('tcp');
    const k8s = yamlDocs(file(render(profile, 'k8s'), 'deploy/k8s/base/deployment.yaml'))[0]!;
    const web = k8s.spec.template.spec.containers[0];
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) expect(web[probe].tcpSocket, probe).toEqual({ port: 'http' });
    const run = yamlDocs(file(render(profile, 'cloudrun'), 'deploy/cloudrun/service.yaml'))[0]!.spec.template.spec.containers[0];
    expect(run.startupProbe.tcpSocket).toBeDefined();
    expect(run.livenessProbe).toBeUndefined();
    const compose = (parseYaml(file(render(profile, 'compose'), 'compose.yaml')) as any).services.app.healthcheck.test.join(' ');
    expect(compose).not.toMatch(/GET /);
    expect(file(render(profile, 'systemd'), 'deploy/systemd/deploy.sh')).toMatch(/HEALTH_URL=\$\{HEALTH_URL:-\}/);
    for (const t of RUNNING) expect(render(profile, t).notes.join('\n'), t).toMatch(/TCP|accepts connections/);
    // With the patch applied the probes ask for the route it adds, and the controller is written.
    const applied = render(profile, 'fly', { acceptedPatches: new Set(['health-route']) });
    expect((parseToml(file(applied, 'fly.toml')) as any).http_service.checks[0].path).toBe('/health');
    expect(applied.files.some((f) => f.path.endsWith('health_controller.ex'))).toBe(true);
  });

  it('an app that already serves another health path is probed there', async () => {
    const profile = await scanProject({
      'lib/hello_phoenix_web/router.ex': replace('  scope "/", HelloPhoenixWeb do\n    pipe_through :browser', '  scope "/", HelloPhoenixWeb do\n    get "/healthz", HealthController, :index\n  end\n\n  scope "/", HelloPhoenixWeb do\n    pipe_through :browser'),
      'lib/hello_phoenix_web/controllers/health_controller.ex': 'defmodule HelloPhoenixWeb.HealthController do\n  use HelloPhoenixWeb, :controller\n\n  def index(conn, _params), do: send_resp(conn, 200, "ok")\nend\n',
    });
    expect(profile.health?.path).toBe('/healthz');
    expect((parseToml(file(render(profile, 'fly'), 'fly.toml')) as any).http_service.checks[0].path).toBe('/healthz');
    const k8s = yamlDocs(file(render(profile, 'k8s'), 'deploy/k8s/base/deployment.yaml'))[0]!;
    expect(k8s.spec.template.spec.containers[0].readinessProbe.httpGet.path).toBe('/healthz');
  });
});

describe('Kubernetes', () => {
  it('the migration Job is named after the image tag, so the next image gets a new Job (kubectl kustomize)', async () => {
    const profile = await scanProject();
    const p = render(profile, 'k8s', {}, { ...defaultConfig(profile), k8s: { ...defaultConfig(profile).k8s, image: 'ghcr.io/acme/hello:abc123' } });
    const dir = makeProject({});
    for (const f of p.files) {
      mkdirSync(join(dir, f.path, '..'), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    const built = execFileSync('kubectl', ['kustomize', join(dir, 'deploy/k8s/overlays/production')], { encoding: 'utf8' });
    const job = yamlDocs(built).find((d) => d?.kind === 'Job')!;
    expect(job.metadata.name).toBe('hello-phoenix-migrate-abc123');
    // apply names it after the tag it built (the apply-tagged overlay), and waits for that one.
    expect(p.steps.find((s) => s.id === 'k8s-migrate-wait')!.command).toContain('hello-phoenix-migrate-{{build:image-tag}}');
  });

  it('the migration wait stops on a failed Job instead of sitting out its timeout (stub kubectl)', () => {
    const bin = mkdtempSync(join(tmpdir(), 'kubectl-stub-'));
    try {
      // Stub of `kubectl get job -o jsonpath=…` (https://kubernetes.io/docs/reference/kubectl/jsonpath/): prints the true conditions' types.
      writeFileSync(join(bin, 'kubectl'), '#!/bin/sh\ncase "$*" in *" logs "*) echo "migration error" ;; *) echo "$JOB_STATE" ;; esac\n');
      chmodSync(join(bin, 'kubectl'), 0o755);
      const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
      const run = (state: string) => spawnSync('bash', ['-c', WAIT_FOR_JOB, 'wait-for-job', 'ns', 'job-1'], { env: { ...env, JOB_STATE: state }, encoding: 'utf8', timeout: 20_000 });
      const failed = run('FailureTarget Failed');
      expect(failed.status).toBe(1);
      expect(failed.stderr).toContain('migration error');
      expect(run('SuccessCriteriaMet Complete').status).toBe(0);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('SQLite runs bin/server directly under the pod user (no root chown), and *_PATH folders get writable volumes', async () => {
    const sqlite = await scan(makeProject({}, fixture('sqlite')));
    const dep = yamlDocs(file(render(sqlite, 'k8s'), 'deploy/k8s/base/deployment.yaml'))[0]!.spec.template.spec;
    expect(dep.securityContext.runAsUser).toBe(65534);
    expect(dep.containers[0].command).toEqual(['/app/bin/server']);
    const profile = await scanProject(withRuntime('  config :hello_phoenix, :uploads, dir: System.get_env("UPLOADS_PATH", "/var/lib/hello/uploads")'));
    const p = render(profile, 'k8s');
    const web = yamlDocs(file(p, 'deploy/k8s/base/deployment.yaml'))[0]!.spec.template.spec.containers[0];
    expect(web.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(web.volumeMounts.map((m: any) => m.mountPath)).toContain('/var/lib/hello/uploads');
    expect(file(render(profile, 'docker'), 'Dockerfile')).toMatch(/RUN mkdir -p \/var\/lib\/hello\/uploads && chown nobody \/var\/lib\/hello\/uploads/);
  });
});

describe('Cloud Run', () => {
  it('sets PHX_HOST (a placeholder the plan lists when no host is known) and never scales SQLite out', async () => {
    const profile = await scanProject();
    const env = (p: Plan) => yamlDocs(file(p, 'deploy/cloudrun/service.yaml'))[0]!.spec.template.spec.containers[0].env as { name: string; value?: string }[];
    expect(env(render(profile, 'cloudrun')).find((e) => e.name === 'PHX_HOST')!.value).toMatch(/^<set PHX_HOST:/);
    const hosted = render(profile, 'cloudrun', {}, { ...defaultConfig(profile), host: 'app.example.org' });
    expect(env(hosted).find((e) => e.name === 'PHX_HOST')!.value).toBe('app.example.org');
    const sqlite = await scan(makeProject({}, fixture('sqlite')));
    const svc = yamlDocs(file(render(sqlite, 'cloudrun', {}, { ...defaultConfig(sqlite), machine: { ...defaultConfig(sqlite).machine, maxCount: 4 } }), 'deploy/cloudrun/service.yaml'))[0]!;
    expect(svc.spec.template.metadata.annotations['autoscaling.knative.dev/maxScale']).toBe('1');
  });
});

describe('systemd', () => {
  it('deploy.sh build installs the npm packages and builds digested assets before the release', async () => {
    const profile = await scan(makeProject({}, fixture('phx15-webpack')));
    const sh = file(render(profile, 'systemd'), 'deploy/systemd/deploy.sh');
    const build = sh.slice(sh.indexOf('build() {'), sh.indexOf('setup() {'));
    expect(build).toMatch(/npm (ci|install) --prefix assets/);
    expect(build).toMatch(/npm run deploy --prefix assets/);
    expect(build).toMatch(/mix phx\.digest/);
    expect(build.indexOf('npm run deploy')).toBeLessThan(build.indexOf('mix release'));
  });
});

describe('CI workflow', () => {
  it('sets the env config/test.exs requires and runs the Elixir/OTP the project pins', async () => {
    const profile = await scanProject({
      '.tool-versions': 'elixir 1.16.1-otp-26\nerlang 26.2.1\n',
      'config/test.exs': (t) => `${t}\nconfig :hello_phoenix, :payments, api_key: System.fetch_env!("PAYMENTS_TEST_KEY")\n`,
    });
    const ci = parseYaml(file(render(profile, 'github-actions'), '.github/workflows/ci.yml')) as any;
    expect(ci.jobs.test.env.PAYMENTS_TEST_KEY).toBe('${{ secrets.PAYMENTS_TEST_KEY }}');
    const beam = ci.jobs.test.steps.find((s: any) => s.id === 'beam').with;
    expect([beam['elixir-version'], beam['otp-version']]).toEqual(['1.16.1', '26.2.1']);
  });
});

describe('umbrella builds read every config file they import', () => {
  it('children config.exs reached by a wildcard import are copied with the prod file each imports', async () => {
    const dir = makeProject(
      {
        'config/config.exs': (t) => `${t}\nimport_config "../apps/*/config/config.exs"\n`,
        'apps/warehouse/config/config.exs': 'import Config\n\nconfig :warehouse, greeting: "hi"\n\nimport_config "#{config_env()}.exs"\n',
        'apps/warehouse/config/prod.exs': 'import Config\n\nconfig :warehouse, greeting: "prod"\n',
        'apps/warehouse/config/dev.exs': 'import Config\n',
      },
      fixture('umbrella'),
    );
    const docker = file(render(await scan(dir), 'docker'), 'Dockerfile');
    expect(docker).toContain('COPY apps/warehouse/config/config.exs apps/warehouse/config/prod.exs apps/warehouse/config/');
    expect(docker).not.toMatch(/COPY [^\n]*\*/);
    expect(docker).not.toContain('apps/warehouse/config/dev.exs');
  });
});
