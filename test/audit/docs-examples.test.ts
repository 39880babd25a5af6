/**
 * The Before/After examples of docs/rules are run against their rule (ESLint runs its docs' "incorrect"
 * and "correct" examples): each example is put into a real project — the example app or a fixture, with
 * the app's names — by a frame that says where its code goes (a router pipeline, the endpoint, a config
 * file, the Dockerfile, fly.toml…), the project is scanned, and the rule must fire on Before and find
 * nothing on After. Every ```elixir block must also parse with the grammar the scanner uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/engine.js';
import type { Rule } from '../../src/audit/rule.js';
import { rules } from '../../src/audit/rules/index.js';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import { parseElixir } from '../../src/scan/elixir/parser.js';
import { scan } from '../../src/scan/index.js';
import { profileOnce } from '../helpers/profile-memo.js';
import { EXAMPLE, fixture, makeProject, REPO, replace, type Edits } from '../helpers/project.js';

const DOCS = join(REPO, 'docs', 'rules');

interface Block {
  lang: string;
  code: string;
}

/** The code blocks of a docs page's Example section, split at the "After" paragraph. */
function exampleBlocks(markdown: string): { before: Block[]; after: Block[] } {
  const section = markdown.slice(markdown.indexOf('## Example'));
  const at = section.search(/^\**After\b/m);
  if (at < 0) throw new Error('the Example section has no "After" paragraph');
  const blocks = (text: string) => [...text.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1] ?? '', code: m[2] ?? '' }));
  return { before: blocks(section.slice(0, at)), after: blocks(section.slice(at)) };
}

// ---------------------------------------------------------------------------------------------
// Frames: where an example's code goes in a project
// ---------------------------------------------------------------------------------------------

interface Project {
  base?: string;
  edits: Edits;
  /** A phoenix-ops.yaml's settings (only what the rule reads). */
  deploy?: object;
}

/** Builds the project of one phase from its blocks (`other`: the other phase's, for code that stays). */
type Frame = (blocks: Block[], phase: 'before' | 'after', other: Block[]) => Project;

const DEPLOY = fixture('existing-deploy');
const ROUTER = 'lib/hello_phoenix_web/router.ex';
const ENDPOINT = 'lib/hello_phoenix_web/endpoint.ex';
const APPLICATION = 'lib/hello_phoenix/application.ex';

/** The docs' names (my_app, MyApp, my-app) as the base project's. */
function renamed(code: string, app = 'hello_phoenix'): string {
  const camel = app
    .split('_')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
  return code.replaceAll('MyApp', camel).replaceAll('my_app', app).replaceAll('my-app', app.replaceAll('_', '-'));
}

/** A block's code split at `# lib/…` / `# config/…` comment lines: the first part, and the files the others are. */
function parts(code: string): { main: string; files: Record<string, string> } {
  const chunks = code.split(/^# ((?:lib|config|rel)\/\S+)\n/m);
  const files: Record<string, string> = {};
  for (let i = 1; i + 1 < chunks.length; i += 2) files[chunks[i] ?? ''] = chunks[i + 1] ?? '';
  return { main: chunks[0] ?? '', files };
}

function block(blocks: Block[], lang: string, n = 0): string {
  const b = blocks.filter((x) => x.lang === lang)[n];
  if (!b) throw new Error(`no ${lang} block #${n + 1}`);
  return b.code;
}

const appendTo = (code: string) => (text: string) => `${text.trimEnd()}\n\n${code}`;
/** Replaces `from` with `to`; the example may be what the base already has (an After that keeps a line). */
const swap = (from: string, to: string) => (text: string) => {
  if (!text.includes(from)) throw new Error(`swap(): ${from} not found`);
  return text.replace(from, to);
};
/** Into the `if config_env() == :prod do … end` block that ends config/runtime.exs. */
const intoProdBranch = (code: string) => (text: string) => text.replace(/\nend\s*$/, `\n${code.replace(/^/gm, '  ')}end\n`);
/** Replaces the lines from the one starting with `from` to the first one starting with `to` (included). */
const replaceLines = (from: string, to: string, code: string) => (text: string) => {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.trimStart().startsWith(from));
  const j = lines.findIndex((l, k) => k >= i && l.trimStart().startsWith(to));
  if (i < 0 || j < 0) throw new Error(`replaceLines: ${from} … ${to} not found`);
  return [...lines.slice(0, i), code.trimEnd(), ...lines.slice(j + 1)].join('\n');
};

/** A router made of the generator's pipelines and routes, where the example's pipelines, plugs and scopes take their place. */
function routerFrame(blocks: Block[]): Project {
  const { main, files } = parts(renamed(block(blocks, 'elixir')));
  const pipelines = new Map([
    ['browser', 'pipeline :browser do\n  plug :accepts, ["html"]\n  plug :fetch_session\n  plug :fetch_live_flash\n  plug :protect_from_forgery\n  plug :put_secure_browser_headers\nend'],
    ['api', 'pipeline :api do\n  plug :accepts, ["json"]\nend'],
  ]);
  let body = main;
  const plugLine = /^plug :put_secure_browser_headers\b/.test(main.trim());
  if (plugLine) {
    pipelines.set('browser', `pipeline :browser do\n  plug :accepts, ["html"]\n  plug :fetch_session\n  plug :protect_from_forgery\n${main.trimEnd().replace(/^/gm, '  ')}\nend`);
    body = '';
  }
  for (const m of main.matchAll(/^pipeline :(\w+) do/gm)) pipelines.delete(m[1] ?? '');
  const routes = /^scope /m.test(main)
    ? ''
    : 'scope "/", HelloPhoenixWeb do\n  pipe_through :browser\n\n  get "/", PageController, :home\n  post "/contact", PageController, :contact\n  live "/thermostat", ThermostatLive, :index\nend';
  const module = ['defmodule HelloPhoenixWeb.Router do', '  use HelloPhoenixWeb, :router', '', '  import HelloPhoenixWeb.UserAuth', '', ...[...pipelines.values(), body, routes].filter(Boolean).map((c) => `${c.trimEnd().replace(/^(?=.)/gm, '  ')}\n`), 'end', ''].join('\n');
  return { edits: { [ROUTER]: module, ...files } };
}

/** Config code appended to a config file (and the files after `# config/…` lines to theirs). */
const configFrame =
  (file: string, place: (code: string) => (text: string) => string = appendTo): Frame =>
  (blocks) => {
    const { main, files } = parts(renamed(block(blocks, 'elixir')));
    const edits: Edits = { [file]: place(main) };
    for (const [f, code] of Object.entries(files)) edits[f] = f === 'config/runtime.exs' ? appendTo(code) : code;
    return { edits };
  };

/** Before in one config file, After in another (the usual move of a read to config/runtime.exs). */
const movedConfig = (beforeFile: string, afterFile: string, afterPlace = appendTo, beforeEdits: Edits = {}): Frame => (blocks, phase) => {
  const frame = configFrame(phase === 'before' ? beforeFile : afterFile, phase === 'before' ? appendTo : afterPlace)(blocks, phase, []);
  return phase === 'before' ? { edits: { ...beforeEdits, ...frame.edits } } : frame;
};

/** The example's Repo config instead of the example app's (config/runtime.exs, prod branch). */
const repoFrame: Frame = (blocks) => ({
  edits: { 'config/runtime.exs': replaceLines('config :hello_phoenix, HelloPhoenix.Repo,', 'socket_options: maybe_ipv6', renamed(block(blocks, 'elixir')).replace(/^(?=.)/gm, '  ')) },
});

/** The Dockerfile of a phx.gen.release project (fixture existing-deploy) with the example's lines in place of its own. */
const dockerFrame =
  (edit: (code: string) => (text: string) => string, extra: (phase: 'before' | 'after', blocks: Block[]) => Edits = () => ({})): Frame =>
  (blocks, phase) => {
    const base = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8');
    const dockerfile = edit(renamed(block(blocks, 'dockerfile'), 'beacon_app'))(base);
    // An After that is what the fixture already has (the phx.gen.release shape) runs on the fixture as it is.
    return { base: DEPLOY, edits: { ...(dockerfile === base ? {} : { Dockerfile: dockerfile }), ...extra(phase, blocks) } };
  };

/** fly.toml of fixture existing-deploy with the example's tables in place of its own. */
const flyFrame = (table: string, until: string): Frame => (blocks) => ({
  base: DEPLOY,
  edits: { 'fly.toml': replaceLines(table, until, block(blocks, 'toml')) },
});

const withDep = (dep: string) => replace('  defp deps do\n    [\n', `  defp deps do\n    [\n      ${dep},\n`);

const FRAMES: Record<string, Frame> = {
  'auth-routes-not-rate-limited': routerFrame,
  'check-origin-disabled': configFrame('config/prod.exs'),
  'committed-secret-file': (blocks) => ({ edits: { '.gitignore': block(blocks, 'gitignore'), '.env': 'STRIPE_SECRET_KEY=sk_live_51HxYzAbCdEfGhIjKlMnOpQr\nPORT=4000\n' } }),
  'csp-blocks-liveview-socket': routerFrame,
  'csp-missing': routerFrame,
  'csrf-protection-missing': routerFrame,
  'database-ssl-disabled': repoFrame,
  'dns-cluster-node-name-missing': (blocks) => ({ edits: { 'rel/env.sh.eex': block(blocks, 'sh') } }),
  'dockerfile-alpine-base': dockerFrame((code) => replaceLines('ARG BUILDER_IMAGE=', 'ARG RUNNER_IMAGE=', code)),
  'dockerfile-libncurses5-trixie': dockerFrame((code) => (text) => {
    const [arg = '', , run = ''] = code.trimEnd().split('\n');
    return replaceLines('ARG DEBIAN_VERSION=', 'ARG DEBIAN_VERSION=', arg)(replaceLines('RUN apt-get update -y && \\', '&& apt-get clean', run)(text));
  }),
  'dockerfile-migrates-at-boot': dockerFrame((code) => swap('CMD ["/app/bin/server"]', code.trimEnd())),
  'dockerfile-migrates-at-build': dockerFrame((code) => swap('RUN mix release', code.trimEnd())),
  'dockerfile-node-stage-missing': dockerFrame(
    (code) => replaceLines('COPY assets assets', 'RUN mix assets.deploy', code),
    () => ({ 'assets/package.json': '{\n  "dependencies": {\n    "phoenix": "file:../deps/phoenix",\n    "alpinejs": "^3.14.1"\n  }\n}\n' }),
  ),
  'dockerfile-runs-as-root': dockerFrame((code) => replaceLines('FROM ${RUNNER_IMAGE}', 'CMD ["/app/bin/server"]', code)),
  'dockerfile-runtime-config-early': dockerFrame((code) => replaceLines('RUN mkdir config', 'RUN mix release', code)),
  'dockerfile-single-stage': dockerFrame((code) => () => code),
  // The Dockerfile of Before stays in After, which adds the .dockerignore.
  'dockerignore-missing': (blocks, phase, other) => {
    const dockerfile = `FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim\nWORKDIR /app\nENV MIX_ENV=prod\n${block(phase === 'before' ? blocks : other, 'dockerfile')}CMD ["/app/_build/prod/rel/hello_phoenix/bin/server"]\n`;
    return { edits: { Dockerfile: dockerfile, ...(phase === 'after' ? { '.dockerignore': block(blocks, '') } : {}) } };
  },
  'ecto-ipv6-not-handled': repoFrame,
  'error-tracking-missing': (blocks) => {
    const { main, files } = parts(renamed(block(blocks, 'elixir')));
    return { edits: { 'mix.exs': replaceLines('defp deps do', 'end', main.replace(/^(?=.)/gm, '  ')), ...Object.fromEntries(Object.entries(files).map(([f, c]) => [f, appendTo(c)])) } };
  },
  'fly-env-secret': flyFrame('[env]', 'PORT = "8080"'),
  'fly-http-check-missing': flyFrame('[http_service]', 'processes = ["app"]'),
  'fly-internal-port-mismatch': (blocks) => ({ base: DEPLOY, edits: { 'fly.toml': `app = "beacon-app"\n\n${renamed(block(blocks, 'toml'), 'beacon_app')}` } }),
  'fly-min-machines-zero-liveview': (blocks) => ({ edits: { 'fly.toml': `app = "hello-phoenix"\n\n${block(blocks, 'toml')}` } }),
  'fly-release-command-missing': (blocks) => ({ edits: { 'fly.toml': renamed(block(blocks, 'toml')) } }),
  'force-ssl-redirects-health-check': (blocks) => ({ base: fixture('phx17-tailwind'), edits: { 'config/prod.exs': appendTo(renamed(block(blocks, 'elixir'), 'pinboard')) } }),
  'hardcoded-secret-in-config': movedConfig('config/prod.exs', 'config/runtime.exs', intoProdBranch),
  'health-endpoint-missing': routerFrame,
  'hsts-missing': configFrame('config/prod.exs'),
  // Before: the example app's runtime.exs binds no ip of its own, so the prod.exs one is what prod runs with.
  'http-bound-to-localhost': movedConfig('config/prod.exs', 'config/runtime.exs', intoProdBranch, { 'config/runtime.exs': replace('      ip: {0, 0, 0, 0, 0, 0, 0, 0},\n', '') }),
  'https-not-enforced': configFrame('config/prod.exs'),
  'libcluster-empty-topologies': (blocks, phase) => {
    const frame = movedConfig('config/config.exs', 'config/runtime.exs')(blocks, phase, []);
    return { edits: { 'mix.exs': withDep('{:libcluster, "~> 3.3"}'), ...frame.edits } };
  },
  'logger-debug-in-prod': configFrame('config/prod.exs'),
  'migrations-at-boot': (blocks) => ({ edits: { [APPLICATION]: replaceLines('def start(_type, _args) do', 'end', renamed(block(blocks, 'elixir')).replace(/^(?=.)/gm, '  ')) } }),
  'mix-lock-missing': (blocks, phase) => ({ edits: { '.gitignore': block(blocks, 'gitignore'), ...(phase === 'before' ? { 'mix.lock': null } : {}) } }),
  // The example's host and url in place of the example app's (which reads PHX_HOST the same way).
  'phx-host-placeholder': (blocks) => ({
    edits: {
      'config/runtime.exs': (text) =>
        replaceLines('config :hello_phoenix, HelloPhoenixWeb.Endpoint,', 'secret_key_base: secret_key_base', renamed(block(blocks, 'elixir')).replace(/^(?=.)/gm, '  '))(text.replace(/^ *host = System\.get_env\("PHX_HOST"\).*\n/m, '')),
    },
  }),
  'phx-server-not-enabled': (blocks) => ({ edits: { 'config/runtime.exs': renamed(block(blocks, 'elixir')) } }),
  'plug-parsers-unbounded': (blocks) => ({ edits: { [ENDPOINT]: replaceLines('plug Plug.Parsers,', 'json_decoder: Phoenix.json_library()', renamed(block(blocks, 'elixir')).replace(/^(?=.)/gm, '  ')) } }),
  'pool-size-not-configurable': repoFrame,
  'pubsub-not-distributed': (blocks) => {
    const { main, files } = parts(renamed(block(blocks, 'elixir')));
    return {
      edits: {
        [APPLICATION]: replaceLines('children = [', ']', main.replace(/^(?=.)/gm, '    ')),
        'lib/hello_phoenix_web/presence.ex': 'defmodule HelloPhoenixWeb.Presence do\n  use Phoenix.Presence, otp_app: :hello_phoenix, pubsub_server: HelloPhoenix.PubSub\nend\n',
        ...Object.fromEntries(Object.entries(files).map(([f, c]) => [f, appendTo(c)])),
      },
      // Several instances: what makes a per-instance PubSub a problem.
      deploy: { machine: { count: 2 }, audit: { ignore: [] } },
    };
  },
  'release-cookie-hardcoded': (blocks) => ({ edits: { 'mix.exs': replaceLines('def project do', 'end', renamed(block(blocks, 'elixir')).replace(/^(?=.)/gm, '  ')) } }),
  'release-migrations-missing': (blocks, phase) => ({ edits: { [phase === 'after' ? 'lib/hello_phoenix/release.ex' : 'lib/hello_phoenix/repo.ex']: renamed(block(blocks, 'elixir')) } }),
  'release-script-broken': (blocks, phase) => ({
    edits: { 'rel/overlays/bin/migrate': { content: renamed(block(blocks, 'sh')).replaceAll('\\r', '\r'), mode: phase === 'before' ? 0o644 : 0o755 } },
  }),
  'release-scripts-missing': (blocks, phase): Project => ({
    base: DEPLOY,
    edits: phase === 'before' ? { Dockerfile: replaceLines('COPY --from=builder', 'CMD ["/app/bin/server"]', renamed(block(blocks, 'dockerfile'), 'beacon_app')), 'rel/overlays/bin/server': null } : { 'rel/overlays/bin/server': { content: renamed(block(blocks, 'sh'), 'beacon_app'), mode: 0o755 } },
  }),
  'runtime-config-missing': (blocks, phase): Project => (phase === 'before' ? { edits: { 'config/runtime.exs': null, 'config/prod.exs': appendTo(renamed(block(blocks, 'elixir'))) } } : { edits: { 'config/runtime.exs': renamed(block(blocks, 'elixir')) } }),
  'runtime-secret-at-compile-time': (blocks, phase): Project =>
    phase === 'before'
      ? { edits: { 'config/prod.secret.exs': `import Config\n\n${renamed(block(blocks, 'elixir'))}`, 'config/prod.exs': appendTo('import_config "prod.secret.exs"\n') } }
      : { edits: { 'config/runtime.exs': appendTo(renamed(block(blocks, 'elixir'))) } },
  'secret-key-base-literal': (blocks, phase): Project =>
    phase === 'before'
      ? { edits: { 'config/prod.exs': appendTo(renamed(block(blocks, 'elixir'))), 'config/runtime.exs': replace(',\n    secret_key_base: secret_key_base', '') } }
      : { edits: { 'config/runtime.exs': appendTo(renamed(block(blocks, 'elixir'))) } },
  'secure-browser-headers-missing': routerFrame,
  'sentry-dsn-hardcoded': movedConfig('config/prod.exs', 'config/runtime.exs'),
  'session-cookie-insecure': (blocks) => ({ edits: { [ENDPOINT]: replaceLines('@session_options [', ']', renamed(block(blocks, 'elixir')).replace(/^(?=.)/gm, '  ')) } }),
  'static-digests-missing': (blocks) => ({ edits: { 'config/prod.exs': renamed(block(blocks, 'elixir')) } }),
  'telemetry-missing': (blocks, phase) => {
    const { main, files } = parts(renamed(block(blocks, 'elixir')));
    return { edits: { [APPLICATION]: replaceLines('children = [', ']', main.replace(/^(?=.)/gm, '    ')), ...(phase === 'before' ? { 'lib/hello_phoenix_web/telemetry.ex': null } : files) } };
  },
};

// ---------------------------------------------------------------------------------------------

const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md'));

async function run(rule: Rule, project: Project, phase: 'before' | 'after') {
  // A rule's page gives one project per phase (see profileOnce for why it is kept).
  const profile = await profileOnce(`docs-example\0${rule.id}\0${phase}`, () => scan(makeProject(project.edits, project.base ?? EXAMPLE)));
  return audit(profile, { rules: [rule], deploy: project.deploy as DeployConfig | undefined, configFile: project.deploy ? 'phoenix-ops.yaml' : null });
}

describe('docs/rules examples run against their rule', () => {
  it('every rule has a frame for its examples, and every frame a rule', () => {
    expect(Object.keys(FRAMES).sort()).toEqual(rules.map((r) => r.id).sort());
    expect(pages.length).toBe(rules.length);
  });
  for (const rule of rules) {
    const { before, after } = exampleBlocks(readFileSync(join(DOCS, `${rule.id}.md`), 'utf8'));
    const frame = FRAMES[rule.id];
    it(`${rule.id}: Before fires, After does not`, async () => {
      if (!frame) throw new Error(`no frame for ${rule.id}`);
      const b = await run(rule, frame(before, 'before', after), 'before');
      expect(b.notApplicable, 'Before must be checked').toEqual([]);
      expect(b.findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
      expect(b.findings.filter((f) => f.ruleId === rule.id).length, 'Before must fire').toBeGreaterThan(0);
      const a = await run(rule, frame(after, 'after', before), 'after');
      expect(a.notApplicable, 'After must be checked').toEqual([]);
      expect(a.findings.map((f) => `${f.ruleId} ${f.evidence[0]?.file}:${f.evidence[0]?.line} ${f.message}`)).toEqual([]);
    });
  }
});

describe('docs/rules Elixir examples parse', () => {
  const blocks = pages.flatMap((f) => [...readFileSync(join(DOCS, f), 'utf8').matchAll(/```elixir\n([\s\S]*?)```/g)].map((m, i) => [`${f} #${i + 1}`, m[1] ?? ''] as const));
  it('there are Elixir examples to check', () => expect(blocks.length).toBeGreaterThan(30));
  it.each(blocks)('%s parses', async (_name, code) => {
    const parsed = await parseElixir(code);
    try {
      expect(parsed.errorLine).toBeNull();
    } finally {
      parsed.tree.delete?.();
    }
  });
});
