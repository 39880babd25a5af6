/**
 * `rehearse`: boots the app's config the way a target will, with the developer's own `elixir`. The plan's
 * files say what the target provides; the script evaluates config.exs for :prod with the build's
 * environment and the runtime config with the runtime environment (Config.Reader, in a process whose
 * environment holds exactly those variables), with the project's compiled modules on the code path; the
 * checks read its result. Without `elixir` on PATH nothing runs and the result says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { glob } from 'tinyglobby';
import { generatedDockerfile } from '../../facts/dockerfile.js';
import { envRoles, requiredEnv } from '../../facts/required-env.js';
import type { DeployConfig } from '../../model/deploy-config.js';
import type { Evidence } from '../../model/evidence.js';
import type { TargetId } from '../../model/ids.js';
import type { Plan } from '../../model/plan.js';
import { extractDockerfile } from '../../scan/extract/dockerfile.js';
import type { Profile } from '../../scan/profile.js';
import { targets } from '../../targets/index.js';
import { readDockerfile, readFiles } from '../preflight-read.js';
import { rehearsalChecks } from './checks.js';
import { parseScriptOutput } from './parse-output.js';
import { placeholderValue } from './placeholder.js';
import { platformValues } from './platform-values.js';
import { findElixir, inputLine, runRehearsalScript } from './run.js';
import { buildEnv, runtimeEnv, type Env } from './target-env.js';
import type { Rehearsal } from './types.js';

export interface RehearseInput {
  projectDir: string;
  profile: Profile;
  config: DeployConfig;
  target: TargetId;
  plan: Plan;
  /** Generated files the writer keeps as the user wrote them. */
  keptFiles?: ReadonlySet<string>;
  /** The `elixir` to run (default: the first on PATH). */
  elixir?: string | null;
}

/** The Dockerfile the target builds: the generated one, or the user's when it is kept. */
function targetDockerfile(input: RehearseInput, kept: ReadonlySet<string>): { path: string; text: string } | null {
  const path = generatedDockerfile(input.profile);
  const generated = input.plan.files.find((f) => f.path === path);
  if (!generated) return null;
  if (!kept.has(path)) return { path, text: generated.content };
  const onDisk = join(input.projectDir, path);
  return existsSync(onDisk) ? { path, text: readFileSync(onDisk, 'utf8') } : null;
}

/** What starts the app: the unit's ExecStart, else the image's last CMD/ENTRYPOINT. */
function startCommand(plan: Plan, dockerfile: { path: string; text: string } | null): string | null {
  const unit = plan.files.find((f) => f.path.endsWith('.service'));
  const exec = unit ? /^ExecStart=(.*)$/m.exec(unit.content)?.[1] : undefined;
  if (exec !== undefined) return exec;
  if (!dockerfile) return null;
  const starts = extractDockerfile(dockerfile.path, dockerfile.text, []).instructions.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  return starts.map((i) => i.args).join(' ') || null;
}

/** The port the target routes to: its platform files', else the image's, else the PORT it sets. */
function routedPort(plan: Plan, kept: ReadonlySet<string>, dockerfile: { path: string; text: string } | null, config: DeployConfig): number | null {
  const platform = readFiles(plan, kept).ports[0]?.port;
  if (platform !== undefined) return platform;
  const image = dockerfile ? readDockerfile(dockerfile.path, dockerfile.text).ports.at(-1) : undefined;
  return image ?? config.port;
}

/** `_build/prod/lib/*\/ebin` (else another env's build), relative to the project. */
async function compiledPaths(projectDir: string): Promise<string[]> {
  const all = await glob('_build/*/lib/*/ebin', { cwd: projectDir, onlyDirectories: true, expandDirectories: false });
  const byEnv = (env: string) => all.filter((p) => p.startsWith(`_build/${env}/`));
  const envs = [...new Set(all.map((p) => p.split('/')[1] ?? ''))].sort();
  const chosen = envs.includes('prod') ? 'prod' : envs[0];
  return chosen === undefined ? [] : byEnv(chosen).map((p) => p.replace(/\/+$/, '')).sort();
}

/** Where NAME is read (in FILE, relative to the project, when given), from the scan's env reads. */
function evidenceOf(profile: Profile, name: string, file?: string | null): Evidence | null {
  const reads = (profile.facts.envReads ?? []).filter((r) => r.name === name);
  const inFile = file ? reads.find((r) => r.evidence.file === file || r.evidence.file.endsWith(`/${file}`)) : undefined;
  return (inFile ?? reads.find((r) => r.runtime) ?? reads[0])?.evidence ?? null;
}

const names = (env: Env) => [...env].map(([name, v]) => ({ name, source: v.source })).sort((a, b) => (a.name < b.name ? -1 : 1));

export async function rehearse(input: RehearseInput): Promise<Rehearsal> {
  const { profile, plan, config, projectDir } = input;
  const kept = input.keptFiles ?? new Set<string>();
  const dockerfile = targetDockerfile(input, kept);
  const port = routedPort(plan, kept, dockerfile, config);
  const shape = { roles: envRoles(profile), database: config.database.kind === 'auto' ? profile.database : config.database.kind, otpApp: profile.web.otpApp, port, host: config.host };
  const platform = platformValues(targets[input.target].platformEnv, { app: config.app, region: config.region, port });
  const start = startCommand(plan, dockerfile);
  const run = runtimeEnv({ plan, keptFiles: kept, dockerfile, startCommand: start, platform, shape });
  // The docker target writes an image only: what the app requires comes with `docker run -e`.
  if (input.target === 'docker') for (const v of requiredEnv(profile)) if (!run.has(v.name)) run.set(v.name, { value: placeholderValue(v.name, shape), source: 'placeholder', file: null });
  const mode = profile.runtime?.deployMode ?? 'release';
  // Under Mix (no release) every config file is read at boot, with the runtime environment.
  const build = mode === 'mix' ? run : buildEnv(dockerfile);
  const ebin = await compiledPaths(projectDir);
  const base: Rehearsal = { target: input.target, status: 'skipped', skipped: null, elixir: null, ebin, routedPort: port, env: { build: names(build), runtime: names(run) }, phases: [], checks: [] };
  const elixir = input.elixir === undefined ? findElixir() : input.elixir;
  if (elixir === null) return { ...base, skipped: 'elixir is not on PATH: the boot rehearsal (evaluating config.exs and runtime.exs with the target\'s environment) was skipped; install Elixir to run it' };
  const runtimeFile = ['config/runtime.exs', 'config/releases.exs'].find((f) => existsSync(join(projectDir, f))) ?? null;
  const lines = [
    inputLine('root', projectDir),
    ...(existsSync(join(projectDir, 'config/config.exs')) ? [inputLine('config', 'config/config.exs')] : []),
    ...(runtimeFile ? [inputLine('runtime', runtimeFile)] : []),
    ...ebin.map((p) => inputLine('ebin', join(projectDir, p))),
    inputLine('app', profile.web.otpApp),
    ...(profile.web.endpointModule ? [inputLine('endpoint', profile.web.endpointModule)] : []),
    inputLine('mode', mode),
    ...[...build].map(([k, v]) => inputLine('build', k, v.value)),
    ...[...run].map(([k, v]) => inputLine('run', k, v.value)),
  ];
  const outcome = await runRehearsalScript(elixir, `${lines.join('\n')}\n`, projectDir);
  if (!outcome.ok) return { ...base, status: 'inconclusive', skipped: outcome.reason };
  const result = parseScriptOutput(outcome.json);
  const runtimeSecrets = new Set([...run].filter(([, v]) => v.source === 'secret' || v.source === 'platform').map(([k]) => k).filter((k) => !build.has(k)));
  const checks = rehearsalChecks(result, { routedPort: port, deployMode: mode, runtimeSecrets, evidenceOf: (n, f) => evidenceOf(profile, n, f), compiled: ebin.length > 0, target: input.target, elixir: result.elixir, standIns: new Set([...run].filter(([, v]) => v.source === 'placeholder' || v.source === 'secret').map(([k]) => k)), reposWithInit: new Set(profile.facts.runtimeSources.callbacks.filter((c) => c.kind === 'repo').map((c) => c.module)), serverByStart: /\bphx\.server\b/.test(start ?? '') || (mode === 'mix' && profile.runtime?.serverEnabledBy === 'mix') });
  const status = checks.some((c) => c.status === 'fail') ? 'failed' : checks.some((c) => c.status === 'unknown') ? 'inconclusive' : 'passed';
  return { ...base, status, elixir: result.elixir, phases: result.phases, checks };
}
