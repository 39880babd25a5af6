/**
 * The Profile: everything the scan learned about a Phoenix project, as plain serializable data.
 *
 * The top-level fields are the stable `scan --json` contract (see README "JSON contract").
 * `facts` holds the detailed artifacts (config calls, plugs, routes, deploy files…) that the audit
 * rules and the targets read; it is not part of the stable contract and is left out of `scan --json`.
 */
import type { Term } from './term.js';

export const SCHEMA_VERSION = 1;

import type { Evidence } from '../model/evidence.js';
import type { FlyToml } from './extract/deploy-schemas.js';

export type { Evidence };

export type Database = 'postgres' | 'mysql' | 'sqlite' | 'mssql' | 'none';
export type PubSubAdapter = 'pg' | 'redis' | 'other';
export type Clustering = 'dns_cluster' | 'libcluster' | 'none';
export type HttpServer = 'bandit' | 'cowboy';
export type AssetsPipeline = 'esbuild' | 'tailwind+esbuild' | 'webpack' | 'vite' | 'none' | 'other';
export type RateLimiter = 'hammer' | 'plug_attack' | 'other' | 'none';

export interface AppSummary {
  /** Folder of the Mix project, relative to root ('.' for the root itself). */
  path: string;
  otpApp: string;
  /** True when the app depends on Phoenix. */
  phoenix: boolean;
}

export interface WebSummary {
  path: string;
  otpApp: string;
  endpointModule: string | null;
  routerModule: string | null;
}

export interface Versions {
  phoenix: string | null;
  liveView: string | null;
  ecto: string | null;
  /** As written in mix.exs, e.g. "~> 1.14". */
  elixirRequirement: string | null;
  /** Exact pinned versions (.tool-versions, .mise.toml, .elixir-version), e.g. "1.17.3-otp-27" / "27.1.2". */
  elixir: string | null;
  otp: string | null;
}

export interface EnvVar {
  /** The variable's name; for a dynamic read, the source text of the name expression. */
  name: string;
  required: boolean;
  /** Default as a string when it is a literal, else null. */
  default: string | null;
  /** True when the name is built at runtime and cannot be known statically. */
  dynamic: boolean;
  evidence: Evidence;
  /** Required, but any of these serves as well (`System.get_env("A") || System.get_env("B") || raise`). */
  alternatives?: string[];
}

export interface RuntimeConfig {
  /** config/runtime.exs or config/releases.exs; null when the app has no runtime config. */
  file: string | null;
  env: EnvVar[];
}

export interface SecuritySummary {
  forceSsl: boolean;
  hsts: boolean;
  csp: boolean;
  /** The prod `check_origin` value as written in source (e.g. "false", "[\"https://x\"]"), or null. */
  checkOrigin: string | null;
}

export interface DeployFiles {
  dockerfiles: string[];
  /** Files that look like deployment files but are not this app's deployment (a dev container's Dockerfile, another app's fly.toml), with why. */
  notDeployment?: { file: string; reason: string }[];
  flyTomls: string[];
  k8s: string[];
  workflows: string[];
  relOverlays: string[];
}

export type DeployMode = 'release' | 'mix';
/** What makes the prod endpoint serve: `config` (`server: true`), the PHX_SERVER switch, another variable (`env:NAME`), `mix phx.server`. */
export type ServerEnabledBy = 'PHX_SERVER' | 'config' | 'mix' | 'unknown' | `env:${string}`;

/**
 * The runtime facts that decide whether a deployment boots: how the project runs in prod, what starts
 * its web server, the port it listens on, the variables carrying its database connection, the programs
 * it runs and the places it writes. Each with evidence in `evidence` (`runtime.<field>`).
 */
export interface RuntimeSummary {
  /** How the project's own deploy files run it: `mix` (`mix phx.server`…), else `release` (also when it has none). */
  deployMode: DeployMode;
  serverEnabledBy: ServerEnabledBy;
  /** The env var the prod endpoint's http port is read from (`"A|B"`: A, falling back to B), or null. */
  portEnv: string | null;
  /** The port it listens on when portEnv is unset (null: none, the boot needs the variable). */
  listenPort: number | null;
  /** Env vars carrying the primary database connection on the default prod path. */
  databaseEnv: string[];
  /** Programs the prod app runs (System.cmd, Port.open, :os.cmd, MuonTrap, wrapper libraries…), by name. */
  executables: { name: string; evidence: Evidence }[];
  /** Where the prod app writes at run time (a folder; null when only the variable that sets it is known), with the env var that moves it (null when none). */
  writablePaths: { path: string | null; env: string | null; evidence: Evidence }[];
}

export interface ScanWarning {
  /** Stable code: 'parse-error', 'file-too-large', 'binary-file', 'unreadable', 'symlink-loop', … */
  code: string;
  file?: string;
  message: string;
}

/** The stable `scan --json` contract. */
export interface ScanSummary {
  schemaVersion: number;
  root: string;
  /** Folder of the Phoenix project relative to the scanned DIR ('.' when DIR is the project). */
  projectPath: string;
  umbrella: boolean;
  apps: AppSummary[];
  web: WebSummary;
  versions: Versions;
  database: Database;
  liveView: boolean;
  oban: boolean;
  pubsub: PubSubAdapter;
  clustering: Clustering;
  httpServer: HttpServer;
  assets: AssetsPipeline;
  sentry: boolean;
  rateLimiter: RateLimiter;
  /** The prod mailer adapter (e.g. "Swoosh.Adapters.Postmark"), or null when the app sends no mail. */
  mailer: string | null;
  runtimeConfig: RuntimeConfig;
  security: SecuritySummary;
  health: { path: string } | null;
  releaseModule: { file: string; module: string } | null;
  deployFiles: DeployFiles;
  runtime: RuntimeSummary;
  /** key → "file:line" for each inferred fact above. */
  evidence: Record<string, string>;
  /** key → why, for the facts where the scan had to choose (which of several endpoints, which cluster mechanism…). */
  reasons?: Record<string, string>;
  warnings: ScanWarning[];
}

// ---------------------------------------------------------------------------------------------
// Detailed facts (gathered once by the scan; read by audit rules and targets; no I/O after this)
// ---------------------------------------------------------------------------------------------

export interface Dep {
  name: string;
  requirement: string | null;
  /** `only:` environments, or null when the dep is in every environment. */
  only: string[] | null;
  runtime: boolean;
  optional: boolean;
  source: 'hex' | 'git' | 'path' | 'umbrella' | 'other';
  evidence: Evidence;
}

export interface LockEntry {
  name: string;
  version: string;
  manager: string;
  evidence: Evidence;
}

export interface ReleaseDef {
  name: string;
  /** The `cookie:` option when set in mix.exs. */
  cookie: Term | null;
  applications: string[];
  /** `config_providers:` of the release: modules that load config at boot (a TOML or Elixir file outside the image). */
  configProviders: ConfigProviderRef[];
  evidence: Evidence;
}

/** `{Config.Reader, "/etc/app/config.exs"}`, `{Toml.Provider, path: …}`, `MyApp.ConfigProvider`. */
export interface ConfigProviderRef {
  module: string;
  /** The file it reads when written literally (`"/etc/app/config.exs"`, `{:system, "RELEASE_ROOT", "/config.toml"}` as text). */
  source: string | null;
  evidence: Evidence;
}

export interface MixProject {
  path: string;
  mixFile: string;
  otpApp: string;
  kind: 'umbrella-root' | 'web' | 'domain' | 'other';
  phoenix: boolean;
  elixirRequirement: string | null;
  /** Where `elixir:` is written in mix.exs. */
  elixirRequirementEvidence: Evidence | null;
  /** `mod: {App.Application, []}` */
  applicationModule: string | null;
  deps: Dep[];
  releases: ReleaseDef[];
  /** Alias name → the task strings it runs. */
  aliases: Record<string, string[]>;
  evidence: Evidence;
}

export type ConfigEnv = 'all' | 'dev' | 'test' | 'prod' | 'other';
export type MixEnv = 'dev' | 'test' | 'prod';

/** One `config :app, Key, opts` (or `config :app, opts`) call. */
export interface ConfigCall {
  file: string;
  /** Environment the call applies to: from the file name, or a `config_env()`/`Mix.env()` branch ('all' = dev, test and prod). */
  env: ConfigEnv;
  /** The exact environments the call applies to. */
  envs: MixEnv[];
  /** True for config/runtime.exs and config/releases.exs (evaluated at boot, not build). */
  runtime: boolean;
  app: string;
  /** Module (`MyAppWeb.Endpoint`) or atom key (`dns_cluster_query`); null for `config :logger, level: …`. */
  key: string | null;
  opts: Term;
  /** Inside an `if`/`case` that is not certain to run (in prod, when the call applies to prod): not an environment test, or one that cannot be decided. */
  conditional: boolean;
  /** The undecided conditions it runs under, outermost first (absent when it is not conditional). */
  guards?: ConfigGuard[];
  line: number;
}

/**
 * One condition a config call runs under: the branch of an `if`/`unless` (runs when `cond` is truthy,
 * or falsy), a `case` clause (`cond` is the subject, `pattern` the clause, `earlier` the patterns tried
 * before it), a `cond` clause (`earlier`: the conditions before it), or something else that may not
 * run (`rescue`, `with`). Lets later stages ask which branch runs when a variable is unset.
 */
export interface ConfigGuard {
  kind: 'if' | 'case' | 'cond' | 'other';
  cond: Term | null;
  /** if/unless: the branch runs when `cond` is truthy (true) or falsy (false). */
  when?: boolean;
  pattern?: Term;
  earlier?: Term[];
}

export interface ConfigFile {
  file: string;
  env: ConfigEnv;
  runtime: boolean;
  /** Files this one imports (`import_config`), resolved relative to root. */
  imports: string[];
  parsed: boolean;
}

/** An env var read anywhere in config (compile time or runtime). */
export interface EnvRead extends EnvVar {
  file: string;
  env: ConfigEnv;
  envs: MixEnv[];
  runtime: boolean;
  /** How it was read: System.get_env, System.fetch_env!, Dotenvy.env!, {:system, …}, a helper name… */
  via: string;
  /** The config call (app / key) the value lands in, when it is directly inside one. */
  app: string | null;
  key: string | null;
  /** Keyword path inside that config call, e.g. ['http', 'port']. */
  path: string[];
}

export interface PlugRef {
  /** Module (`Plug.SSL`) or function plug name (`protect_from_forgery`). */
  name: string;
  opts: Term | null;
  evidence: Evidence;
  /** Inside an `if`/`unless`/`case` (e.g. `if code_reloading?`). */
  conditional: boolean;
  /**
   * Compiled into a prod build: true (unconditional, or under a condition that holds in prod such as
   * `if Mix.env() == :prod`), false (never in prod, e.g. `if code_reloading?`), null (depends on
   * something else).
   */
  prod: boolean | null;
}

export interface SocketRef {
  path: string;
  module: string;
  opts: Term | null;
  evidence: Evidence;
}

export interface EndpointInfo {
  module: string;
  file: string;
  otpApp: string | null;
  plugs: PlugRef[];
  sockets: SocketRef[];
  /** `@session_options` (or the opts of `plug Plug.Session`). */
  sessionOptions: Term | null;
  /**
   * Modules its own functions hand the request to: `Other.call(conn, opts)`, or a module passed
   * beside the conn to a helper (`forward(conn, MyAppWeb.Endpoint)`), aliases expanded. Which of
   * them are endpoints is for the reader to decide.
   */
  handsTo?: { module: string; evidence: Evidence }[];
  evidence: Evidence;
}

export interface Pipeline {
  name: string;
  plugs: PlugRef[];
  evidence: Evidence;
}

export interface Route {
  /** get/post/put/patch/delete/live/forward/resources/live_dashboard/… */
  verb: string;
  /** Full path with scope prefixes. */
  path: string;
  /** Controller / LiveView / plug module (scope alias applied). */
  target: string | null;
  action: string | null;
  /** Pipelines in effect (`pipe_through`), outermost first. */
  pipelines: string[];
  /** Inside a `live_session`, its name. */
  liveSession: string | null;
  /** Inside `if Mix.env() in [:dev, :test]`/`Application.compile_env(..., :dev_routes)`: not served in prod. */
  devOnly: boolean;
  evidence: Evidence;
}

export interface RouterInfo {
  module: string;
  file: string;
  pipelines: Pipeline[];
  routes: Route[];
  evidence: Evidence;
}

export interface Child {
  module: string;
  opts: Term | null;
  evidence: Evidence;
}

export interface ApplicationInfo {
  module: string;
  file: string;
  otpApp: string | null;
  children: Child[];
  evidence: Evidence;
}

export interface ReleaseModuleInfo {
  module: string;
  file: string;
  functions: string[];
  usesMigrator: boolean;
  evidence: Evidence;
  /** See MigratorModule.migrateStartsRepo. */
  migrateStartsRepo?: boolean | null;
}

export interface RepoInfo {
  module: string;
  adapter: string | null;
  otpApp: string | null;
  evidence: Evidence;
}

/** A module that calls Ecto.Migrator (aliases expanded), or one that calls into such a module. */
export interface MigratorModule {
  module: string;
  file: string;
  line: number;
  publicFunctions: string[];
  /** Lines of its Ecto.Migrator calls ([] for a module that only calls a migrating module). */
  migratorCalls: number[];
  /** Modules it calls (`Mod.fun(...)`, aliases expanded). */
  calls: string[];
  /** A `Mix.Tasks.*` module: needs Mix, so it cannot run from a release by itself. */
  mixTask: boolean;
  /**
   * Its public `migrate` starts what the migration needs (`Ecto.Migrator.with_repo`, the app through
   * `Application.ensure_all_started`, a Repo's `start_link`), itself or through the module's own
   * functions: under `bin/<release> eval` nothing else starts it. Null when it has no `migrate`.
   */
  migrateStartsRepo?: boolean | null;
}

/** A plug module that answers request paths itself (`def call(%{request_path: "/health"} = conn, _)`, a Plug.Router). */
/**
 * A module plug that hands the request to routers itself: its code calls `OtherRouter.call(conn, …)`
 * (usually picking the router by `conn.host`). Mounted on an endpoint, it makes those routers served.
 */
export interface RouterDispatch {
  module: string;
  file: string;
  /** Modules whose `call/2` it calls, aliases expanded (routers or not: the reader filters). */
  calls: { module: string; evidence: Evidence }[];
}

export interface PlugPaths {
  module: string;
  file: string;
  paths: { path: string; line: number }[];
}

/** A Content-Security-Policy set outside the router's put_secure_browser_headers: a plug module or a `<meta http-equiv>` tag. */
export interface CspSource {
  kind: 'plug' | 'meta';
  /** The plug module (kind plug) or the template file (kind meta). */
  name: string;
  evidence: Evidence;
  /** The policy text when it is written out (interpolations kept as `#{…}`), null when built at runtime. */
  policy: string | null;
}

export interface AssetsInfo {
  pipeline: AssetsPipeline;
  /** assets/package.json (or root package.json of the app) */
  packageJson: string | null;
  npmDependencies: string[];
  /** npm dependencies other than the Phoenix packages vendored from deps (phoenix, phoenix_html, phoenix_live_view). */
  needsNpmInstall: boolean;
  evidence: Evidence | null;
}

/** The Node.js toolchain the project pins for its asset build (see extract/node-toolchain.ts). */
export interface NodeToolchain {
  /** e.g. "18.19.1" or "16" (from an engines range, the lowest version it names); null when unpinned. */
  version: string | null;
  evidence: Evidence | null;
  packageManager: 'npm' | 'yarn' | 'pnpm' | 'bun';
  /** The lockfile found (relative to the scanned root), or null. */
  lockfile: string | null;
}

export interface DockerInstruction {
  keyword: string;
  /** Arguments without flags, whitespace folded. */
  args: string;
  /** Flags as written: `--from=builder`, `--chown=nobody:root`, `--mount=…`. */
  flags: string[];
  stage: number;
  line: number;
}

export interface DockerStage {
  index: number;
  image: string;
  name: string | null;
  line: number;
}

export interface DockerfileInfo {
  file: string;
  stages: DockerStage[];
  instructions: DockerInstruction[];
  /** Global ARG (before the first FROM) name → default value; ARGs without a default are left out. */
  args: Record<string, string>;
}

export type { FlyService, FlyToml } from './extract/deploy-schemas.js';

export interface FlyTomlInfo {
  file: string;
  /** The parsed TOML, typed by extract/deploy-schemas.ts (null when it did not parse; a warning says why). */
  data: FlyToml | null;
  /** Dotted key → line, for evidence (e.g. "http_service.internal_port"). */
  lines: Record<string, number>;
  /** Values left out of `data` because of their type (`http_service.internal_port: Invalid input`). */
  issues: string[];
}

/** A redirect to HTTPS in front of the app, found in a committed deployment or proxy file. */
export interface EdgeHttps {
  file: string;
  line: number;
  /** Who redirects, for messages: "Fly's edge (force_https)", "an nginx redirect to HTTPS". */
  how: string;
}

export interface ScriptInfo {
  file: string;
  executable: boolean;
  /**
   * Where `executable` comes from: git's index for a tracked file, the disk otherwise; `copy` when
   * there is no git index and no script of the tree is executable (a copy that kept no modes: an
   * archive, a copy tool), so "not executable" is unconfirmed.
   */
  modeFrom: 'git' | 'disk' | 'copy';
  crlf: boolean;
  shebang: string | null;
  text: string;
}

export interface YamlDoc {
  file: string;
  kind: string | null;
  apiVersion: string | null;
  name: string | null;
  /** `metadata.namespace` when the manifest sets it. */
  namespace: string | null;
  /** Workloads: the containers' `containerPort`s, in order. */
  containerPorts: number[];
  /** Workloads: `spec.replicas` when set. */
  replicas: number | null;
  /** Workloads: env var names set on the containers (values are never kept). */
  env: string[];
  /** Workloads: container command + args, joined. */
  commands: string[];
  /** Workloads: HTTP probe paths (liveness, readiness, startup). */
  probePaths: string[];
}

export interface Suppression {
  file: string;
  /** The line the comment stands on; it covers this line and the next. */
  line: number;
  ruleId: string;
  reason: string;
}

/** A file at the project root (or app root) that matters to the audit: .env, prod.secret.exs, .dockerignore… */
export interface PresentFile {
  file: string;
  size: number;
  /** Matched by a .gitignore in the repository (so not committed, unless forced). */
  gitignored: boolean;
  /** For small text files: the variable names defined (.env) — never values. */
  keys?: string[];
  /** A .env whose every credential-named variable holds a placeholder: a template, not secrets. */
  templateOnly?: boolean;
}

/** A program run by lib code: `System.cmd("git", …)`, `Port.open({:spawn_executable, path}, …)`, a wrapper library. */
export interface CommandCall {
  /** The program's name (basename), or null when it could not be told. */
  program: string | null;
  /** How it is run: `System.cmd`, `Port.open`, `FFmpex`, … */
  via: string;
  module: string;
  evidence: Evidence;
}

/** A place lib code writes to: `File.write!/mkdir_p!` under a configured dir, an upload destination. */
export interface WriteSite {
  /** The path as far as it is known (a literal, a config value, `System.tmp_dir()`), or null. */
  path: string | null;
  /** The env var the path comes from, when it does. */
  env: string | null;
  evidence: Evidence;
}

/**
 * Runtime inputs gathered while the scan's trees are alive, read by the runtime deciders
 * (src/scan/runtime): programs run, init/2 callbacks, results of project functions the prod config
 * calls, the launch scripts and Procfile/buildpack files of the deploy files.
 */
export interface RuntimeSources {
  commands: CommandCall[];
  writes: WriteSite[];
  /** `init/2` of endpoints and repos: the keyword values they put into the config, as terms. */
  callbacks: { module: string; kind: 'endpoint' | 'repo'; settings: { key: string; value: Term; line: number }[]; evidence: Evidence }[];
  /** Results of project functions called from prod config (`Mod.fun/arity` → the term it returns). */
  functions: Record<string, Term>;
  /** Launch files next to the deploy files: Procfile, buildpack configs, scripts a Dockerfile runs, systemd units. */
  launchers: { file: string; kind: 'procfile' | 'buildpack' | 'script' | 'systemd' | 'heroku'; text: string }[];
}

export interface Facts {
  projects: MixProject[];
  lock: { file: string; entries: LockEntry[] } | null;
  configFiles: ConfigFile[];
  config: ConfigCall[];
  envReads: EnvRead[];
  endpoints: EndpointInfo[];
  routers: RouterInfo[];
  applications: ApplicationInfo[];
  releaseModules: ReleaseModuleInfo[];
  assets: AssetsInfo;
  toolVersions: { elixir: string | null; otp: string | null; file: string | null; line: number | null };
  node: NodeToolchain;
  /**
   * Every file of the project folder (relative to the scanned root, sorted): the Docker build context.
   * A folder the scan does not read inside (asset sources, tests, priv/static) is listed by its own path.
   */
  files: string[];
  dockerfiles: DockerfileInfo[];
  /**
   * Files phoenix-ops wrote (its ownership manifest) that still hold what it wrote (see scan/generated.ts):
   * our output, not the project's own deploy choice. Root-relative, sorted.
   */
  generatedFiles: string[];
  /** Deployment-looking files that are not this app's deployment; listed, never audited as the app's. */
  notDeployment: { file: string; reason: string }[];
  dockerignore: { file: string; patterns: string[] } | null;
  flyTomls: FlyTomlInfo[];
  /**
   * Variables a committed secret-manager env file supplies at run time: 1Password references
   * (`SECRET_KEY_BASE="op://vault/item/field"` in `env.op`, read with `op run --env-file`). Names only.
   */
  secretRefs: { name: string; file: string; line: number }[];
  /** HTTPS enforced in front of the app by a committed file other than fly.toml (see scan/extract/edge-https.ts). */
  edgeHttps: EdgeHttps[];
  relScripts: ScriptInfo[];
  relEnvTemplate: ScriptInfo | null;
  k8s: YamlDoc[];
  workflows: { file: string }[];
  presentFiles: PresentFile[];
  suppressions: Suppression[];
  /** Modules that call `Ecto.Migrator` outside the release module (e.g. at boot in Application). */
  migratorCalls: Evidence[];
  /** Every module defined in the project: name → evidence (for cross-file lookups). */
  modules: Record<string, Evidence>;
  /**
   * Uses of Phoenix.Presence, PubSub broadcasts and live_render found in lib/: the first of each (the
   * facts only need to know whether and where); every module mentioning :telemetry.
   */
  usage: {
    presence: Evidence[];
    pubsubBroadcast: Evidence[];
    liveRender: Evidence[];
    telemetry: Evidence[];
  };
  /**
   * Text of the files targets may patch (routers, endpoints, application modules, mix.exs, config),
   * path relative to the scanned root → text. Never printed; patches carry their before/after.
   */
  sources: Record<string, string>;
  stats: { filesSeen: number; filesRead: number; bytesRead: number; filesParsed: number; bytesParsed: number; ms: number; phases: Record<string, number> };
  repos: RepoInfo[];
  migrators: MigratorModule[];
  plugPaths: PlugPaths[];
  /** Module plugs mounted on an endpoint that call other plugs' `call/2` (host-dispatching plugs). */
  routerDispatch: RouterDispatch[];
  cspSources: CspSource[];
  runtimeSources: RuntimeSources;
  /** Structured evidence of every decided field (the `evidence` map of the summary, before it becomes "file:line"). */
  evidence: Record<string, Evidence>;
  /** Why a field was decided the way it was, where there was a choice (e.g. which of several endpoints). */
  reasons: Record<string, string>;
}

export interface Profile extends ScanSummary {
  facts: Facts;
}
