#!/usr/bin/env node
// `npm run bench`: times `scan` and `audit` end to end, each as a separate process (Node start
// included), on three projects: the bundled example app, a large single app (~600 modules) and a
// synthetic umbrella monorepo (30 apps, 10,000 .ex files). Prints wall ms (median of runs),
// files/s, MB/s and peak RSS. The synthetic trees are written under bench/.work (git-ignored).
// When ../shared/corpus is beside the repository, also every real app of the corpus: wall and CPU
// ms (median), peak RSS, files read and parsed, and the five slowest.
// Options: --cli <bin/phoenix-ops.js of another checkout> (compare builds), --only corpus|synthetic,
// --apps a,b (corpus apps to time, by folder name).
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.work');
const argOf = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const cli = argOf('--cli') ?? join(root, 'bin', 'phoenix-ops.js');
const only = argOf('--only');
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
const RSS_HOOK = 'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("\\n@@rss "+u.maxRSS+" "+(u.userCPUTime+u.systemCPUTime)+"\\n")})';

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const camel = (s) => s.split('_').map((p) => p[0].toUpperCase() + p.slice(1)).join('');

function contextModule(mod, i) {
  return `defmodule ${mod}.Context${i} do
  @moduledoc """
  Context ${i}: queries and commands for records of kind ${i}.
  """
  import Ecto.Query, warn: false
  alias ${mod}.Repo
  alias ${mod}.Context${i}.Record

  def list_records(opts \\\\ []) do
    limit = Keyword.get(opts, :limit, 50)

    Record
    |> where([r], r.archived == false)
    |> order_by([r], desc: r.inserted_at)
    |> limit(^limit)
    |> Repo.all()
  end

  def get_record!(id), do: Repo.get!(Record, id)

  def create_record(attrs \\\\ %{}) do
    %Record{}
    |> Record.changeset(attrs)
    |> Repo.insert()
  end

  def update_record(%Record{} = record, attrs) do
    record
    |> Record.changeset(attrs)
    |> Repo.update()
  end

  def delete_record(%Record{} = record), do: Repo.delete(record)

  def change_record(%Record{} = record, attrs \\\\ %{}) do
    Record.changeset(record, attrs)
  end
end
`;
}

function liveModule(web, i) {
  return `defmodule ${web}.Page${i}Live do
  use ${web}, :live_view

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, count: ${i}, items: [])}
  end

  @impl true
  def handle_event("inc", _params, socket) do
    {:noreply, update(socket, :count, &(&1 + 1))}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <div class="page-${i}">
      <h1>Page ${i}</h1>
      <button phx-click="inc">Count: {@count}</button>
    </div>
    """
  end
end
`;
}

/** A Phoenix web app + domain app tree. `modules` .ex files spread over contexts and LiveViews. */
function writeApp(dir, otp, modules, { webOnly = false } = {}) {
  const mod = camel(otp);
  const web = `${mod}Web`;
  write(join(dir, 'mix.exs'), `defmodule ${mod}.MixProject do
  use Mix.Project

  def project do
    [app: :${otp}, version: "0.1.0", elixir: "~> 1.15", deps: deps(), aliases: aliases()]
  end

  def application do
    [mod: {${mod}.Application, []}, extra_applications: [:logger, :runtime_tools]]
  end

  defp deps do
    [
      {:phoenix, "~> 1.7.14"},
      {:phoenix_ecto, "~> 4.5"},
      {:ecto_sql, "~> 3.10"},
      {:postgrex, ">= 0.0.0"},
      {:phoenix_live_view, "~> 0.20.17"},
      {:esbuild, "~> 0.8", runtime: Mix.env() == :dev},
      {:tailwind, "~> 0.2", runtime: Mix.env() == :dev},
      {:dns_cluster, "~> 0.1.1"},
      {:bandit, "~> 1.5"}
    ]
  end

  defp aliases do
    [setup: ["deps.get", "ecto.setup"], "assets.deploy": ["tailwind ${otp} --minify", "esbuild ${otp} --minify", "phx.digest"]]
  end
end
`);
  write(join(dir, 'lib', otp, 'application.ex'), `defmodule ${mod}.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      ${web}.Telemetry,
      ${mod}.Repo,
      {DNSCluster, query: Application.get_env(:${otp}, :dns_cluster_query) || :ignore},
      {Phoenix.PubSub, name: ${mod}.PubSub},
      ${web}.Endpoint
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: ${mod}.Supervisor)
  end
end
`);
  write(join(dir, 'lib', otp, 'repo.ex'), `defmodule ${mod}.Repo do\n  use Ecto.Repo, otp_app: :${otp}, adapter: Ecto.Adapters.Postgres\nend\n`);
  write(join(dir, 'lib', `${otp}_web`, 'endpoint.ex'), `defmodule ${web}.Endpoint do
  use Phoenix.Endpoint, otp_app: :${otp}

  @session_options [store: :cookie, key: "_${otp}_key", signing_salt: "abcdefgh", same_site: "Lax"]

  socket "/live", Phoenix.LiveView.Socket, websocket: [connect_info: [session: @session_options]]

  plug Plug.Static, at: "/", from: :${otp}, gzip: false
  plug Plug.RequestId
  plug Plug.Telemetry, event_prefix: [:phoenix, :endpoint]
  plug Plug.Parsers, parsers: [:urlencoded, :multipart, :json], pass: ["*/*"], json_decoder: Phoenix.json_library()
  plug Plug.MethodOverride
  plug Plug.Head
  plug Plug.Session, @session_options
  plug ${web}.Router
end
`);
  const lives = Math.max(1, Math.floor(modules / 4));
  const routes = Array.from({ length: Math.min(lives, 200) }, (_, i) => `    live "/page-${i}", Page${i}Live, :index`).join('\n');
  write(join(dir, 'lib', `${otp}_web`, 'router.ex'), `defmodule ${web}.Router do
  use ${web}, :router

  pipeline :browser do
    plug :accepts, ["html"]
    plug :fetch_session
    plug :fetch_live_flash
    plug :put_root_layout, html: {${web}.Layouts, :root}
    plug :protect_from_forgery
    plug :put_secure_browser_headers
  end

  pipeline :api do
    plug :accepts, ["json"]
  end

  scope "/", ${web} do
    pipe_through :browser

${routes}
  end
end
`);
  write(join(dir, 'lib', `${otp}_web`, 'telemetry.ex'), `defmodule ${web}.Telemetry do\n  use Supervisor\n  import Telemetry.Metrics\n\n  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)\n\n  @impl true\n  def init(_arg), do: Supervisor.init([], strategy: :one_for_one)\n\n  def metrics, do: [summary("phoenix.endpoint.stop.duration")]\nend\n`);
  for (let i = 0; i < modules; i++) {
    if (i % 4 === 0) write(join(dir, 'lib', `${otp}_web`, 'live', `page${i / 4}_live.ex`), liveModule(web, i / 4));
    else write(join(dir, 'lib', otp, `context${i}.ex`), contextModule(mod, i));
  }
  if (webOnly) return;
  write(join(dir, 'config', 'config.exs'), `import Config\n\nconfig :${otp}, ecto_repos: [${mod}.Repo]\n\nconfig :${otp}, ${web}.Endpoint,\n  url: [host: "localhost"],\n  adapter: Bandit.PhoenixAdapter,\n  pubsub_server: ${mod}.PubSub\n\nconfig :esbuild, version: "0.17.11"\nconfig :tailwind, version: "3.4.3"\n\nimport_config "#{config_env()}.exs"\n`);
  write(join(dir, 'config', 'dev.exs'), `import Config\n\nconfig :${otp}, ${mod}.Repo, username: "postgres", password: "postgres", database: "${otp}_dev"\n`);
  write(join(dir, 'config', 'test.exs'), `import Config\n\nconfig :${otp}, ${mod}.Repo, database: "${otp}_test"\n`);
  write(join(dir, 'config', 'prod.exs'), `import Config\n\nconfig :${otp}, ${web}.Endpoint, cache_static_manifest: "priv/static/cache_manifest.json"\n\nconfig :logger, level: :info\n`);
  write(join(dir, 'config', 'runtime.exs'), `import Config\n\nif System.get_env("PHX_SERVER") do\n  config :${otp}, ${web}.Endpoint, server: true\nend\n\nif config_env() == :prod do\n  database_url = System.get_env("DATABASE_URL") || raise "DATABASE_URL is missing"\n\n  config :${otp}, ${mod}.Repo, url: database_url, pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10")\n\n  secret_key_base = System.get_env("SECRET_KEY_BASE") || raise "SECRET_KEY_BASE is missing"\n  host = System.get_env("PHX_HOST") || "example.com"\n  port = String.to_integer(System.get_env("PORT") || "4000")\n\n  config :${otp}, ${web}.Endpoint,\n    url: [host: host, port: 443, scheme: "https"],\n    http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: port],\n    secret_key_base: secret_key_base\nend\n`);
  write(join(dir, 'mix.lock'), `%{\n  "phoenix": {:hex, :phoenix, "1.7.14", "${'a'.repeat(64)}", [:mix], [], "hexpm", "${'b'.repeat(64)}"},\n}\n`);
}

function writeMonorepo(dir, apps, totalFiles) {
  write(join(dir, 'mix.exs'), `defmodule Mono.MixProject do\n  use Mix.Project\n\n  def project do\n    [apps_path: "apps", version: "0.1.0", deps: [], releases: [mono: [applications: [mono_web: :permanent]]]]\n  end\nend\n`);
  const per = Math.floor(totalFiles / apps);
  writeApp(join(dir, 'apps', 'mono_web'), 'mono_web', per, { webOnly: true });
  for (let a = 1; a < apps; a++) {
    const otp = `domain${a}`;
    const mod = camel(otp);
    write(join(dir, 'apps', otp, 'mix.exs'), `defmodule ${mod}.MixProject do\n  use Mix.Project\n\n  def project do\n    [app: :${otp}, version: "0.1.0", build_path: "../../_build", config_path: "../../config", deps_path: "../../deps", lockfile: "../../mix.lock", deps: [{:ecto_sql, "~> 3.10"}]]\n  end\nend\n`);
    for (let i = 0; i < per; i++) write(join(dir, 'apps', otp, 'lib', otp, `context${i}.ex`), contextModule(mod, i));
  }
  // Shared config at the umbrella root.
  const tmp = join(work, 'cfg-tmp');
  rmSync(tmp, { recursive: true, force: true });
  writeApp(tmp, 'mono_web', 1);
  for (const f of readdirSync(join(tmp, 'config'))) write(join(dir, 'config', f), `${readFileText(join(tmp, 'config', f))}`);
  write(join(dir, 'mix.lock'), readFileText(join(tmp, 'mix.lock')));
  rmSync(tmp, { recursive: true, force: true });
}

function readFileText(p) {
  return spawnSync('cat', [p], { encoding: 'utf8' }).stdout;
}

function treeStats(dir) {
  let files = 0;
  let bytes = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ex|exs|lock)$/.test(e.name)) {
        files += 1;
        bytes += statSync(p).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(args, before = () => {}) {
  const walls = [];
  const cpus = [];
  let rss = 0;
  let stats = null;
  for (let i = 0; i < RUNS; i++) {
    before();
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--import', RSS_HOOK, cli, ...args], { encoding: 'utf8', maxBuffer: 1e8, env: { ...process.env, NO_COLOR: '1', PHOENIX_OPS_STATS: '1' } });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0 && r.status !== 1) throw new Error(`phoenix-ops ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    walls.push(ms);
    const m = /@@rss (\d+) (\d+)/.exec(r.stderr);
    if (m) {
      rss = Math.max(rss, Number(m[1]));
      cpus.push(Number(m[2]) / 1000);
    }
    const st = /@@stats (\{.*\})/.exec(r.stderr);
    if (st) stats = JSON.parse(st[1]);
  }
  return { median: median(walls), min: Math.min(...walls), cpu: cpus.length ? median(cpus) : NaN, rssMb: rss / 1024, stats };
}

const large = join(work, 'large-app');
const mono = join(work, 'monorepo');
if (!existsSync(large)) writeApp(large, 'large_app', 600);
if (!existsSync(mono)) writeMonorepo(mono, 30, 10000);
if (process.argv.includes('--generate-only')) process.exit(0);
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('bench: build first (npm run build)');
  process.exit(2);
}

const cases = [
  ['example app', join(root, 'examples', 'hello_phoenix')],
  ['large app (600 modules)', large],
  ['monorepo (30 apps, 10k files)', mono],
];
const fmt = (n, d = 0) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(d) : '–');
console.log(`node ${process.version}, ${RUNS} runs each, median wall time including Node start; CLI ${cli}\n`);
const rows = [];
for (const [name, dir] of only === 'corpus' ? [] : cases) {
  const { files, bytes } = treeStats(dir);
  for (const cmd of ['scan', 'audit']) {
    const t = time([cmd, dir, '--json']);
    rows.push({ project: name, command: cmd, files, mb: bytes / 1e6, ...t });
  }
}
if (rows.length) console.log('| project | command | .ex/.exs files | MB | wall ms (median) | wall ms (min) | files/s | MB/s | peak RSS MB |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.project} | ${r.command} | ${r.files} | ${fmt(r.mb, 1)} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.files / (r.median / 1000))} | ${fmt(r.mb / (r.median / 1000), 1)} | ${fmt(r.rssMb)} |`);
}

// ---- the real-app corpus
// Per app: `audit` cold (no cache), warm (`--cache`, nothing changed since the run that filled it)
// and warm after one lib file was edited (a comment line appended before each run). The cached runs
// work on a copy of the app under bench/.work/corpus (the corpus itself is never written).
const corpus = join(root, '..', 'shared', 'corpus');

/** The first lib .ex file of a project (its own lib/ or an umbrella child's), relative to dir. */
function aLibFile(dir) {
  const libs = [join(dir, 'lib'), ...(existsSync(join(dir, 'apps')) ? readdirSync(join(dir, 'apps')).sort().map((a) => join(dir, 'apps', a, 'lib')) : [])];
  const first = (d) => {
    if (!existsSync(d)) return null;
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isFile() && e.name.endsWith('.ex')) return p;
      if (e.isDirectory()) {
        const f = first(p);
        if (f) return f;
      }
    }
    return null;
  };
  for (const l of libs) {
    const f = first(l);
    if (f) return f;
  }
  return null;
}

function warmTimes(name, dir) {
  const copy = join(work, 'corpus', name);
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(dirname(copy), { recursive: true });
  spawnSync('cp', ['-r', dir, copy]);
  const cacheDir = join(work, 'cache', name);
  rmSync(cacheDir, { recursive: true, force: true });
  const args = ['audit', copy, '--format', 'json', '--cache-location', cacheDir];
  time(args); // fills the cache
  const warm = time(args);
  const file = aLibFile(copy);
  let n = 0;
  const edited = file ? time(args, () => appendFileSync(file, `# bench edit ${++n}\n`)) : null;
  rmSync(copy, { recursive: true, force: true });
  return { warm, edited };
}

if (only !== 'synthetic' && existsSync(join(corpus, 'truth.json'))) {
  const pick = argOf('--apps')?.split(',');
  const apps = JSON.parse(readFileText(join(corpus, 'truth.json'))).filter((a) => !pick || pick.includes(a.repo.replace('/', '+')));
  const real = [];
  for (const app of apps) {
    const name = app.repo.replace('/', '+');
    const dir = join(corpus, 'apps', name, app.root ?? '.');
    const auditT = time(['audit', dir, '--format', 'json']);
    let cached = { warm: null, edited: null };
    try {
      cached = warmTimes(name, dir);
    } catch {
      // a build without --cache (`--cli` of an older checkout): cold figures only
    }
    real.push({ name, audit: auditT, ...cached });
  }
  console.log(`\nReal apps (${corpus}): ${RUNS} runs each; cold = no cache, warm = --cache with nothing changed, edited = --cache after one lib file changed\n`);
  console.log('| app | files seen | read | parsed | KB parsed | audit cold ms | cold CPU ms | warm ms | warm CPU ms | edited ms | edited CPU ms | peak RSS MB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of real) {
    const st = r.audit.stats ?? {};
    console.log(`| ${r.name} | ${st.filesSeen ?? '?'} | ${st.filesRead ?? '?'} | ${st.filesParsed ?? '?'} | ${st.bytesParsed !== undefined ? fmt(st.bytesParsed / 1024) : '?'} | ${fmt(r.audit.median)} | ${fmt(r.audit.cpu)} | ${r.warm ? fmt(r.warm.median) : '–'} | ${r.warm ? fmt(r.warm.cpu) : '–'} | ${r.edited ? fmt(r.edited.median) : '–'} | ${r.edited ? fmt(r.edited.cpu) : '–'} | ${fmt(Math.max(r.audit.rssMb, r.warm?.rssMb ?? 0, r.edited?.rssMb ?? 0))} |`);
  }
  const audits = real.map((r) => r.audit.median);
  const warms = real.filter((r) => r.warm).map((r) => r.warm.median);
  const edits = real.filter((r) => r.edited).map((r) => r.edited.median);
  const cpu = (k) => real.filter((r) => r[k]).map((r) => r[k].cpu);
  console.log(`\naudit cold: median ${fmt(median(audits))} ms, max ${fmt(Math.max(...audits))} ms; warm: median ${fmt(median(warms))} ms, max ${fmt(Math.max(...warms))} ms; one file edited: median ${fmt(median(edits))} ms, max ${fmt(Math.max(...edits))} ms; CPU medians cold ${fmt(median(cpu('audit')))}, warm ${fmt(median(cpu('warm')))}, edited ${fmt(median(cpu('edited')))} ms; peak RSS max ${fmt(Math.max(...real.map((r) => r.audit.rssMb)))} MB`);
  console.log('five slowest cold audits: ' + [...real].sort((a, b) => b.audit.median - a.audit.median).slice(0, 5).map((r) => `${r.name} ${fmt(r.audit.median)} ms`).join(', '));
}
