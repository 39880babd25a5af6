/**
 * How each program the prod app runs (`profile.runtime.executables`) gets into the image phoenix-ops
 * writes: already there (Debian base tools, the release itself), installed by the project's own
 * Dockerfile (its apt packages are carried over by runtime-packages.ts; its pipx/pip/curl install steps
 * are carried over here, command by command), or an apt package from the dated table in
 * debian-packages.ts. A program none of these provides is a preflight error with the fix, never
 * dropped silently. Also what the project's runner starts through (`tini`, `dumb-init`) and its
 * `HEALTHCHECK`, which the generated runner keeps.
 */
import type { Evidence } from '../model/evidence.js';
import type { DockerInstruction, Profile } from '../scan/profile.js';
import { computed } from './computed.js';
import { DEBIAN_BASE_PROGRAMS, DEBIAN_TOO_OLD, debianPackageOf } from './debian-packages.js';
import { commandText, parseArgInstruction, runnerStage } from './dockerfile.js';
import { existingDockerfile, runtimeExtras } from './runtime-packages.js';
import { chainWords, shellChain } from './shell-chain.js';

/** Install steps of the project's runner, carried over as they are written. */
export interface CarriedInstall {
  programs: string[];
  /** `docker/Dockerfile:82`. */
  from: string;
  commands: string[];
  /** `ARG` lines of the project's runner the commands read (`TARGETPLATFORM`, `VERSION=1.2`). */
  args: string[];
}

export interface MissingProgram {
  name: string;
  evidence: Evidence;
  reason: string;
  fix: string;
}

export interface RunnerTools {
  /** Debian packages to add to the runner for the programs the app runs, with those programs. */
  packages: { name: string; programs: string[] }[];
  carried: CarriedInstall[];
  missing: MissingProgram[];
  /** Install steps of the project's runner that no program needs, for the notes (never silent). */
  notCarried: string[];
  /** The init process the project's runner starts through. */
  init: { package: string; entrypoint: string[] } | null;
  /** The project's HEALTHCHECK instruction as written, and the packages its command needs. */
  healthcheck: { line: string; from: string; packages: string[] } | null;
}

const INIT_ENTRYPOINTS: Readonly<Record<string, string[]>> = { tini: ['/usr/bin/tini', '--'], 'dumb-init': ['/usr/bin/dumb-init', '--'] };
const APT = /^(?:\S+=\S+\s+)*(?:apt-get|apt|apk|dpkg)\b/;
const INSTALLER = /^(?:curl|wget|pipx?|pip3|python3?\s+-m\s+pip|npm|gem|uv|go\s+install|cargo\s+install)\b|\|\s*(?:ba)?sh\b/;
const ASSIGNMENT = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*=/;

const unquote = (w: string) => w.replace(/^(["'])(.*)\1$/s, '$2');

/** The command names, installs or writes `program` (`pipx install apprise`, `curl … -o /usr/local/bin/yt-dlp`). */
function mentions(command: string, program: string): boolean {
  return chainWords(command)
    .map(unquote)
    .some((w) => w === program || w.endsWith(`/${program}`) || w.startsWith(`${program}==`) || w.startsWith(`${program}[`) || w.startsWith(`${program}@`));
}

/** Program name as the image's PATH sees it: `/usr/bin/git` → git; a relative path (a script of the app) → null. */
function programName(name: string): string | null {
  if (name.startsWith('/')) return name.slice(name.lastIndexOf('/') + 1) || null;
  return name && !name.includes('/') ? name : null;
}

interface RunSteps {
  ins: DockerInstruction;
  chain: string[];
}

function runnerRuns(profile: Profile): { file: string; runs: RunSteps[]; args: DockerInstruction[]; all: DockerInstruction[] } | null {
  const d = existingDockerfile(profile);
  const stage = d ? runnerStage(d) : null;
  if (!d || !stage) return null;
  const runs = stage.instructions.filter((i) => i.keyword === 'RUN').map((ins) => ({ ins, chain: shellChain(commandText(ins)) }));
  return { file: d.file, runs, args: stage.instructions.filter((i) => i.keyword === 'ARG'), all: stage.instructions };
}

/** The steps of one RUN that install `programs`, with the assignments among and before them (`export PIPX_HOME=…`). */
function carriedFrom(file: string, run: RunSteps, programs: string[], argIns: DockerInstruction[]): CarriedInstall {
  const picked = new Set<number>();
  run.chain.forEach((c, i) => {
    if (!APT.test(c) && programs.some((p) => mentions(c, p))) picked.add(i);
  });
  // Variables set earlier in the same RUN (`export PIPX_HOME=…`, `export URL=$(case …)`) may be read by the steps.
  const last = Math.max(...picked);
  run.chain.forEach((c, i) => {
    if (i < last && ASSIGNMENT.test(c)) picked.add(i);
  });
  const commands = run.chain.filter((_, i) => picked.has(i));
  const text = commands.join('\n');
  const args = argIns
    .flatMap((a) => parseArgInstruction(a.args))
    .filter(([name]) => new RegExp(`\\$\\{?${name}\\b`).test(text))
    .map(([name, value]) => (value === null ? name : `${name}=${value}`));
  return { programs, from: `${file}:${run.ins.line}`, commands, args: [...new Set(args)] };
}

function initOf(all: readonly DockerInstruction[]): RunnerTools['init'] {
  for (const ins of all) {
    if (ins.keyword !== 'ENTRYPOINT' && ins.keyword !== 'CMD') continue;
    const first = chainWords(commandText(ins))[0] ?? '';
    const name = first.slice(first.lastIndexOf('/') + 1);
    const entrypoint = INIT_ENTRYPOINTS[name];
    if (entrypoint) return { package: name, entrypoint };
  }
  return null;
}

function healthcheckOf(file: string, all: readonly DockerInstruction[]): RunnerTools['healthcheck'] {
  const ins = all.filter((i) => i.keyword === 'HEALTHCHECK').at(-1);
  if (!ins) return null;
  const line = ['HEALTHCHECK', ...ins.flags, ins.args].join(' ');
  const packages = ['curl', 'wget'].filter((p) => chainWords(ins.args).some((w) => unquote(w) === p));
  return { line, from: `${file}:${ins.line}`, packages };
}

export const runnerTools = computed((profile: Profile): RunnerTools => {
  const extras = runtimeExtras(profile);
  const kept = runnerRuns(profile);
  const out: RunnerTools = { packages: [], carried: [], missing: [], notCarried: [], init: null, healthcheck: null };
  const byPackage = new Map<string, string[]>();
  const byRun = new Map<RunSteps, string[]>();
  for (const { name, evidence } of programsToInstall(profile)) {
    const pkg = debianPackageOf(name);
    if (extras.packages.includes(pkg ?? name)) continue;
    const run = kept?.runs.find((r) => r.chain.some((c) => !APT.test(c) && mentions(c, name)));
    if (run) byRun.set(run, [...(byRun.get(run) ?? []), name]);
    else if (pkg) byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), name]);
    else out.missing.push(missing(name, evidence, extras.dockerfile));
  }
  out.packages = [...byPackage].map(([name, programs]) => ({ name, programs })).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (!kept) return out;
  out.carried = [...byRun].map(([run, programs]) => carriedFrom(kept.file, run, programs, kept.args));
  const carried = new Set(out.carried.flatMap((c) => c.commands));
  for (const run of kept.runs) {
    for (const c of run.chain) if (INSTALLER.test(c) && !carried.has(c)) out.notCarried.push(`${kept.file}:${run.ins.line} runs \`${c.length > 100 ? `${c.slice(0, 97)}…` : c}\``);
  }
  out.init = initOf(kept.all);
  out.healthcheck = healthcheckOf(kept.file, kept.all);
  return out;
});

/** Programs of `profile.runtime.executables` an image must provide (base tools and the app's own scripts left out). */
export function programsToInstall(profile: Profile): { name: string; evidence: Evidence }[] {
  const out = new Map<string, Evidence>();
  for (const exe of profile.runtime?.executables ?? []) {
    const name = programName(exe.name);
    if (name !== null && !DEBIAN_BASE_PROGRAMS.has(name) && !out.has(name)) out.set(name, exe.evidence);
  }
  return [...out].map(([name, evidence]) => ({ name, evidence }));
}

/** The RUN commands of a runner stage install `program`: an apt package that provides it, or a step that names it. */
export function runsInstall(runs: readonly string[], program: string): boolean {
  const pkg = debianPackageOf(program) ?? program;
  return runs.some((run) =>
    shellChain(run).some((c) => {
      if (!APT.test(c)) return mentions(c, program);
      const words = chainWords(c).map(unquote);
      return words.includes('install') && (words.includes(pkg) || words.includes(program));
    }),
  );
}

function missing(name: string, evidence: Evidence, dockerfile: string | null): MissingProgram {
  const reason = DEBIAN_TOO_OLD[name] ?? `no Debian package provides ${name}`;
  const where = dockerfile ? `the runner stage of ${dockerfile}` : 'a Dockerfile of the project (its runner stage)';
  return {
    name,
    evidence,
    reason,
    fix: `install ${name} in ${where} (pipx, pip or its release binary): phoenix-ops carries that install step into the image it writes, then regenerate`,
  };
}
