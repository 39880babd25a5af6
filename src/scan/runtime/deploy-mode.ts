/**
 * How the project's own deploy files run it in production: as a release, or under Mix
 * (`mix phx.server`). One decision, read by every rule and target.
 *
 * Evidence is weighed in this order, the first that has any deciding:
 * 1. a release built or started by a deploy file (a production Dockerfile whose final image starts
 *    a release or that runs `mix release`; Gigalixir's releases buildpack; `release=true` in
 *    elixir_buildpack.config) → release;
 * 2. a deploy file that starts the app under Mix (a Dockerfile CMD/ENTRYPOINT or the script it runs,
 *    a Procfile `web:` line, `heroku.yml`, a systemd `ExecStart`, Fly `release_command`/`[processes]`/
 *    `[experimental] cmd`, a Kubernetes container command; also through a mix alias that wraps
 *    `phx.server`) → mix;
 * 3. a release configured in the project (`releases:` in mix.exs, `rel/` overlays, a release module
 *    whose migrate is meant for `bin/<app> eval`) → release;
 * 4. deploy files that show no release (a Fly config, a Procfile, buildpack configs, a Dockerfile
 *    that neither builds nor starts one) → mix: without a release, Mix is how they run it;
 * 5. no deploy files at all → release (what phoenix-ops generates).
 *
 * Files phoenix-ops generated and nobody edited (`facts.generatedFiles`) are not the project's own:
 * they are left out, so a scan after `generate` decides as the scan before it did.
 */
import type { DeployMode, DockerfileInfo, Evidence, Facts, FlyTomlInfo } from '../profile.js';
import { execWords, startedScripts } from './launchers.js';
import { launchKind, type LaunchKind } from './shell.js';

export interface DeployModeDecision {
  value: DeployMode;
  evidence: Evidence | null;
  reason: string;
}

interface Found {
  kind: LaunchKind;
  evidence: Evidence;
  what: string;
}

export function decideDeployMode(allFacts: Facts, allOverlays: readonly string[]): DeployModeDecision {
  const { facts, relOverlays } = projectOwn(allFacts, allOverlays);
  const aliases = Object.assign({}, ...facts.projects.map((p) => p.aliases)) as Record<string, string[]>;
  const found: Found[] = [];
  for (const d of productionDockerfiles(facts.dockerfiles)) found.push(...dockerfileLaunch(d, facts, aliases));
  found.push(...launcherLaunches(facts, aliases));
  for (const fly of facts.flyTomls) found.push(...flyLaunches(fly, aliases));
  for (const doc of facts.k8s) {
    for (const c of doc.commands) {
      const k = launchKind(c, aliases);
      if (k) found.push({ kind: k.kind, evidence: { file: doc.file, line: 1 }, what: `${doc.kind ?? 'manifest'} ${doc.name ?? ''} runs \`${k.command}\``.trim() });
    }
  }
  const release = found.find((f) => f.kind === 'release');
  if (release) return { value: 'release', evidence: release.evidence, reason: release.what };
  const mix = found.find((f) => f.kind === 'mix');
  if (mix) return { value: 'mix', evidence: mix.evidence, reason: mix.what };

  const configured = configuredRelease(facts, relOverlays);
  if (configured) return { value: 'release', evidence: configured.evidence, reason: configured.what };
  const files = deployFilesWithoutRelease(facts);
  if (files.length) return { value: 'mix', evidence: { file: files[0]!, line: 1 }, reason: `${files.join(', ')} deploy the app and nothing builds or starts a release: it runs under Mix` };
  return { value: 'release', evidence: null, reason: 'no deploy files: a release, as phoenix-ops generates it' };
}

/** The facts without the deploy files phoenix-ops generated (and nobody edited since). */
function projectOwn(facts: Facts, relOverlays: readonly string[]): { facts: Facts; relOverlays: readonly string[] } {
  const ours = new Set(facts.generatedFiles);
  if (ours.size === 0) return { facts, relOverlays };
  const own = <T>(list: readonly T[], file: (x: T) => string) => list.filter((x) => !ours.has(file(x)));
  return {
    facts: {
      ...facts,
      dockerfiles: own(facts.dockerfiles, (d) => d.file),
      flyTomls: own(facts.flyTomls, (f) => f.file),
      k8s: own(facts.k8s, (d) => d.file),
      releaseModules: own(facts.releaseModules, (m) => m.evidence.file),
      runtimeSources: { ...facts.runtimeSources, launchers: own(facts.runtimeSources.launchers, (l) => l.file) },
    },
    relOverlays: own(relOverlays, (r) => r),
  };
}

/** Dockerfiles that build production images: not `Dockerfile.dev`/`.test`, not `MIX_ENV=dev|test`. */
export function productionDockerfiles(dockerfiles: readonly DockerfileInfo[]): DockerfileInfo[] {
  return dockerfiles.filter((d) => {
    const base = d.file.split('/').pop() ?? d.file;
    if (/[.-](dev|development|test|ci|local)$/i.test(base) || /^(dev|test|local)[.-]/i.test(base)) return false;
    return !d.instructions.some((i) => (i.keyword === 'ENV' || i.keyword === 'ARG') && /\bMIX_ENV[= ]\s*"?(dev|test)"?(\s|$)/.test(i.args));
  });
}

/** What the final image starts (directly or through a script it copies in), else whether any stage builds a release. */
function dockerfileLaunch(d: DockerfileInfo, facts: Facts, aliases: Record<string, string[]>): Found[] {
  const last = d.stages.at(-1)?.index ?? 0;
  const starts = d.instructions.filter((i) => i.stage === last && (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'));
  const scripts = new Set(startedScripts(d));
  for (const ins of [...starts].reverse()) {
    const k = launchKind(execWords(ins.args).join(' '), aliases);
    if (k) return [{ kind: k.kind, evidence: { file: d.file, line: ins.line }, what: `${d.file}:${ins.line} runs \`${k.command}\`` }];
    for (const script of facts.runtimeSources.launchers.filter((l) => l.kind === 'script' && scripts.has(l.file.split('/').pop()!))) {
      const sk = launchKind(script.text, aliases);
      if (sk) return [{ kind: sk.kind, evidence: { file: d.file, line: ins.line }, what: `${d.file}:${ins.line} starts ${script.file}, which runs \`${sk.command}\`` }];
    }
  }
  const build = d.instructions.find(
    (i) => (i.keyword === 'RUN' && launchKind(i.args, aliases)?.kind === 'release') || ((i.keyword === 'COPY' || i.keyword === 'ADD') && /_build\/[^\s]*\/rel\b|\/rel\/[\w.-]+\s/.test(i.args)),
  );
  return build ? [{ kind: 'release', evidence: { file: d.file, line: build.line }, what: `${d.file}:${build.line} builds a release` }] : [];
}

/** Procfile `web:`, buildpack configs, heroku.yml, systemd units. */
function launcherLaunches(facts: Facts, aliases: Record<string, string[]>): Found[] {
  const out: Found[] = [];
  for (const l of facts.runtimeSources.launchers) {
    const lines = l.text.split(/\r?\n/);
    lines.forEach((raw, i) => {
      const line = raw.trim();
      const evidence = { file: l.file, line: i + 1 };
      if (l.kind === 'buildpack' && (/releases?\b/.test(line) && /buildpack/.test(line) || /^release\s*=\s*true\b/.test(line))) {
        out.push({ kind: 'release', evidence, what: `${l.file}:${i + 1} builds a release (${line})` });
      }
      let cmd: string | null = null;
      if (l.kind === 'procfile') cmd = /^web\s*:\s*(.*)$/.exec(line)?.[1] ?? null;
      else if (l.kind === 'systemd') cmd = /^ExecStart\s*=\s*(.*)$/.exec(line)?.[1] ?? null;
      else if (l.kind === 'heroku') cmd = /^web\s*:\s*(.*)$/.exec(line)?.[1] ?? null;
      const k = cmd ? launchKind(cmd, aliases) : null;
      if (k) out.push({ kind: k.kind, evidence, what: `${l.file}:${i + 1} runs \`${k.command}\`` });
    });
  }
  return out;
}

/** `[deploy] release_command`, `[processes]`, `[experimental] cmd` of a Fly config. */
function flyLaunches(fly: FlyTomlInfo, aliases: Record<string, string[]>): Found[] {
  const data = fly.data ?? {};
  const out: Found[] = [];
  const check = (cmd: unknown, key: string) => {
    const text = Array.isArray(cmd) ? cmd.filter((x) => typeof x === 'string').join(' ') : typeof cmd === 'string' ? cmd : null;
    const k = text ? launchKind(text, aliases) : null;
    // A release_command that runs `mix ecto.migrate` means Mix is in the image: the app runs under Mix.
    const mixTask = !k && key === 'deploy.release_command' && text && /(^|\s)mix\s/.test(text);
    if (k || mixTask) out.push({ kind: k?.kind ?? 'mix', evidence: { file: fly.file, line: fly.lines[key] ?? 1 }, what: `${fly.file} ${key} runs \`${text}\`` });
  };
  const deploy = data['deploy'] as Record<string, unknown> | undefined;
  check(deploy?.['release_command'], 'deploy.release_command');
  const processes = data['processes'] as Record<string, unknown> | undefined;
  for (const [name, cmd] of Object.entries(processes ?? {})) check(cmd, `processes.${name}`);
  const experimental = data['experimental'] as Record<string, unknown> | undefined;
  check(experimental?.['cmd'], 'experimental.cmd');
  check(experimental?.['entrypoint'], 'experimental.entrypoint');
  return out;
}

function configuredRelease(facts: Facts, relOverlays: readonly string[]): { evidence: Evidence; what: string } | null {
  for (const p of facts.projects) {
    const r = p.releases[0];
    if (r) return { evidence: r.evidence, what: `${p.mixFile} configures the release \`${r.name}\`` };
  }
  const rel = relOverlays[0];
  if (rel) return { evidence: { file: rel, line: 1 }, what: `${rel}: the project ships release overlays` };
  const m = facts.releaseModules[0];
  if (m) return { evidence: m.evidence, what: `${m.module} migrates from a release (\`bin/<app> eval\`)` };
  return null;
}

function deployFilesWithoutRelease(facts: Facts): string[] {
  return [...productionDockerfiles(facts.dockerfiles).map((d) => d.file), ...facts.flyTomls.map((f) => f.file), ...facts.runtimeSources.launchers.filter((l) => l.kind !== 'script').map((l) => l.file)];
}
