/**
 * Preflight: the plan checks its own result before anything is written, with the same invariants for
 * every target, read back from the files it renders (parsed, not trusted):
 *
 * - `env`: every env var the app requires at boot is provided (a value in a file, a secret, the platform,
 *   or a placeholder the plan lists as "you must set");
 * - `probe`: every HTTP probe asks for a path the app serves (now, or through a patch being applied);
 * - `port`: the port in the Dockerfile, the platform file and the runtime config agree;
 * - `release`: the release the scripts start is the one the Dockerfile builds (and one mix.exs declares);
 * - `copy`: every file a generated Dockerfile COPYs exists in the build context;
 * - `writable`: folders the app writes to are writable where it runs;
 * - `executable`: every program the app runs is installed in the runner of the generated image;
 * - `image`: the node image the Dockerfile builds assets with is a published tag (preflight-images.ts);
 * - `boot`: the config boots with what the target provides (the rehearsal, src/plan/rehearse/, run by preview.ts).
 */
import { generatedDockerfile } from '../facts/dockerfile.js';
import { listenPort } from '../facts/listen-port.js';
import { requiredEnv } from '../facts/required-env.js';
import { programsToInstall, runnerTools, runsInstall } from '../facts/runner-tools.js';
import { describeWritable, writablePaths } from '../facts/writable-paths.js';
import type { Plan } from '../model/plan.js';
import type { Profile } from '../scan/profile.js';
import { readDockerfile, readFiles, type DockerRead, type Read } from './preflight-read.js';
import { bootIssues } from './preflight-boot.js';
import { nodeImageIssues } from './preflight-images.js';
import type { DeployConfig } from '../model/deploy-config.js';

export type Invariant = 'env' | 'probe' | 'port' | 'release' | 'copy' | 'writable' | 'executable' | 'image' | 'boot';

/** What each static invariant checks, as the plan names it when all pass ('boot' is the rehearsal, reported on its own). */
export const CHECKED_INVARIANTS: Readonly<Record<Exclude<Invariant, 'boot'>, string>> = {
  env: 'env',
  probe: 'probes',
  port: 'ports',
  release: 'release',
  copy: 'COPY sources',
  writable: 'writable folders',
  executable: 'runtime executables',
  image: 'image tags',
};

export interface PreflightIssue {
  invariant: Invariant;
  severity: 'error' | 'warning';
  /** The generated file concerned, when there is one. */
  file: string | null;
  message: string;
  /** What to do about it. */
  fix: string;
}

export interface PreflightInput {
  profile: Profile;
  plan: Plan;
  /** Patch ids that will be applied (a route a patch adds is served only then). */
  acceptedPatches?: ReadonlySet<string>;
  /** Env vars the target's platform sets by itself. */
  platformEnv?: readonly string[];
  /** Paths (project-relative) that exist in the build context besides the generated files; defaults to the scanned files. */
  contextFiles?: readonly string[];
  /** Generated files the writer will not write (a kept user file): their content is the user's, not the plan's. */
  keptFiles?: ReadonlySet<string>;
  /** The deploy config the plan was rendered with (its `port:` is checked against a port the app hardcodes). */
  config?: DeployConfig;
}

/** A COPY source (may hold `*`, `?` or `[…]`) matches a context path or folder. */
function sourceExists(source: string, paths: readonly string[]): boolean {
  const s = source.replace(/^\.\//, '').replace(/\/+$/, '');
  if (s === '' || s === '.') return true;
  // BuildKit lets a wildcard match nothing (an optional copy): a source with one is never missing.
  if (/[*?[]/.test(s)) return true;
  return paths.some((p) => p === s || p.startsWith(`${s}/`));
}

export function preflight(input: PreflightInput): PreflightIssue[] {
  const kept = input.keptFiles ?? new Set<string>();
  const read = readFiles(input.plan, kept);
  const dockerPath = generatedDockerfile(input.profile);
  const dockerFile = input.plan.files.find((f) => f.path === dockerPath);
  const docker = dockerFile && !kept.has(dockerPath) ? readDockerfile(dockerPath, dockerFile.content) : null;
  return [
    ...envIssues(input, read, kept),
    ...probeIssues(input, read),
    ...(docker ? [...copyIssues(input, docker), ...releaseIssues(input, docker), ...portIssues(input, read, docker), ...writableIssues(input, docker), ...executableIssues(input, docker), ...nodeImageIssues(input.profile, docker.file, docker.text)] : []),
    ...readOnlyRootIssues(input, kept),
    ...bootIssues(input),
  ];
}

/** `env`: every variable the app requires at boot is provided; placeholders are listed as warnings. */
function envIssues({ profile, plan, platformEnv }: PreflightInput, read: Read, kept: ReadonlySet<string>): PreflightIssue[] {
  // Only targets that run the app declare its environment (docker and CI do not).
  const targetWritesEnv = read.env.size > 0 || plan.secrets.length > 0;
  if (!targetWritesEnv || plan.target === 'github-actions' || plan.target === 'docker') return [];
  const issues: PreflightIssue[] = [];
  const secrets = new Set(plan.secrets.map((s) => s.name));
  const platform = new Set(platformEnv ?? []);
  for (const v of requiredEnv(profile)) {
    if (secrets.has(v.name) || platform.has(v.name) || read.env.has(v.name)) continue;
    // rel/env.sh.eex sets these for every release.
    if (['RELEASE_NODE', 'RELEASE_DISTRIBUTION', 'DNS_CLUSTER_QUERY', 'ECTO_IPV6'].includes(v.name) && plan.files.some((f) => f.path === 'rel/env.sh.eex')) continue;
    issues.push({
      invariant: 'env',
      severity: 'error',
      file: null,
      message: `${v.name} is required at boot (${v.evidence.file}:${v.evidence.line}) but no generated file or secret provides it`,
      fix: `add ${v.name} to env: (a value) or secrets: (a secret) in phoenix-ops.yaml`,
    });
  }
  // The first file that holds each placeholder.
  const placeholders = new Map<string, string>();
  for (const f of plan.files) {
    if (kept.has(f.path)) continue;
    for (const m of f.content.matchAll(/<set ([A-Z_][A-Z0-9_]*):/g)) if (m[1] !== undefined && !placeholders.has(m[1])) placeholders.set(m[1], f.path);
  }
  for (const [name, file] of placeholders) {
    issues.push({ invariant: 'env', severity: 'warning', file, message: `${name} is a placeholder you must set before deploying`, fix: `replace <set ${name}: …> in ${file}, or set env.${name} in phoenix-ops.yaml and regenerate` });
  }
  return issues;
}

/** `probe`: every HTTP probe asks for a path the app serves, now or through the health-route patch. */
function probeIssues({ profile, plan, acceptedPatches }: PreflightInput, read: Read): PreflightIssue[] {
  const served = new Set<string>();
  if (profile.health) served.add(profile.health.path);
  const healthPatch = plan.patches.find((p) => p.id === 'health-route');
  if (healthPatch && acceptedPatches?.has('health-route')) {
    const path = /get "([^"]+)", HealthController/.exec(healthPatch.after)?.[1];
    if (path !== undefined) served.add(path);
  }
  return read.probes
    .filter((p) => !served.has(p.path))
    .map((p) => ({
      invariant: 'probe',
      severity: 'error',
      file: p.file,
      message: `the health check asks for ${p.path}, which the app does not serve${healthPatch ? ' (the patch that adds it is not applied)' : ''}`,
      fix: healthPatch ? 'apply the health-route patch (--apply-patches) or set health.path to a route the app serves' : 'set health.path in phoenix-ops.yaml to a route the app serves',
    }));
}

/** `copy`: every file the generated Dockerfile COPYs is in the build context. */
function copyIssues({ profile, plan, contextFiles }: PreflightInput, docker: DockerRead): PreflightIssue[] {
  const context = [...(contextFiles ?? projectFiles(profile)), ...plan.files.map((f) => f.path)];
  return docker.copies
    .filter((c) => !sourceExists(c.source, context))
    .map((c) => ({ invariant: 'copy', severity: 'error', file: docker.file, message: `line ${c.line} copies ${c.source}, which is not in the build context`, fix: `create ${c.source} or remove it from the Dockerfile` }));
}

/** `release`: bin/server starts the release the Dockerfile copies, and mix.exs declares it. */
function releaseIssues({ profile, plan }: PreflightInput, docker: DockerRead): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  const server = plan.files.find((f) => f.path === 'rel/overlays/bin/server');
  const started = server ? (/exec \.\/(\S+) start/.exec(server.content)?.[1] ?? null) : null;
  if (docker.release && started && docker.release !== started) {
    issues.push({ invariant: 'release', severity: 'error', file: 'rel/overlays/bin/server', message: `bin/server starts the release ${started} but the Dockerfile copies ${docker.release}`, fix: 'make the release names agree' });
  }
  const declared = profile.facts.projects[0]?.releases.map((r) => r.name) ?? [];
  if (docker.release && declared.length > 0 && !declared.includes(docker.release)) {
    issues.push({ invariant: 'release', severity: 'error', file: docker.file, message: `the Dockerfile copies the release ${docker.release}, which mix.exs does not declare (releases: ${declared.join(', ')})`, fix: 'build one of the declared releases' });
  }
  return issues;
}

/** `port`: the Dockerfile's port, the one the prod config fixes and the platform files' agree. */
function portIssues({ profile }: PreflightInput, read: Read, docker: DockerRead): PreflightIssue[] {
  const dockerPort = docker.ports.at(-1);
  if (dockerPort === undefined) return [];
  const issues: PreflightIssue[] = [];
  const listen = listenPort(profile);
  if (listen.kind === 'fixed' && listen.port !== dockerPort) {
    issues.push({ invariant: 'port', severity: 'error', file: docker.file, message: `the prod config fixes the http port to ${listen.port} but the image says ${dockerPort}`, fix: `set port: ${listen.port} in phoenix-ops.yaml (or read PORT in config/runtime.exs)` });
  }
  for (const p of read.ports) {
    if (p.port === dockerPort) continue;
    issues.push({ invariant: 'port', severity: 'error', file: p.file, message: `${p.what} ${p.port} does not match the Dockerfile's port ${dockerPort}`, fix: 'use one port everywhere (port: in phoenix-ops.yaml)' });
  }
  return issues;
}

/** `writable`: folders the app writes to exist, owned by the image's user, in the runner stage. */
function writableIssues({ profile }: PreflightInput, docker: DockerRead): PreflightIssue[] {
  const user = docker.user;
  if (user === null || user === 'root') return [];
  return writablePaths(profile)
    .filter((w) => !docker.chowns.includes(w.path))
    .map((w) => ({ invariant: 'writable', severity: 'error', file: docker.file, message: `${describeWritable(w)} (${w.evidence.file}:${w.evidence.line}), which ${user} cannot write in the image`, fix: `create ${w.path} owned by ${user} in the runner stage` }));
}

/** `executable`: every program the app runs is installed by a RUN of the generated runner stage. */
function executableIssues({ profile }: PreflightInput, docker: DockerRead): PreflightIssue[] {
  const why = new Map(runnerTools(profile).missing.map((m) => [m.name, m]));
  return programsToInstall(profile)
    .filter((p) => !runsInstall(docker.runnerRuns, p.name))
    .map((p) => ({
      invariant: 'executable',
      severity: 'error',
      file: docker.file,
      message: `the app runs ${p.name} (${p.evidence.file}:${p.evidence.line}), which the image does not install${why.has(p.name) ? `: ${why.get(p.name)?.reason ?? ''}` : ''}`,
      fix: why.get(p.name)?.fix ?? `install ${p.name} in the runner stage of ${docker.file}`,
    }));
}

/** `writable`: read-only root filesystems need a volume for each writable folder. */
function readOnlyRootIssues({ profile, plan }: PreflightInput, kept: ReadonlySet<string>): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  for (const f of plan.files) {
    if (kept.has(f.path) || !/deployment\.ya?ml$/.test(f.path) || !f.content.includes('readOnlyRootFilesystem: true')) continue;
    for (const w of writablePaths(profile)) {
      if (new RegExp(`mountPath: "?${w.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?\\s*$`, 'm').test(f.content)) continue;
      issues.push({ invariant: 'writable', severity: 'error', file: f.path, message: `${describeWritable(w)}, which is on the read-only root filesystem`, fix: `mount a volume at ${w.path}` });
    }
  }
  return issues;
}

/** The scanned files, relative to the Phoenix project folder. */
function projectFiles(profile: Profile): string[] {
  const prefix = profile.projectPath === '.' || profile.projectPath === '' ? '' : `${profile.projectPath.replace(/\/+$/, '')}/`;
  return (profile.facts.files ?? []).map((f) => (prefix && f.startsWith(prefix) ? f.slice(prefix.length) : f));
}

export function preflightErrors(issues: readonly PreflightIssue[]): PreflightIssue[] {
  return issues.filter((i) => i.severity === 'error');
}
