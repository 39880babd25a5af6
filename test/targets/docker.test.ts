/**
 * Target `docker`, rendered for the example app and every fixture with the default config, and
 * checked with real tools: every Elixir file parses and is `mix format`-clean, every script passes
 * shellcheck, every Dockerfile parses (dockerfile-ast) and passes the audit's docker rules.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/engine.js';
import { rules } from '../../src/audit/rules/index.js';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import type { TargetOutput } from '../../src/model/plan.js';
import { extractDockerfile } from '../../src/scan/extract/deploy-files.js';
import { scan } from '../../src/scan/index.js';
import type { Profile } from '../../src/scan/profile.js';
import { HEXPM_TAGS, tagName } from '../../src/targets/docker/hexpm-tags.js';
import { addHealthRoute, routerOf } from '../../src/targets/docker/health.js';
import { renderDocker, target } from '../../src/targets/docker/index.js';
import { chooseImage, satisfies } from '../../src/targets/docker/versions.js';
import { makeProject, REPO } from '../helpers/project.js';
import { PHOENIX_FORMATTER, validateElixirFiles, validateShell, type ElixirSource } from '../helpers/validate.js';

const FIXTURES = join(REPO, 'test', 'fixtures');
const PROJECTS: Record<string, string> = { example: join(REPO, 'examples', 'hello_phoenix') };
for (const name of readdirSync(FIXTURES).sort()) {
  if (statSync(join(FIXTURES, name)).isDirectory()) PROJECTS[name] = join(FIXTURES, name);
}

/** defaultConfig from src/plan/config.ts, loaded lazily so this file still runs while it is being written. */
async function configFor(profile: Profile): Promise<DeployConfig> {
  const mod = (await import('../../src/plan/config.js')) as { defaultConfig?: (p: Profile) => DeployConfig };
  if (!mod.defaultConfig) throw new Error('src/plan/config.ts has no defaultConfig');
  return mod.defaultConfig(profile);
}

/** The profile plus the router's text in facts.sources, which the health route patch is computed from. */
function withSources(profile: Profile, dir: string): Profile {
  const sources: Record<string, string> = {};
  for (const r of profile.facts.routers) sources[r.file] = readFileSync(join(dir, r.file), 'utf8');
  return { ...profile, facts: { ...profile.facts, sources } as Profile['facts'] };
}

interface Rendered {
  name: string;
  dir: string;
  profile: Profile;
  config: DeployConfig;
  out: TargetOutput;
}

const rendered: Rendered[] = [];
const byName = (name: string): Rendered => {
  const r = rendered.find((x) => x.name === name);
  if (!r) throw new Error(`no project ${name}`);
  return r;
};
const file = (r: Rendered, path: string) => r.out.files.find((f) => f.path === path);

beforeAll(async () => {
  for (const [name, dir] of Object.entries(PROJECTS)) {
    const profile = withSources(await scan(dir), dir);
    const config = await configFor(profile);
    // As generate --apply-patches renders it: the health route patch is applied, so the controller is written.
    rendered.push({ name, dir, profile, config, out: renderDocker(profile, config, { acceptedPatches: new Set(['health-route', 'phx-server']) }) });
  }
});

describe('docker target: metadata', () => {
  it('is the docker target with a pure render', () => {
    expect(target.id).toBe('docker');
    expect(target.includes).toEqual([]);
    expect(target.render).toBe(renderDocker);
  });
  it('covers the example and every fixture', () => {
    expect(rendered.map((r) => r.name)).toEqual(Object.keys(PROJECTS));
    expect(rendered.length).toBeGreaterThanOrEqual(2);
  });
});

describe('docker target: generated files pass the real tools', () => {
  it('every .ex/.exs parses and is mix format-clean (one batched elixir run)', async () => {
    const sources: ElixirSource[] = [];
    for (const r of rendered) {
      for (const f of r.out.files) if (/\.exs?$/.test(f.path)) sources.push({ name: `${r.name}/${f.path}`, code: f.content });
    }
    expect(sources.length).toBeGreaterThan(rendered.length); // release.ex and health controllers
    await validateElixirFiles(sources);
  });

  it('the patched routers parse and stay mix format-clean', async () => {
    const sources: ElixirSource[] = [];
    for (const r of rendered) {
      for (const p of r.out.patches) {
        if (!p.file.endsWith('.ex')) continue;
        // The user's file is formatted to begin with (else the check below proves nothing).
        sources.push({ name: `${r.name}/${p.file} (before)`, code: p.before, formatter: PHOENIX_FORMATTER });
        sources.push({ name: `${r.name}/${p.file} (after)`, code: p.after, formatter: PHOENIX_FORMATTER });
      }
    }
    expect(sources.length).toBeGreaterThanOrEqual(2 * 10);
    await validateElixirFiles(sources);
  });

  it('every shell script passes shellcheck (sh), is LF-only and starts with #!/bin/sh', async () => {
    const checks: Promise<void>[] = [];
    for (const r of rendered) {
      for (const f of r.out.files) {
        if (!f.path.startsWith('rel/')) continue;
        expect(f.content.startsWith('#!/bin/sh\n'), f.path).toBe(true);
        expect(f.content.includes('\r'), f.path).toBe(false);
        if (f.path === 'rel/env.sh.eex') expect(f.content).not.toMatch(/<%/);
        checks.push(validateShell(f.content, `${r.name}/${f.path}`));
      }
    }
    expect(checks.length).toBeGreaterThanOrEqual(rendered.length * 2);
    await Promise.all(checks);
  });

  it('release scripts are executable', () => {
    for (const r of rendered) {
      for (const f of r.out.files.filter((x) => x.path.startsWith('rel/overlays/bin/'))) expect(f.mode, `${r.name}/${f.path}`).toBe(0o755);
    }
  });

  it('every Dockerfile parses and passes the audit docker rules', () => {
    const dockerRules = rules.filter((rule) => rule.category === 'docker');
    for (const r of rendered) {
      const text = file(r, 'Dockerfile')!.content;
      const doc = DockerfileParser.parse(text);
      expect(doc.getInstructions().length).toBeGreaterThan(10);
      for (const ins of doc.getInstructions()) expect(ins.getKeyword(), `${r.name}: ${ins.toString()}`).toMatch(/^(ARG|FROM|RUN|WORKDIR|ENV|COPY|USER|EXPOSE|CMD)$/);
      expect(doc.getFROMs().length).toBeGreaterThanOrEqual(2);
      const ignore = file(r, '.dockerignore')!.content;
      const patterns = ignore.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
      const profile: Profile = {
        ...r.profile,
        facts: { ...r.profile.facts, dockerfiles: [extractDockerfile('Dockerfile', text, [])], dockerignore: { file: '.dockerignore', patterns } },
      };
      const result = audit(profile, { rules: dockerRules });
      expect(result.notApplicable.filter((n) => /no production Dockerfile/.test(n.reason)), r.name).toEqual([]);
      expect(result.findings.map((f) => `${f.ruleId}: ${f.message}`), r.name).toEqual([]);
    }
    if (dockerRules.length === 0) console.warn('no docker rules in src/audit/rules yet: audit check ran nothing');
  });

  it('is deterministic: rendering twice gives identical bytes', async () => {
    for (const r of rendered) {
      const again = renderDocker(r.profile, await configFor(r.profile), { acceptedPatches: new Set(['health-route', 'phx-server']) });
      expect(JSON.stringify(again)).toBe(JSON.stringify(r.out));
    }
  });
});

describe('docker target: Dockerfile content', () => {
  it('example Dockerfile (snapshot)', () => {
    expect(file(byName('example'), 'Dockerfile')!.content).toMatchSnapshot();
  });

  it('uses hexpm/elixir on Debian and a matching debian runner, never alpine', () => {
    for (const r of rendered) {
      const text = file(r, 'Dockerfile')!.content;
      const elixir = /^ARG ELIXIR_VERSION=(.+)$/m.exec(text)![1];
      const otp = /^ARG OTP_VERSION=(.+)$/m.exec(text)![1];
      const debian = /^ARG DEBIAN_VERSION=(.+)$/m.exec(text)![1]!;
      // A tag from the table, or exactly what the project pins (then the notes say it is not verified offline).
      const known = HEXPM_TAGS.some((t) => tagName(t) === `${elixir}-erlang-${otp}-debian-${debian}`);
      expect(known || r.out.notes.some((n) => n.includes(`Elixir ${elixir} / OTP ${otp}`) && /exactly as pinned/.test(n)), r.name).toBe(true);
      expect(text).toContain('ARG RUNNER_IMAGE="debian:${DEBIAN_VERSION}"');
      expect(text).not.toMatch(/alpine/i);
      expect(text).toMatch(/libncurses6/);
      expect(text).not.toMatch(/libncurses5/);
    }
  });

  it('copies runtime config after compiling, never migrates at build time, and EXPOSEs the configured port', () => {
    for (const r of rendered) {
      const text = file(r, 'Dockerfile')!.content;
      const lines = text.split('\n');
      const compile = lines.indexOf('RUN mix compile');
      const runtime = lines.findIndex((l) => /^COPY config\/(runtime|releases)\.exs/.test(l));
      if (r.profile.runtimeConfig.file) expect(runtime, r.name).toBeGreaterThan(compile);
      expect(text).not.toMatch(/ecto\.migrate|Release\.migrate|bin\/migrate/);
      expect(text).toContain(`ENV PORT=${r.config.port}`);
      expect(text).toContain(`EXPOSE ${r.config.port}`);
      expect(text).toMatch(/COPY --from=builder --chown=nobody:root \/app\/_build\/\$\{MIX_ENV\}\/rel\/\w+ \.\//);
    }
  });

  it('copies the project\'s pinned versions and says why (note)', () => {
    const ex = byName('example');
    expect(ex.out.notes[0]).toBe(
      'Elixir 1.17.3 / OTP 27.1.2 from .tool-versions:1 → hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim (exact match)',
    );
  });

  it('umbrella: copies each app mix.exs before deps.get and builds the named release', () => {
    const u = byName('umbrella');
    const text = file(u, 'Dockerfile')!.content;
    const lines = text.split('\n');
    const depsGet = lines.findIndex((l) => l.startsWith('RUN mix deps.get'));
    for (const app of ['warehouse', 'warehouse_web']) {
      const i = lines.indexOf(`COPY apps/${app}/mix.exs apps/${app}/`);
      expect(i, app).toBeGreaterThan(-1);
      expect(i).toBeLessThan(depsGet);
    }
    expect(text).toContain('RUN mix release warehouse');
    expect(text).toContain('COPY --from=builder --chown=nobody:root /app/_build/${MIX_ENV}/rel/warehouse ./');
    expect(text).toContain('RUN cd apps/warehouse_web && mix assets.deploy');
    expect(file(u, 'rel/overlays/bin/server')!.content).toContain('exec ./warehouse start');
    // The release module goes to the app that owns the repo.
    const rel = file(u, 'apps/warehouse/lib/warehouse/release.ex');
    expect(rel?.content).toContain('defmodule Warehouse.Release do');
    expect(rel?.content).toContain('@app :warehouse');
    expect(u.out.notes.some((n) => /Umbrella project/.test(n))).toBe(true);
  });

  it('webpack (phx15) gets Node, npm packages and the legacy OpenSSL provider; esbuild-only apps do not', () => {
    const w = file(byName('phx15-webpack'), 'Dockerfile')!.content;
    expect(w).toMatch(/^FROM node:\$\{NODE_VERSION\}-bookworm-slim AS node$/m);
    expect(w).toContain('COPY --from=node /usr/local/bin/node /usr/local/bin/node');
    expect(w).toMatch(/npm ci --prefix assets/);
    expect(w).toMatch(/NODE_OPTIONS=--openssl-legacy-provider npm run deploy --prefix assets/);
    expect(w).toMatch(/mix phx\.digest/);
    expect(w.indexOf('npm ci')).toBeLessThan(w.indexOf('npm run deploy'));
    expect(byName('phx15-webpack').out.notes.some((n) => /Node\.js [\d.]+ \(.*\) is copied/.test(n))).toBe(true);
    expect(file(byName('example'), 'Dockerfile')!.content).not.toMatch(/node/i);
    // phx15 reads secrets at compile time: the plan says so instead of passing build secrets.
    expect(byName('phx15-webpack').out.notes.some((n) => /prod\.secret\.exs:\d+ requires DATABASE_URL at compile time/.test(n))).toBe(true);
    expect(w).toContain('COPY config/config.exs config/prod.exs config/prod.secret.exs config/');
    expect(w).toContain('COPY config/releases.exs config/');
  });

  it('SQLite: a /data dir handed to nobody at start, migrations in bin/server, no migrate at build', () => {
    const s = byName('sqlite');
    const text = file(s, 'Dockerfile')!.content;
    expect(text).toContain('RUN mkdir -p /data && chown nobody /data');
    expect(text).toMatch(/CMD \["\/bin\/sh", "-c", "chown nobody \/data && exec setpriv --reuid=nobody .* \/app\/bin\/server"\]/);
    expect(text).not.toMatch(/sqlite3/);
    // The fixture runs Ecto.Migrator in its supervision tree: bin/server does not migrate again.
    expect(file(s, 'rel/overlays/bin/server')!.content).not.toMatch(/migrate/);
    expect(file(s, 'rel/overlays/bin/migrate')).toBeDefined();
  });

  it('SQLite without Ecto.Migrator at boot: bin/server migrates before starting', async () => {
    const dir = makeProject(
      { 'lib/notes/application.ex': (t) => t.replace(/\s*\{Ecto\.Migrator,\n\s*repos: [^}]*\},/, '') },
      PROJECTS.sqlite!,
    );
    const profile = await scan(dir);
    const out = renderDocker(profile, await configFor(profile));
    const server = out.files.find((f) => f.path === 'rel/overlays/bin/server')!.content;
    expect(server).toMatch(/\.\/notes eval Notes\.Release\.migrate\n\nPHX_SERVER=true exec \.\/notes start\n$/);
    await validateShell(server, 'sqlite bin/server');
  });

  it('api-no-ecto: no migrate script, no release module, optional priv copy', () => {
    const a = byName('api-no-ecto');
    expect(file(a, 'rel/overlays/bin/migrate')).toBeUndefined();
    expect(a.out.files.some((f) => f.path.endsWith('release.ex'))).toBe(false);
    const text = file(a, 'Dockerfile')!.content;
    expect(text).toContain('COPY pri[v] priv/');
    expect(text).not.toMatch(/assets/);
  });

  it('an app with a release module gets no new one, and bin/migrate calls it', () => {
    for (const name of ['phx17-tailwind', 'existing-deploy']) {
      const r = byName(name);
      expect(r.profile.releaseModule).not.toBeNull();
      expect(r.out.files.some((f) => f.path.endsWith('release.ex')), name).toBe(false);
      expect(file(r, 'rel/overlays/bin/migrate')!.content).toContain(`eval ${r.profile.releaseModule!.module}.migrate`);
    }
  });

  it('subfolder project: paths are relative to the Phoenix project folder', () => {
    const s = byName('subfolder');
    expect(s.profile.projectPath).toBe('backend');
    const text = file(s, 'Dockerfile')!.content;
    expect(text).toContain('COPY config/config.exs config/prod.exs config/');
    expect(text).toContain('COPY config/runtime.exs config/');
    expect(text).not.toMatch(/backend\//);
    expect(s.out.files.every((f) => !f.path.startsWith('backend/'))).toBe(true);
    expect(s.out.patches.every((p) => !p.file.startsWith('backend/'))).toBe(true);
  });

  it('.dockerignore keeps artifacts and local secrets out', () => {
    const ig = file(byName('example'), '.dockerignore')!.content.split('\n');
    for (const p of ['/_build/', '/deps/', '/test/', '/cover/', '/doc/', '/tmp/', '.elixir_ls', 'erl_crash.dump', '**/node_modules/', '/priv/static/assets/', '.env', '.env.*', '*.ez', '.git']) {
      expect(ig, p).toContain(p);
    }
    expect(ig).not.toContain('rel');
    expect(ig).not.toContain('config');
  });
});

describe('docker target: release module, env.sh, secrets, steps', () => {
  it('release.ex migrates every repo through Ecto.Migrator.with_repo after starting :ssl', () => {
    const rel = file(byName('example'), 'lib/hello_phoenix/release.ex')!.content;
    expect(rel).toContain('defmodule HelloPhoenix.Release do');
    expect(rel).toContain('Application.ensure_all_started(:ssl)');
    expect(rel).toContain('Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :up, all: true))');
    expect(rel).toContain('def rollback(repo, version) do');
  });

  it('env.sh.eex: long names everywhere, Fly IPv6 and DNS query, Kubernetes POD_IP', () => {
    const env = file(byName('example'), 'rel/env.sh.eex')!.content;
    expect(env).toContain('export RELEASE_DISTRIBUTION="name"');
    expect(env).toContain('export DNS_CLUSTER_QUERY="${FLY_APP_NAME}.internal"');
    expect(env).toContain('export RELEASE_NODE="${FLY_APP_NAME}-${FLY_IMAGE_REF##*-}@${FLY_PRIVATE_IP}"');
    expect(env).toContain('export ERL_AFLAGS="-proto_dist inet6_tcp"');
    expect(env).toContain('export ECTO_IPV6="true"');
    expect(env).toContain('export RELEASE_NODE="hello_phoenix@${POD_IP}"');
    expect(env).toMatch(/hostname -i/);
  });

  it('secrets are names and sources only, never values', () => {
    for (const r of rendered) {
      for (const s of r.out.secrets) {
        expect(Object.keys(s).sort()).toEqual(['description', 'generate', 'name', 'required', 'source']);
        expect(s.name).toMatch(/^[A-Z][A-Z0-9_]*$/);
      }
      expect(r.out.secrets.map((s) => s.name)).toContain('SECRET_KEY_BASE');
      const all = JSON.stringify(r.out);
      expect(all).not.toMatch(/SECRET_KEY_BASE=[^{]/);
    }
  });

  it('step: docker build as argv, no resources', () => {
    const ex = byName('example');
    expect(ex.out.steps).toEqual([{ id: 'docker-build', description: 'build the hello-phoenix image', command: ['docker', 'build', '-t', 'hello-phoenix', '.'] }]);
    expect(ex.out.resources).toEqual([]);
  });
});

describe('docker target: health route', () => {
  it('apps without one get a controller and a router patch; apps with one get neither', () => {
    const ex = byName('example');
    expect(file(ex, 'lib/hello_phoenix_web/controllers/health_controller.ex')).toBeDefined();
    const patch = ex.out.patches.find((p) => p.id === 'health-route')!;
    expect(patch.file).toBe('lib/hello_phoenix_web/router.ex');
    expect(patch.before).toBe(readFileSync(join(ex.dir, patch.file), 'utf8'));
    expect(patch.after).toContain('  scope "/", HelloPhoenixWeb do\n    get "/health", HealthController, :index\n  end\n');
    // Before the first scope, outside every pipeline.
    expect(patch.after.indexOf('get "/health"')).toBeLessThan(patch.after.indexOf('pipe_through :browser'));
    for (const name of ['phx17-tailwind', 'plug-ssl']) {
      const r = byName(name);
      expect(r.out.patches, name).toEqual([]);
      expect(r.out.files.some((f) => f.path.endsWith('health_controller.ex')), name).toBe(false);
    }
  });

  it('the patched project scans with a health route at /health (applied for real)', async () => {
    const ex = byName('example');
    const patch = ex.out.patches.find((p) => p.id === 'health-route')!;
    const controller = file(ex, 'lib/hello_phoenix_web/controllers/health_controller.ex')!;
    const dir = makeProject({ [patch.file]: patch.after, [controller.path]: controller.content });
    const profile = await scan(dir);
    expect(profile.health).toEqual({ path: '/health' });
    const route = profile.facts.routers[0]!.routes.find((r) => r.path === '/health')!;
    expect(route.pipelines).toEqual([]);
    expect(route.target).toBe('HelloPhoenixWeb.HealthController');
  });

  it('without the router text (no facts.sources) it says what to add instead of patching', async () => {
    const ex = byName('example');
    const bare = await scan(ex.dir);
    bare.facts.sources = {};
    const out = renderDocker(bare, ex.config);
    expect(out.patches).toEqual([]);
    expect(out.notes.some((n) => n.includes('Add `get "/health", HealthController, :index` to lib/hello_phoenix_web/router.ex'))).toBe(true);
  });

  it('addHealthRoute keeps comments attached to the first scope and falls back to the module end', () => {
    const router = routerOf(byName('example').profile)!;
    const text = [
      'defmodule AppWeb.Router do',
      '  use AppWeb, :router',
      '',
      '  pipeline :api do',
      '    plug :accepts, ["json"]',
      '  end',
      '',
      '  # The API',
      '  scope "/api", AppWeb do',
      '    pipe_through :api',
      '    get "/x", XController, :index',
      '  end',
      'end',
      '',
    ].join('\n');
    const fake = { ...router, pipelines: [{ ...router.pipelines[0]!, evidence: { file: 'r.ex', line: 4 } }], routes: [{ ...router.routes[0]!, devOnly: false, evidence: { file: 'r.ex', line: 11 } }] };
    const after = addHealthRoute(text, fake, 'AppWeb', '/health')!;
    expect(after).toContain('  end\n\n  # Health check');
    expect(after.indexOf('# Health check')).toBeLessThan(after.indexOf('# The API'));
    const noScope = addHealthRoute('defmodule AppWeb.Router do\n  use AppWeb, :router\n\n  pipeline :api do\n  end\nend\n', { ...fake, routes: [] }, 'AppWeb', '/health')!;
    expect(noScope).toMatch(/ {2}end\n\n {2}# Health check[^\n]*\n {2}scope "\/", AppWeb do\n {4}get "\/health", HealthController, :index\n {2}end\n\nend\n$/);
  });
});

describe('hexpm tag table and version choice', () => {
  it('entries are well formed, unique, dated and sourced', () => {
    const names = HEXPM_TAGS.map(tagName);
    expect(new Set(names).size).toBe(names.length);
    for (const t of HEXPM_TAGS) {
      expect(tagName(t)).toMatch(/^1\.1[4-9]\.\d+-erlang-2[5-8](\.\d+)*-debian-(bullseye|bookworm|trixie)-20\d{6}-slim$/);
      expect(t.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(t.source).toBe(`https://hub.docker.com/r/hexpm/elixir/tags?name=${tagName(t)}`);
      expect(t.seen).toBeGreaterThanOrEqual(1);
    }
    for (const minor of ['1.14', '1.15', '1.16', '1.17', '1.18', '1.19']) expect(HEXPM_TAGS.some((t) => t.elixir.startsWith(`${minor}.`)), minor).toBe(true);
    for (const otp of ['25', '26', '27', '28']) expect(HEXPM_TAGS.some((t) => t.otp.split('.')[0] === otp), otp).toBe(true);
    expect(HEXPM_TAGS.some((t) => t.os === 'trixie')).toBe(true);
  });

  it('Version requirements', () => {
    expect(satisfies('1.17.3', '~> 1.14')).toBe(true);
    expect(satisfies('2.0.0', '~> 1.14')).toBe(false);
    expect(satisfies('1.15.0', '~> 1.14.0')).toBe(false);
    expect(satisfies('1.14.5', '~> 1.14.0')).toBe(true);
    expect(satisfies('1.13.0', '>= 1.14.0 or == 1.13.0')).toBe(true);
    expect(satisfies('1.16.0', '>= 1.14.0 and < 1.16.0')).toBe(false);
  });

  const withPins = (p: Profile, elixir: string | null, otp: string | null, extra: Partial<Profile['versions']> = {}): Profile => ({
    ...p,
    versions: { ...p.versions, elixir, otp, ...extra },
    facts: { ...p.facts, toolVersions: { elixir, otp, file: elixir || otp ? '.tool-versions' : null, line: elixir || otp ? 1 : null }, dockerfiles: [] },
  });

  it('exact pins are used as pinned even when the table lacks them (saying the tag is not verified); partial pins fall back', () => {
    const p = byName('example').profile;
    expect(chooseImage(withPins(p, '1.17.3-otp-27', '27.1.2')).match).toBe('exact');
    const pinned = chooseImage(withPins(p, '1.16.3', '26.2.5.2'));
    expect(pinned.tag.elixir).toBe('1.16.3');
    expect(pinned.tag.otp).toBe('26.2.5.2');
    expect(pinned.match).toBe('pinned, not in the table');
    expect(pinned.tagName).toMatch(/^1\.16\.3-erlang-26\.2\.5\.2-debian-bookworm-\d{8}-slim$/);
    expect(pinned.note).toMatch(/^Elixir 1\.16\.3 \/ OTP 26\.2\.5\.2 from \.tool-versions:1 → .*exactly as pinned; not in phoenix-ops's table of known tags, so not verified offline/);
    // Elixir 1.14 images are built on bullseye, not bookworm.
    expect(chooseImage(withPins(p, '1.14.4', '25.3.2')).tag.os).toBe('bullseye');
    // An OTP major alone is no exact pin: the table's fallbacks pick a known tag.
    expect(chooseImage(withPins(p, '1.17.3', '27')).match).toBe('exact Elixir, same OTP minor');
    expect(chooseImage(withPins(p, '1.17.1', '27')).match).toBe('same Elixir minor and OTP minor');
    const major = chooseImage(withPins(p, '1.16.0', '27'));
    expect(major.tag.otp).toMatch(/^27\./);
    expect(chooseImage(withPins(p, '1.19.4', null)).tag.elixir).toBe('1.19.4');
  });

  it('no pins: the Phoenix era, within the mix.exs requirement', () => {
    const p = byName('example').profile;
    const none = withPins(p, null, null);
    expect(chooseImage(none).tag.elixir).toMatch(/^1\.17\./);
    const phx18 = chooseImage(withPins(p, null, null, { phoenix: '1.8.1', elixirRequirement: '~> 1.15' }));
    expect(phx18.tag.elixir).toMatch(/^1\.18\./);
    const strict = chooseImage(withPins(p, null, null, { phoenix: '1.7.14', elixirRequirement: '~> 1.19' }));
    expect(strict.tag.elixir).toMatch(/^1\.19\./);
    expect(strict.note).toMatch(/No pinned Elixir\/OTP version/);
  });

  it('existing Dockerfile ARGs are used when nothing else is pinned', () => {
    const p = byName('existing-deploy').profile;
    const noPins = { ...p, versions: { ...p.versions, elixir: null, otp: null }, facts: { ...p.facts, toolVersions: { elixir: null, otp: null, file: null, line: null } } };
    const c = chooseImage(noPins);
    expect(c.match).toBe('exact');
    expect(c.note).toMatch(/from Dockerfile (FROM|ARGs)/);
  });
});
