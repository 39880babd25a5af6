/**
 * Deployment files already in the repository, each kind read by its own extractor: Dockerfiles,
 * fly.toml files, the `.dockerignore`, `rel/` overlays, workflows, Kubernetes manifests, `.env`
 * files and other files that matter to the audit (prod.secret.exs, erl_crash.dump…).
 */
import { basename, join, relative } from 'node:path';
import {
  dockerignorePatterns,
  dotenvKeys,
  dotenvTemplateOnly,
  extractDockerfile,
  extractFlyToml,
  extractK8s,
  extractScript,
  isDockerfileName,
  isFlyTomlName,
  loadDeployParsers,
  tomlValue,
  yamlValues,
  type DeployParser,
} from './extract/deploy-files.js';
import { flyConfigRedirect, helmAsYaml, ingressRedirect, isProxyConfPath, mentionsTerraformRedirect, proxyConfRedirect, terraformRedirect } from './extract/edge-https.js';
import { hclBlocks } from './extract/hcl.js';
import { fileModes, type FileMode } from './file-modes.js';
import { enclosingRepoRoot } from './enclosing-repo.js';
import { fileSize, readText, walkFiles, Warnings, type FileEntry } from './files.js';
import { gitignoreMatcher } from './gitignore.js';
import type { DockerfileInfo, EdgeHttps, Facts, Suppression } from './profile.js';
import type { Sources } from './sources.js';

export type DeployFacts = Pick<Facts, 'dockerfiles' | 'flyTomls' | 'relScripts' | 'relEnvTemplate' | 'k8s' | 'workflows' | 'presentFiles' | 'dockerignore' | 'notDeployment' | 'edgeHttps' | 'secretRefs'> & { relOverlays: string[] };

interface DeployContext {
  projectPrefix: string;
  inProject(rel: string): boolean;
  /** The file's text, read on demand (once per scan). */
  text(f: FileEntry): string | null;
  warn(code: string, message: string, file: string): void;
  suppressions: Suppression[];
  /** Folders holding a Mix project other than this one and its umbrella children (`iframe/mix.exs`). */
  nestedProjects: string[];
  /** A release script's mode as a deploy sees it (git's index first, the disk otherwise). */
  modeOf(f: FileEntry): FileMode;
  out: DeployFacts;
}

/** One kind of deployment file: which files it reads and what it records. */
interface DeployExtractor {
  id: string;
  matches(rel: string, base: string, ctx: DeployContext): boolean;
  /** The parser it needs (smol-toml, yaml), loaded only when such a file exists. */
  parser?: DeployParser;
  /** A cheap check of the text before the parser is loaded for it (`apiVersion` and `kind` for YAML). */
  worthParsing?: (text: string) => boolean;
  read(f: FileEntry, ctx: DeployContext): void;
}

const K8S_MAX_BYTES = 512 * 1024;
/** A script the release copies into its `bin/` (`rel/overlays/bin/server`). */
const REL_SCRIPT = /rel\/overlays\/bin\/[^/]+$/;

const dockerfile: DeployExtractor = {
  id: 'dockerfile',
  matches: (_rel, base) => isDockerfileName(base),
  read: (f, ctx) => {
    // A dev container's image is for editing the code, not for running it in production.
    if (/(^|\/)\.devcontainer\//.test(f.rel)) {
      ctx.out.notDeployment.push({ file: f.rel, reason: 'the image of a development container (.devcontainer/)' });
      return;
    }
    // A Dockerfile beside another Mix project's mix.exs (a helper app kept in a subfolder) builds that project.
    const nested = ctx.nestedProjects.find((dir) => f.rel.startsWith(`${dir}/`));
    if (nested) {
      ctx.out.notDeployment.push({ file: f.rel, reason: `the image of another Mix project (${nested}/mix.exs)` });
      return;
    }
    const text = ctx.text(f);
    if (text === null) return;
    const info = extractDockerfile(f.rel, text, ctx.suppressions);
    if (startsNothing(info)) {
      ctx.out.notDeployment.push({ file: f.rel, reason: 'starts nothing and builds no release (no CMD or ENTRYPOINT): a development or tooling image' });
      return;
    }
    ctx.out.dockerfiles.push(info);
  },
};

/**
 * An image with no CMD or ENTRYPOINT in any stage that neither builds nor copies a release: a
 * development or tooling environment (`docker compose run app mix …`), not a way to run the app.
 */
function startsNothing(d: DockerfileInfo): boolean {
  if (d.stages.length === 0) return false;
  if (d.instructions.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT')) return false;
  return !d.instructions.some((i) => (i.keyword === 'RUN' && /\bmix\b[^\n]*\brelease\b/.test(i.args)) || ((i.keyword === 'COPY' || i.keyword === 'ADD') && /_build\/[^\s]*rel\b/.test(i.args)));
}

const flyToml: DeployExtractor = {
  id: 'fly-toml',
  matches: (_rel, base) => isFlyTomlName(base),
  parser: 'toml',
  read: (f, ctx) => {
    const text = ctx.text(f);
    if (text === null) return;
    const { info, error } = extractFlyToml(f.rel, text, ctx.suppressions);
    if (error) ctx.warn('parse-error', `${f.rel}: invalid TOML: ${error}`, f.rel);
    // A Fly config beside another Mix project's mix.exs (a helper app kept in a subfolder) deploys that project.
    const nested = ctx.nestedProjects.find((dir) => f.rel.startsWith(`${dir}/`));
    if (nested) {
      ctx.out.notDeployment.push({ file: f.rel, reason: `the Fly config of another Mix project (${nested}/mix.exs)` });
      return;
    }
    // `[build] image = "flyio/postgres-flex:16"`: another app (a database, a proxy) deployed from a prebuilt image.
    const image = info.data?.build?.image;
    if (image?.trim()) {
      ctx.out.notDeployment.push({ file: f.rel, reason: `deploys the prebuilt image ${image}, not this app` });
      return;
    }
    ctx.out.flyTomls.push(info);
  },
};

const dockerignore: DeployExtractor = {
  id: 'dockerignore',
  matches: (rel, base, ctx) => base === '.dockerignore' && (rel === `${ctx.projectPrefix}.dockerignore` || rel === '.dockerignore'),
  read: (f, ctx) => {
    if (ctx.out.dockerignore) return;
    const text = ctx.text(f);
    if (text !== null) ctx.out.dockerignore = { file: f.rel, patterns: dockerignorePatterns(text) };
  },
};

const rel: DeployExtractor = {
  id: 'rel',
  matches: (r, _base, ctx) => /(^|\/)rel\//.test(r) && ctx.inProject(r),
  read: (f, ctx) => {
    ctx.out.relOverlays.push(f.rel);
    if (!(REL_SCRIPT.test(f.rel) || /rel\/env\.sh\.eex$/.test(f.rel))) return;
    const text = ctx.text(f);
    if (text === null) return;
    const info = extractScript(f.rel, text, ctx.modeOf(f));
    if (f.rel.endsWith('env.sh.eex')) ctx.out.relEnvTemplate = info;
    else ctx.out.relScripts.push(info);
  },
};

const workflow: DeployExtractor = {
  id: 'workflow',
  matches: (r, _base, ctx) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(r) || r.startsWith(`${ctx.projectPrefix}.github/workflows/`),
  read: (f, ctx) => {
    ctx.out.workflows.push({ file: f.rel });
  },
};

const k8s: DeployExtractor = {
  id: 'k8s',
  matches: (r, base) => /\.ya?ml$/.test(base) && !r.startsWith('.github/') && !/(^|\/)\.github\/workflows\//.test(r),
  parser: 'yaml',
  worthParsing: (text) => text.includes('apiVersion') && text.includes('kind'),
  read: (f, ctx) => {
    const size = fileSize(f.abs);
    if (size === 0 || size >= K8S_MAX_BYTES) return;
    const text = ctx.text(f);
    if (text && text.includes('apiVersion') && text.includes('kind')) ctx.out.k8s.push(...extractK8s(f.rel, text));
    // An Ingress with TLS, also in a Helm chart's templates (which extractK8s leaves out).
    if (text && text.includes('Ingress') && text.includes('tls')) {
      const yamlText = text.includes('{{') ? helmAsYaml(text) : text;
      for (const doc of yamlValues(yamlText)) {
        const edge = ingressRedirect(f.rel, doc, text);
        if (edge) ctx.out.edgeHttps.push(edge);
      }
    }
  },
};

/** A Fly config under another name (`deploy/fly/prod.toml`, deployed with `fly deploy -c`) that forces HTTPS. */
const flyConfigElsewhere: DeployExtractor = {
  id: 'fly-config-elsewhere',
  matches: (rel, base, ctx) => base.endsWith('.toml') && !isFlyTomlName(base) && !ctx.nestedProjects.some((dir) => rel.startsWith(`${dir}/`)),
  parser: 'toml',
  worthParsing: (text) => text.includes('force_https'),
  read: (f, ctx) => {
    const text = ctx.text(f);
    if (!text?.includes('force_https')) return;
    const edge = flyConfigRedirect(f.rel, tomlValue(text), text);
    if (edge) ctx.out.edgeHttps.push(edge);
  },
};

/** A committed nginx or Apache config that redirects plain HTTP to HTTPS in front of the app. */
const proxyConf: DeployExtractor = {
  id: 'proxy-conf',
  matches: (rel, base) => isProxyConfPath(rel, base),
  read: (f, ctx) => {
    if (fileSize(f.abs) >= K8S_MAX_BYTES) return;
    const text = ctx.text(f);
    if (!text?.includes('https://')) return;
    const edge = proxyConfRedirect(f.rel, text);
    if (edge) ctx.out.edgeHttps.push(edge);
  },
};

/** A Terraform file whose load balancer redirects plain HTTP to HTTPS (the HCL parser loads only for such text). */
const terraform: DeployExtractor = {
  id: 'terraform',
  matches: (_rel, base) => base.endsWith('.tf'),
  parser: 'hcl',
  worthParsing: mentionsTerraformRedirect,
  read: (f, ctx) => {
    if (fileSize(f.abs) >= K8S_MAX_BYTES) return;
    const text = ctx.text(f);
    if (!text || !mentionsTerraformRedirect(text)) return;
    const edge = terraformRedirect(f.rel, hclBlocks(text));
    if (edge) ctx.out.edgeHttps.push(edge);
  },
};

const dotenv: DeployExtractor = {
  id: 'dotenv',
  matches: (_rel, base) => /^\.env(\..+)?$/.test(base) && !/\.(example|sample|template|dist)$/.test(base),
  read: (f, ctx) => {
    const text = ctx.text(f);
    const templateOnly = !!text && dotenvTemplateOnly(text);
    ctx.out.presentFiles.push({ file: f.rel, size: fileSize(f.abs), gitignored: false, keys: text ? dotenvKeys(text) : [], ...(templateOnly ? { templateOnly } : {}) });
    if (templateOnly) ctx.out.notDeployment.push({ file: f.rel, reason: 'a template: its credential variables hold placeholders' });
  },
};

/** `NAME=op://vault/item/field` lines: variables 1Password supplies (`op run --env-file`). */
function opReferences(rel: string, text: string): DeployFacts['secretRefs'] {
  const out: DeployFacts['secretRefs'] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*["']?op:\/\//.exec(raw);
    if (m?.[1]) out.push({ name: m[1], file: rel, line: i + 1 });
  });
  return out;
}

/**
 * A secret-manager env file the deploy reads at boot: `env.op`, `app.env.op` (1Password's
 * `op run --env-file`). direnv's `envrc*.op` templates are for a developer's shell, not a deploy.
 */
const secretManagerEnv: DeployExtractor = {
  id: 'secret-manager-env',
  matches: (_rel, base) => /\.op$/.test(base) && !/envrc/i.test(base),
  read: (f, ctx) => {
    if (fileSize(f.abs) >= K8S_MAX_BYTES) return;
    const text = ctx.text(f);
    if (text?.includes('op://')) ctx.out.secretRefs.push(...opReferences(f.rel, text));
  },
};

const present: DeployExtractor = {
  id: 'present',
  matches: (_rel, base) => base === 'prod.secret.exs' || base === 'erl_crash.dump' || base === '.tool-versions' || base === 'mix.lock',
  read: (f, ctx) => {
    ctx.out.presentFiles.push({ file: f.rel, size: fileSize(f.abs), gitignored: false });
  },
};

/** The registry, in the order files are offered to it (a file goes to the first extractor that takes it). */
const DEPLOY_EXTRACTORS: readonly DeployExtractor[] = [dockerfile, flyToml, flyConfigElsewhere, dockerignore, rel, workflow, k8s, proxyConf, terraform, secretManagerEnv, dotenv, present];

function emptyDeployFacts(): DeployFacts {
  return {
    dockerfiles: [],
    flyTomls: [],
    relScripts: [],
    relEnvTemplate: null,
    k8s: [],
    workflows: [],
    presentFiles: [],
    dockerignore: null,
    notDeployment: [],
    edgeHttps: [],
    secretRefs: [],
    relOverlays: [],
  };
}

export async function readDeployFiles(src: Sources, projectPrefix: string): Promise<DeployFacts> {
  const out = emptyDeployFacts();
  const ctx: DeployContext = {
    projectPrefix,
    inProject: (r) => !projectPrefix || r.startsWith(projectPrefix),
    text: (f) => src.text(f),
    warn: (code, message, file) => src.warnings.add(code, message, file),
    suppressions: src.suppressions,
    nestedProjects: src.files
      .map((f) => f.rel)
      .filter((r) => r.endsWith('/mix.exs') && (!projectPrefix || r.startsWith(projectPrefix)))
      .map((r) => r.slice(0, -'/mix.exs'.length))
      .filter((dir) => !/(^|\/)(apps|deps)\/[^/]+$/.test(dir) && dir !== projectPrefix.replace(/\/$/, '')),
    modeOf: fileModes(src.files.filter((f) => REL_SCRIPT.test(f.rel)), src.files),
    out,
  };
  await runExtractors(src.files, DEPLOY_EXTRACTORS, ctx);
  if (out.presentFiles.length) {
    const isIgnored = await gitignoreMatcher(src.files, src.warnings);
    for (const pf of out.presentFiles) pf.gitignored = isIgnored(pf.file);
  }
  return out;
}

/** Each file to the first extractor that takes it; the parsers they need loaded first, only when some text is worth parsing. */
async function runExtractors(files: readonly FileEntry[], extractors: readonly DeployExtractor[], ctx: DeployContext): Promise<void> {
  const matched: { f: FileEntry; ex: DeployExtractor }[] = [];
  for (const f of files) {
    const base = basename(f.rel);
    const ex = extractors.find((e) => e.matches(f.rel, base, ctx));
    if (ex) matched.push({ f, ex });
  }
  const parsers = new Set<DeployParser>();
  for (const { f, ex } of matched) {
    if (!ex.parser || parsers.has(ex.parser)) continue;
    if (ex.worthParsing) {
      const size = fileSize(f.abs);
      const text = size > 0 && size < K8S_MAX_BYTES ? ctx.text(f) : null;
      if (!text || !ex.worthParsing(text)) continue;
    }
    parsers.add(ex.parser);
  }
  await loadDeployParsers(parsers);
  for (const { f, ex } of matched) ex.read(f, ctx);
}

/** Any Fly config at the repository's top or in its deploy folders, `fly.toml` included. */
const flyConfigAbove: DeployExtractor = { ...flyConfigElsewhere, id: 'fly-config-above', matches: (_rel, base) => base.endsWith('.toml') };
/** What is read above the project folder: HTTPS enforced in front of the app, nothing else. */
const EDGE_EXTRACTORS: readonly DeployExtractor[] = [flyConfigAbove, k8s, proxyConf, terraform];
/** Folders above the project are read this deep (a Helm chart's `deploy/charts/web/templates/ingress.yaml` is four). */
const MAX_DEPTH_ABOVE = 5;
const MAX_ENTRIES_ABOVE = 20_000;

/**
 * HTTPS enforced in front of the app by a file of the repository the project folder sits in, outside
 * that folder (`../../kubernetes/web/templates/ingress.yaml` for an app in `apps/web`): the same
 * enforcement whichever folder of the repository is scanned. Other Mix projects' folders are skipped
 * (their proxies front them, not this app). Paths are relative to the project folder.
 */
export async function readEdgeHttpsAbove(root: string): Promise<EdgeHttps[]> {
  const repo = enclosingRepoRoot(root);
  if (!repo) return [];
  const inside = relative(repo, root).split('\\').join('/');
  const warnings = new Warnings();
  // A bounded look: a large monorepo's other trees are not read past MAX_ENTRIES_ABOVE names.
  let seen = 0;
  const skip = (rel: string, isDir: boolean) =>
    ++seen > MAX_ENTRIES_ABOVE || (isDir && (rel === inside || rel.split('/').length > MAX_DEPTH_ABOVE || mixProjectAt(join(repo, rel))));
  const files = walkFiles(repo, repo, warnings, skip);
  const up = relative(root, repo).split('\\').join('/');
  const out = emptyDeployFacts();
  const ctx: DeployContext = {
    projectPrefix: '',
    inProject: () => false,
    text: (f) => (fileSize(f.abs) < K8S_MAX_BYTES ? readText(f.abs, f.rel, warnings) : null),
    warn: () => undefined,
    suppressions: [],
    nestedProjects: [],
    modeOf: () => ({ executable: false, from: 'copy' }),
    out,
  };
  await runExtractors(files, EDGE_EXTRACTORS, ctx);
  return out.edgeHttps.map((e) => ({ ...e, file: `${up}/${e.file}` }));
}

function mixProjectAt(dir: string): boolean {
  return fileSize(join(dir, 'mix.exs')) > 0;
}
