/**
 * The Dockerfile: the `mix phx.gen.release --docker` shape (hexpm/elixir builder, Debian slim runner,
 * dependencies before code, runtime config copied last, release run as `nobody`), plus what it lacks:
 * umbrellas, a Node stage when assets need npm packages, the project's pinned versions, a PORT that
 * matches the platform config, and a writable data volume for SQLite. The layout is
 * templates/Dockerfile.eta; this file turns the DockerBuild into the lines it needs.
 */
import type { NodePin } from '../../facts/tool-versions.js';
import type { DebianRelease } from './hexpm-tags.js';
import type { DockerBuild, NodeSetup } from './model.js';
import { dockerfile as DOCKERFILE } from './templates/index.js';

/** The packages the runner always installs (the release links to them). */
const RUNNER_PACKAGES = ['libstdc++6', 'openssl', 'libncurses6', 'locales', 'ca-certificates'];

/** What templates/Dockerfile.eta lays out: every value a finished string or line. */
export interface DockerfileModel {
  appModule: string;
  app: string;
  /** `--file <name> ` when the Dockerfile is not ./Dockerfile, else ''. */
  fileFlag: string;
  builderImage: string;
  builderReason: string;
  elixirVersion: string;
  otpVersion: string;
  debianVersion: string;
  node: NodeStage | null;
  mixFiles: string;
  childMixCopies: string[];
  configCopies: string[];
  /** `RUN mix assets.setup` line, or null. */
  assetsSetup: string | null;
  umbrella: boolean;
  privKnown: boolean;
  /** The asset build's RUN line, or null when there is nothing to build. */
  assetsDeploy: string | null;
  /** Folder copied before the asset build, or null. */
  assetsDir: string | null;
  runtimeConfigCopy: string | null;
  /** ` <name>` for `mix release <name>`, or ''. */
  releaseArg: string;
  extraPackages: string | null;
  extrasFrom: string;
  runnerPackages: string;
  /** `# imagemagick (convert), git: programs the app runs` comment lines, or []. */
  toolComments: string[];
  /** Install steps carried over from the project's runner: the ARGs they read and one RUN each. */
  carried: { comment: string; args: string[]; run: string }[];
  /** `ENTRYPOINT [...]` of the init process the project's runner uses, or null. */
  entrypoint: string | null;
  /** The project's HEALTHCHECK, kept: comment and instruction, or null. */
  healthcheck: { comment: string; line: string } | null;
  extraFiles: string[];
  writable: { envs: string; dirs: string } | null;
  dataDir: string | null;
  /** The volume folder to create in the image when the writable folders do not already include it. */
  dataDirMkdir: string | null;
  /** The start command's first step, as root: hand the volume (and the folders on it) to nobody. */
  dataStart: string | null;
  port: number;
  releaseName: string;
}

interface NodeStage {
  version: string;
  reason: string;
  /** Debian release of the node image: one the version is published on (node-tags.ts). */
  os: DebianRelease;
  packagesComment: string;
  copyPackages: string;
  install: string;
}

/** Groups files by folder so each COPY lands them in the right place: "config/config.exs config/prod.exs config/". */
export function copyLines(files: string[]): string[] {
  const byDir = new Map<string, string[]>();
  for (const f of files) {
    const dir = f.includes('/') ? `${f.slice(0, f.lastIndexOf('/'))}/` : './';
    byDir.set(dir, [...(byDir.get(dir) ?? []), f]);
  }
  return [...byDir.entries()].map(([dir, fs]) => `COPY ${fs.join(' ')} ${dir}`);
}

/** One RUN instruction; several commands are chained with `&&`, one per continued line. */
export function runLine(commands: string[]): string {
  return `RUN ${commands.join(' \\\n    && ')}`;
}

/** yarn and pnpm come from corepack (Node 16.10+); older Node installs them with npm. */
function enableTool(pin: NodePin, tool: 'yarn' | 'pnpm'): string {
  const minor = Number(/^\d+\.(\d+)/.exec(pin.version)?.[1] ?? 99);
  const corepack = pin.major > 16 || (pin.major === 16 && minor >= 10);
  return corepack ? 'ln -s ../lib/node_modules/corepack/dist/corepack.js /usr/local/bin/corepack && corepack enable' : `npm install -g ${tool}`;
}

/** The package install after deps.get: yarn/pnpm with their lockfile, npm ci, or npm install without a lockfile. */
function packageInstall(node: NodeSetup): string {
  const dir = node.packageDir;
  const { pin } = node;
  const cd = dir ? `cd ${dir} && ` : '';
  const tool = pin.packageManager;
  if (tool === 'yarn' || tool === 'pnpm') return `RUN ${enableTool(pin, tool)} \\\n    && ${cd}${tool} install${pin.lockfile ? ' --frozen-lockfile' : ''}`;
  if (pin.lockfile) return `RUN ${cd}npm ci`;
  const p = dir ? `${dir}/` : '';
  return `RUN if [ -f ${p}package-lock.json ]; then npm ci --prefix ${dir || '.'}; else npm install --prefix ${dir || '.'}; fi`;
}

function nodeStage(node: NodeSetup): NodeStage {
  const dir = node.packageDir;
  const p = dir ? `${dir}/` : '';
  const { pin, image } = node;
  const lock = pin.lockfile;
  return {
    version: image.version,
    reason: node.reason,
    os: image.os,
    packagesComment: `${pin.packageManager} packages (${p}package.json${lock ? ` + ${lock}` : ''}) after deps.get: they may point into deps/`,
    copyPackages: `COPY ${p}package.json ${lock ? `${p}${lock}` : `${p}package-lock.json*`} ${dir ? `${dir}/` : './'}`,
    install: packageInstall(node),
  };
}

/** The asset build: the npm environment (webpack 4) applies to the first command only. */
function assetsDeploy(b: DockerBuild): string | null {
  const { deploy, npmEnv } = b.assets;
  if (deploy.length === 0) return null;
  return runLine(deploy.map((c, i) => (npmEnv && i === 0 ? `${npmEnv} ${c}` : c)));
}

/** The runner's apt packages: the release's, the project's runner's, then what the programs the app runs need. */
function runnerPackages(b: DockerBuild): string {
  const t = b.tools;
  const more = [...t.packages.map((p) => p.name), ...(t.init ? [t.init.package] : []), ...(t.healthcheck?.packages ?? [])];
  const listed = new Set([...RUNNER_PACKAGES, ...b.extras.packages]);
  return [...RUNNER_PACKAGES, ...b.extras.packages, ...[...new Set(more)].filter((p) => !listed.has(p)).sort()].join(' ');
}

/** The runner's lines for the programs the app runs, its init process and its health check. */
function toolLines(b: DockerBuild): Pick<DockerfileModel, 'toolComments' | 'carried' | 'entrypoint' | 'healthcheck'> {
  const t = b.tools;
  return {
    toolComments: t.packages.map((p) => `# ${p.name}${p.programs.length === 1 && p.programs[0] === p.name ? '' : ` (${p.programs.join(', ')})`}: run by the app at run time`),
    carried: t.carried.map((c) => ({ comment: `# ${c.programs.join(', ')}: installed the way ${c.from} installs ${c.programs.length > 1 ? 'them' : 'it'}`, args: c.args.map((a) => `ARG ${a}`), run: runLine(c.commands) })),
    entrypoint: t.init ? `ENTRYPOINT [${t.init.entrypoint.map((w) => JSON.stringify(w)).join(', ')}]` : null,
    // A port written out in the project's check follows the image's PORT.
    healthcheck: t.healthcheck ? { comment: `# the health check of ${t.healthcheck.from}`, line: t.healthcheck.line.replace(/\b(localhost|127\.0\.0\.1):\d+\b/g, '$1:${PORT}') } : null,
  };
}

export function dockerfileModel(b: DockerBuild): DockerfileModel {
  const f = b.facts;
  const img = b.image;
  const extras = b.extras;
  return {
    appModule: f.appModule,
    app: f.app,
    fileFlag: f.dockerfile === 'Dockerfile' ? '' : `--file ${f.dockerfile} `,
    builderImage: img.builderImage,
    builderReason: img.match === 'exact' ? 'the versions the project pins' : `chosen by ${img.match}`,
    elixirVersion: img.tag.elixir,
    otpVersion: img.tag.otp,
    debianVersion: img.debianVersion,
    node: b.assets.node ? nodeStage(b.assets.node) : null,
    mixFiles: b.hasLock ? 'mix.exs mix.lock' : 'mix.exs',
    childMixCopies: b.umbrella ? copyLines(b.childMixFiles) : [],
    configCopies: copyLines(b.configFiles),
    assetsSetup: b.assets.setup ? runLine([b.assets.setup]) : null,
    umbrella: b.umbrella,
    privKnown: b.priv === 'known',
    assetsDeploy: assetsDeploy(b),
    assetsDir: b.assets.dir && !b.umbrella ? b.assets.dir : null,
    runtimeConfigCopy: b.runtimeConfig ? copyLines([b.runtimeConfig]).join('\n') : null,
    releaseArg: b.releaseArg ? ` ${b.releaseArg}` : '',
    extraPackages: extras.packages.length ? extras.packages.join(', ') : null,
    extrasFrom: extras.dockerfile ?? 'the Dockerfile',
    runnerPackages: runnerPackages(b),
    ...toolLines(b),
    extraFiles: extras.files.map((x) => `COPY --chown=nobody:root ${x.source} ${x.dest}`),
    writable: b.writable.length ? { envs: b.writable.map((w) => w.env ?? w.path).join(', '), dirs: b.writable.map((w) => w.path).join(' ') } : null,
    dataDir: b.dataDir,
    dataDirMkdir: b.dataDir && !b.writable.some((w) => w.path === b.dataDir) ? b.dataDir : null,
    dataStart: b.dataDir ? `${b.dataFolders.length ? `mkdir -p ${b.dataFolders.join(' ')} && ` : ''}chown nobody ${[b.dataDir, ...b.dataFolders].join(' ')}` : null,
    port: f.port,
    releaseName: f.releaseName,
  };
}

export function renderDockerfile(b: DockerBuild): string {
  return DOCKERFILE.render(dockerfileModel(b));
}
