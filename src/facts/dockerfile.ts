/**
 * Questions the docker rules ask of a parsed Dockerfile (`profile.facts.dockerfiles[]`): which
 * image a stage really runs (ARG defaults substituted, stage references followed), the final and
 * builder stages, the shell commands of RUN/CMD/ENTRYPOINT, the mix tasks they run, and the
 * Debian/Ubuntu release behind an image tag. Pure functions over the gathered facts, so the rules
 * can also be run on a Dockerfile the generator has just rendered.
 */
import type { DockerfileInfo, DockerInstruction, DockerStage, Evidence, Profile } from '../scan/profile.js';
import { computed } from './computed.js';

/** Where the generated image's Dockerfile goes when the project's root Dockerfile is not a deployment image. */
export const RELEASE_DOCKERFILE = 'Dockerfile.release';

/**
 * The generated Dockerfile's path (relative to the project folder): `Dockerfile`, or
 * `Dockerfile.release` when the project's own root Dockerfile is not a deployment image (a
 * development or tooling image that starts nothing): that one stays what `docker build .` builds,
 * and every target builds the release from the other.
 */
export function generatedDockerfile(p: Profile): string {
  const prefix = p.projectPath === '.' || p.projectPath === '' ? '' : `${p.projectPath.replace(/\/+$/, '')}/`;
  return (p.facts.notDeployment ?? []).some((n) => n.file === `${prefix}Dockerfile`) ? RELEASE_DOCKERFILE : 'Dockerfile';
}

/** The ignore file BuildKit reads for a Dockerfile: `.dockerignore`, or `<name>.dockerignore` beside another name. */
export function dockerignoreFor(dockerfile: string): string {
  return dockerfile === 'Dockerfile' ? '.dockerignore' : `${dockerfile}.dockerignore`;
}

/** `--file NAME` for `docker build` when the Dockerfile is not the default one. */
export function dockerfileFlag(dockerfile: string): string[] {
  return dockerfile === 'Dockerfile' ? [] : ['--file', dockerfile];
}

/** Dockerfiles that build production images: not `Dockerfile.dev`/`.test`, not `ENV MIX_ENV=dev|test`. */
export const prodDockerfiles = computed((p: Profile): readonly DockerfileInfo[] =>
  p.facts.dockerfiles.filter((d) => {
    const base = d.file.split('/').pop() ?? d.file;
    if (/[.-](dev|development|test|ci|local)$/i.test(base) || /^(dev|test|local)[.-]/i.test(base)) return false;
    return !d.instructions.some((i) => (i.keyword === 'ENV' || i.keyword === 'ARG') && /\bMIX_ENV[= ]\s*"?(dev|test)"?(\s|$)/.test(i.args));
  }),
);

/**
 * The project's own prod Dockerfiles: without one phoenix-ops generated and nobody edited since
 * (`facts.generatedFiles`), so what the plan takes from "the existing Dockerfile" (pins, runner
 * packages) is the same on the next run as on the first.
 */
export const ownProdDockerfiles = computed((p: Profile): readonly DockerfileInfo[] => {
  const ours = new Set(p.facts.generatedFiles ?? []);
  return prodDockerfiles(p).filter((d) => !ours.has(d.file));
});

// ---------------------------------------------------------------------------------------------
// ARGs and variable substitution
// ---------------------------------------------------------------------------------------------

/** `ARG A=1 B="x y"` / `ARG C` → [['A','1'], ['B','x y'], ['C', null]]. */
export function parseArgInstruction(args: string): [string, string | null][] {
  const out: [string, string | null][] = [];
  for (const [, name = '', raw] of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g)) {
    out.push([name, raw === undefined ? null : raw.replace(/^"(.*)"$/s, '$1').replace(/^'(.*)'$/s, '$1')]);
  }
  return out;
}

/**
 * ARG defaults visible to FROM lines: the ARGs declared before the first FROM. (The scanner's
 * `args` map also holds stage ARGs, and an `ARG X` without a default there blanks a global one.)
 */
export const globalArgs = computed((d: DockerfileInfo): Readonly<Record<string, string>> => {
  const firstFrom = d.stages[0]?.line ?? Infinity;
  const out: Record<string, string> = {};
  for (const i of d.instructions) {
    if (i.keyword !== 'ARG' || i.line >= firstFrom) continue;
    for (const [k, v] of parseArgInstruction(i.args)) if (v !== null) out[k] = v;
  }
  return out;
});

export interface Substituted {
  text: string;
  /** Names of variables that had no value (left as written). */
  unresolved: string[];
}

/** Expands `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}` (recursively, as Docker does for ARG defaults). */
export function substitute(text: string, vars: Readonly<Record<string, string>>, depth = 0): Substituted {
  const unresolved: string[] = [];
  const expand = (whole: string, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined): string => {
    const name = braced ?? bare ?? '';
    const value = Object.hasOwn(vars, name) ? vars[name] : undefined;
    let result: string | undefined;
    if (op === ':-' || op === '-') result = value !== undefined && (op === '-' || value !== '') ? value : (word ?? '');
    else if (op === ':+' || op === '+') result = value !== undefined && (op === '+' || value !== '') ? (word ?? '') : '';
    else result = value;
    if (result === undefined) {
      unresolved.push(name);
      return whole;
    }
    if (depth < 8 && result.includes('$')) {
      const inner = substitute(result, vars, depth + 1);
      unresolved.push(...inner.unresolved);
      return inner.text;
    }
    return result;
  };
  const out = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, expand);
  return { text: out, unresolved };
}

// ---------------------------------------------------------------------------------------------
// Stages
// ---------------------------------------------------------------------------------------------

export function stageInstructions(d: DockerfileInfo, stage: number): DockerInstruction[] {
  const from = d.stages.find((s) => s.index === stage)?.line ?? -Infinity;
  return d.instructions.filter((i) => i.stage === stage && i.line >= from);
}

/** The stage whose image runs: the last one. */
export function finalStage(d: DockerfileInfo): DockerStage | null {
  return d.stages[d.stages.length - 1] ?? null;
}

/** The earlier stage a `FROM <name>` builds on, or null when the stage starts from an image. */
export function parentStage(d: DockerfileInfo, stage: DockerStage): DockerStage | null {
  const ref = substitute(stage.image, globalArgs(d)).text.toLowerCase();
  return d.stages.find((s) => s.index < stage.index && s.name !== null && s.name.toLowerCase() === ref) ?? null;
}

/** The stage and the earlier stages it builds on, root first. */
export function stageChain(d: DockerfileInfo, stage: number): DockerStage[] {
  const chain: DockerStage[] = [];
  let cur = d.stages.find((s) => s.index === stage) ?? null;
  while (cur && !chain.includes(cur)) {
    chain.unshift(cur);
    cur = parentStage(d, cur);
  }
  return chain;
}

/**
 * The image a stage starts from, with ARG defaults substituted and stage references followed
 * (`FROM builder AS runner` → the builder's image). Null when a variable has no default.
 */
export function stageImage(d: DockerfileInfo, stage: DockerStage): string | null {
  const root = stageChain(d, stage.index)[0] ?? stage;
  const { text, unresolved } = substitute(root.image, globalArgs(d));
  return unresolved.length || !text.trim() ? null : text.trim();
}

/** Stages that build the release (run `mix release` or `mix compile`). */
export function builderStages(d: DockerfileInfo): DockerStage[] {
  return d.stages.filter((s) => stageInstructions(d, s.index).some((i) => i.keyword === 'RUN' && runsMixTask(i, /^(release|compile)$/)));
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

/** A JSON list (`["a", "b"]`) as its items, or null when the text is not one. */
function jsonList(text: string): unknown[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  return Array.isArray(parsed) ? parsed : null;
}

/** The exec form of an instruction (`["a", "b"]`) as its words, or null for the shell form (or JSON that is not a list of strings). */
function execForm(args: string): string[] | null {
  // Not valid JSON: Docker runs it in a shell.
  const items = args.startsWith('[') ? jsonList(args) : null;
  if (!items) return null;
  const words: string[] = [];
  for (const x of items) {
    if (typeof x !== 'string') return null;
    words.push(x);
  }
  return words;
}

/** The command of a RUN/CMD/ENTRYPOINT: exec form (`["sh", "-c", "…"]`) joined with spaces, shell form as is. */
export function commandText(ins: DockerInstruction): string {
  const a = ins.args.trim();
  const words = execForm(a);
  if (!words) return a;
  // ["sh", "-c", "script"]: the script is the command.
  const [shell = '', flag, script] = words;
  if (script !== undefined && /(^|\/)(ba|da)?sh$/.test(shell) && flag === '-c') return script;
  return words.join(' ');
}

/**
 * Simple commands of a shell line, split on `&&`, `||`, `;`, `|` and newlines outside quotes.
 *
 * Kept by hand rather than through `shell-quote` or `shlex`: those turn a line into words, while the
 * callers need each command's own source text, quotes included (the `sh -c "…"` unwrapping and the
 * install/`mix` patterns read it). shell-quote also treats a newline as blank space, where a RUN
 * heredoc line starts a new command, and expands `$VAR` unless told not to; shlex knows no operators.
 * Splitting at operators outside quotes is all that is needed, and this does only that.
 */
export function shellSegments(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) {
        cur += c + text.charAt(++i);
        continue;
      }
      cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      cur += c;
      continue;
    }
    if (c === ';' || c === '\n' || c === '|' || (c === '&' && text[i + 1] === '&')) {
      if (c === '&' || (c === '|' && text[i + 1] === '|')) i++;
      if (cur.trim()) out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/**
 * Segments that execute something (not `echo …`/`printf …`/`cat <<`, which only write text), with
 * `sh -c "…"` wrappers opened up.
 */
export function executedSegments(text: string, depth = 0): string[] {
  const out: string[] = [];
  for (const s of shellSegments(text)) {
    if (/^(echo|printf|cat)\b/.test(s) || s.startsWith('#')) continue;
    const wrapped = /^(?:exec\s+)?(?:\/usr)?(?:\/bin\/)?(?:ba|da)?sh\s+(?:-\w+\s+)*-c\s+(["'])([\s\S]*)\1$/.exec(s);
    if (wrapped?.[2] !== undefined && depth < 3) out.push(...executedSegments(wrapped[2], depth + 1));
    else out.push(s);
  }
  return out;
}

export interface MixCall {
  /** Task names in order (`mix do deps.get, compile` → ['deps.get', 'compile']). */
  tasks: string[];
  segment: string;
}

/** The mix invocations of a shell line (`MIX_ENV=prod mix release`, `mix do compile, release`). */
export function mixCalls(text: string): MixCall[] {
  const out: MixCall[] = [];
  for (const seg of executedSegments(text)) {
    // Allow `VAR=x` prefixes, `exec`, `env` and `sh -c "…"` wrappers before `mix`.
    const inner = seg.replace(/^(?:(?:exec|env|time)\s+)+/, '');
    const rest = /^(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*mix\s+(.*)$/.exec(inner)?.[1];
    if (rest === undefined) continue;
    const words = rest.split(/\s+/).filter(Boolean);
    if (words[0] === 'do') {
      const tasks = words
        .slice(1)
        .join(' ')
        .split(/\s*(?:,|\s\+\s)\s*/)
        .map((t) => t.trim().split(/\s+/)[0] ?? '')
        .filter((t) => t && !t.startsWith('-'));
      out.push({ tasks, segment: seg });
    } else {
      const task = words.find((w) => !w.startsWith('-'));
      if (task) out.push({ tasks: [task], segment: seg });
    }
  }
  return out;
}

/** True when the instruction runs a mix task matching `task` (e.g. /^release$/). */
export function runsMixTask(ins: DockerInstruction, task: RegExp): boolean {
  return mixCalls(commandText(ins)).some((c) => c.tasks.some((t) => task.test(t)));
}

/** COPY/ADD sources and destination (flags such as `--from` are not in the gathered args). */
export function copyPaths(ins: DockerInstruction): { sources: string[]; dest: string } | null {
  if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return null;
  const a = ins.args.trim();
  const parts = a.startsWith('[') ? (jsonList(a)?.map(String) ?? a.split(/\s+/)) : a.split(/\s+/).filter((w) => !w.startsWith('--'));
  const dest = parts.at(-1);
  if (parts.length < 2 || dest === undefined) return null;
  return { sources: parts.slice(0, -1), dest };
}

/** A context path as written in COPY (`./config/`, `config`) normalised to `config`. */
export function normalizeCopySource(src: string): string {
  return src.replace(/^(\.\/)+/, '').replace(/\/+$/, '') || '.';
}

/** `COPY . .`, `COPY ./ /app`, `COPY * ./`: the whole build context. */
export function copiesWholeContext(ins: DockerInstruction): boolean {
  const p = copyPaths(ins);
  return !!p && p.sources.some((s) => ['.', '*', './*'].includes(normalizeCopySource(s)));
}

// ---------------------------------------------------------------------------------------------
// Images
// ---------------------------------------------------------------------------------------------

export interface ImageRef {
  /** Repository without registry host, lower case: `hexpm/elixir`, `debian`, `library/debian` → `debian`. */
  repo: string;
  tag: string | null;
  digest: string | null;
}

export function parseImage(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  // A first part with a dot, a colon or "localhost" is a registry host.
  const first = parts[0] ?? '';
  if (parts.length > 1 && (/[.:]/.test(first) || first === 'localhost')) parts.shift();
  if (parts[0] === 'library' && parts.length === 2) parts.shift();
  return { repo: parts.join('/').toLowerCase(), tag, digest };
}

/** Alpine (musl) images: `alpine:3.20`, `elixir:1.17-alpine`, `hexpm/elixir:…-alpine-3.20.3`. */
export function isAlpineImage(ref: string): boolean {
  const { repo, tag } = parseImage(ref);
  return /(^|[/_-])alpine($|[/_-])/.test(repo) || /(^|[-_.])alpine/.test(tag ?? '');
}

export interface DistroRelease {
  distro: 'debian' | 'ubuntu';
  codename: string;
  /** Debian major version (12 = bookworm) or Ubuntu year.month as a number (24.04). */
  version: number;
  /** True for moving tags (`stable`, `latest`, `testing`, `sid`): the release they point at today. */
  floating: boolean;
}

const DEBIAN = { jessie: 8, stretch: 9, buster: 10, bullseye: 11, bookworm: 12, trixie: 13, forky: 14, duke: 15, sid: 99, unstable: 99 } as const;
const UBUNTU = { bionic: 18.04, focal: 20.04, jammy: 22.04, lunar: 23.04, mantic: 23.1, noble: 24.04, oracular: 24.1, plucky: 25.04, questing: 25.1 } as const;
type DebianCodename = keyof typeof DEBIAN;
type UbuntuCodename = keyof typeof UBUNTU;
const isDebianCodename = (w: string): w is DebianCodename => Object.hasOwn(DEBIAN, w);
const isUbuntuCodename = (w: string): w is UbuntuCodename => Object.hasOwn(UBUNTU, w);
/** Debian major version → codename (99 → the last of sid/unstable). */
const DEBIAN_BY_NUMBER = new Map<number, DebianCodename>();
for (const k of Object.keys(DEBIAN)) if (isDebianCodename(k)) DEBIAN_BY_NUMBER.set(DEBIAN[k], k);
/** Debian stable releases by date (YYYYMMDD the release became stable), newest first. */
const DEBIAN_STABLE_SINCE: [number, DebianCodename][] = [
  [20250809, 'trixie'],
  [20230610, 'bookworm'],
  [20210814, 'bullseye'],
  [20190706, 'buster'],
];
const CURRENT_DEBIAN_STABLE: DebianCodename = 'trixie';
const CURRENT_DEBIAN_TESTING: DebianCodename = 'forky';
const CURRENT_UBUNTU_LTS: UbuntuCodename = 'noble';

/**
 * The Debian or Ubuntu release of an image, when its reference says so: `debian:trixie-20250317-slim`,
 * `debian:13-slim`, `debian:stable-slim`, `hexpm/elixir:1.18.3-erlang-27.3-debian-bookworm-20250317-slim`,
 * `ubuntu:24.04`, `hexpm/elixir:…-ubuntu-noble-20241015`. Null when the tag does not name one
 * (e.g. the official `elixir:1.18` images).
 */
export function distroRelease(ref: string): DistroRelease | null {
  const { repo, tag } = parseImage(ref);
  const t = (tag ?? 'latest').toLowerCase();
  const words = t.split(/[-_.]/);
  const debian = (codename: DebianCodename, floating: boolean): DistroRelease => ({ distro: 'debian', codename, version: DEBIAN[codename], floating });
  const ubuntu = (codename: UbuntuCodename, floating: boolean): DistroRelease => ({ distro: 'ubuntu', codename, version: UBUNTU[codename], floating });
  // A codename anywhere in the tag (hexpm/elixir, erlang, debian:<codename>-…).
  for (const w of words) {
    if (isDebianCodename(w) && w !== 'unstable') return debian(w, w === 'sid');
    if (isUbuntuCodename(w)) return ubuntu(w, false);
  }
  const base = repo.split('/').pop() ?? repo;
  if (base === 'debian') {
    if (t === 'unstable' || t.startsWith('unstable-')) return debian('sid', true);
    const byNumber = DEBIAN_BY_NUMBER.get(Number(/^(\d+)(?:[.-]|$)/.exec(t)?.[1]));
    if (byNumber) return debian(byNumber, false);
    if (words[0] === 'stable' || words[0] === 'latest' || words[0] === 'slim') {
      const date = /(?:^|-)(\d{8})(?:-|$)/.exec(t);
      if (date) {
        const hit = DEBIAN_STABLE_SINCE.find(([since]) => Number(date[1]) >= since);
        return hit ? debian(hit[1], false) : null;
      }
      return debian(CURRENT_DEBIAN_STABLE, true);
    }
    if (words[0] === 'testing') return debian(CURRENT_DEBIAN_TESTING, true);
    return null;
  }
  if (base === 'ubuntu') {
    const num = /^(\d{2})\.(\d{2})/.exec(t);
    if (num) {
      const v = Number(`${num[1]}.${num[2]}`);
      const name = Object.entries(UBUNTU).find(([, x]) => x === v)?.[0];
      return { distro: 'ubuntu', codename: name ?? t, version: v, floating: false };
    }
    if (t === 'latest' || t === 'lts') return ubuntu(CURRENT_UBUNTU_LTS, true);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Which Dockerfiles
// ---------------------------------------------------------------------------------------------

/**
 * Production Dockerfiles of the Phoenix app: the prod Dockerfiles (not `Dockerfile.dev`, not
 * MIX_ENV dev/test) that build or run an Elixir release — an Elixir/Erlang image, a mix command,
 * a copied `mix.exs`, `_build` or release folder, or a `bin/…` start command. A `frontend/Dockerfile`
 * of a separate Node app is not one.
 */
export const phoenixDockerfiles = computed((p: Profile): readonly DockerfileInfo[] => prodDockerfiles(p).filter((d) => isElixirDockerfile(d, p.web.otpApp)));

export function isElixirDockerfile(d: DockerfileInfo, otpApp: string): boolean {
  if (d.stages.some((s) => /elixir|erlang|beam/i.test(stageImage(d, s) ?? s.image))) return true;
  const app = otpApp.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return d.instructions.some((i) => {
    if (i.keyword === 'RUN') return mixCalls(commandText(i)).length > 0;
    if (i.keyword === 'COPY' || i.keyword === 'ADD') return /(^|[\s/])(mix\.exs|_build|rel)([\s/]|$)/.test(i.args);
    if (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') return new RegExp(`bin/(server|${app})\\b|\\bmix\\b`).test(commandText(i));
    return false;
  });
}

/** Short display of an image reference for messages: the resolved ref, else the ref as written. */
export function imageLabel(d: DockerfileInfo, s: DockerStage): string {
  return stageImage(d, s) ?? s.image;
}

// ---------------------------------------------------------------------------------------------
// Mix aliases
// ---------------------------------------------------------------------------------------------

/**
 * The tasks a mix task name stands for, with the project's aliases expanded (`setup` →
 * `deps.get, ecto.setup, …` → `ecto.create, ecto.migrate, …`). The name itself is kept too.
 */
export function expandMixTask(p: Profile, task: string, depth = 0, seen = new Set<string>()): string[] {
  if (seen.has(task) || depth > 6) return [task];
  seen.add(task);
  const out = [task];
  for (const proj of p.facts.projects) {
    const steps = proj.aliases[task];
    if (!steps) continue;
    for (const step of steps) {
      const words = step.trim().split(/\s+/);
      // `cmd npm install --prefix assets` / `cmd --cd assets npm …` run a shell command.
      if (words[0] === 'cmd') out.push(`cmd:${words.slice(1).join(' ')}`);
      else if (words[0]) out.push(...expandMixTask(p, words[0], depth + 1, seen));
    }
  }
  return out;
}

/** True when a COPY/ADD takes `path` (context-relative) from the build context: `COPY . .`, `COPY backend ./`… */
export function copiesContextPath(ins: DockerInstruction, path: string): boolean {
  const paths = copyPaths(ins);
  if (!paths) return false;
  return paths.sources.some((raw) => {
    if (/^[a-z]+:\/\//i.test(raw) || raw.startsWith('/')) return false;
    const s = normalizeCopySource(raw);
    return s === '.' || s === '*' || s === './*' || path === s || path.startsWith(`${s}/`);
  });
}

// ---------------------------------------------------------------------------------------------
// Migrations
// ---------------------------------------------------------------------------------------------

/** Mix tasks that need a live database. */
export const DB_MIX_TASK = /^ecto\.(migrate|setup|reset|create|rollback|load)$/;

/**
 * What in a shell line runs migrations (or otherwise needs the database): a mix task (aliases
 * expanded: `mix setup` → `ecto.setup`), `bin/migrate`, or a release `eval` of a migrate function.
 * Returns a short description (`mix ecto.migrate`, `mix setup (→ ecto.setup)`, `bin/migrate`), or null.
 */
export function migrationCommand(p: Profile, text: string): string | null {
  for (const call of mixCalls(text)) {
    for (const task of call.tasks) {
      if (DB_MIX_TASK.test(task)) return `mix ${task}`;
      const via = expandMixTask(p, task).find((t) => DB_MIX_TASK.test(t));
      if (via) return `mix ${task} (→ ${via})`;
    }
  }
  for (const seg of executedSegments(text)) {
    const bin = /(?:^|[\s/])((?:\S*\/)?bin\/migrate)\b/.exec(seg);
    if (bin?.[1]) return bin[1];
    if (/\beval\b/.test(seg) && /\bmigrat|Ecto\.Migrator/i.test(seg)) return seg.length > 80 ? `${seg.slice(0, 77)}…` : seg;
  }
  return null;
}

export interface RunnerStage {
  /** The last stage: the image that runs. */
  stage: DockerStage;
  /** Every instruction that shapes it: its own and those of the stages it is built FROM, in order. */
  instructions: DockerInstruction[];
}

/** The final stage and every instruction that shapes it, or null for a Dockerfile without a stage. */
export const runnerStage = computed((d: DockerfileInfo): RunnerStage | null => {
  const stage = finalStage(d);
  if (!stage) return null;
  return { stage, instructions: stageChain(d, stage.index).flatMap((s) => stageInstructions(d, s.index)) };
});

/** Each Dockerfile with its runner stage (one without a stage is left out). */
export function withRunnerStage(dockerfiles: readonly DockerfileInfo[]): (RunnerStage & { dockerfile: DockerfileInfo })[] {
  return dockerfiles.flatMap((dockerfile) => {
    const r = runnerStage(dockerfile);
    return r ? [{ dockerfile, ...r }] : [];
  });
}

/** The instructions that shape the image that runs ([] without a stage). */
export function runnerInstructions(d: DockerfileInfo): readonly DockerInstruction[] {
  return runnerStage(d)?.instructions ?? [];
}

/**
 * The prod Dockerfile that starts the app through Mix (`mix phx.server`, `mix run`) instead of a
 * release, or null. There config/*.exs is evaluated at every boot, so build-time concerns do not apply.
 */
export const mixStartedDockerfile = computed((p: Profile): Evidence | null => {
  for (const d of prodDockerfiles(p)) {
    if (d.instructions.some((i) => i.keyword === 'RUN' && /\bmix(\s+\S+)*\s+release\b/.test(i.args))) continue;
    const start = runnerInstructions(d).filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    const mix = start.find((i) => /\bmix\b.*\b(phx\.server|run)\b/.test(i.args.replace(/["',[\]]/g, ' ')));
    if (mix) return { file: d.file, line: mix.line };
  }
  return null;
});
