/**
 * What an existing Dockerfile's final stage adds to its image beyond a Phoenix release's needs: OS
 * packages (ffmpeg, a PDF tool, a CLI the app shells out to) and files copied from the build context
 * (a CA bundle, a start script). A generated image carries them over, or lists each one it drops.
 */
import type { DockerfileInfo, Profile } from '../scan/profile.js';
import { computed } from './computed.js';
import { commandText, copyPaths, ownProdDockerfiles, runnerStage, shellSegments } from './dockerfile.js';

/** What every generated runner installs already, and build-only tools a runner does not need. */
const BASE = new Set(['libstdc++6', 'openssl', 'libncurses6', 'libncurses5', 'locales', 'ca-certificates', 'tini', 'dumb-init']);
const BUILD_ONLY = new Set(['build-essential', 'gcc', 'g++', 'make', 'git', 'nodejs', 'npm', 'yarn', 'elixir', 'erlang', 'erlang-dev', 'musl-dev', 'build-base']);
/** Alpine packages that are the same package under the same name on Debian. */
const SAME_ON_DEBIAN = new Set(['ffmpeg', 'imagemagick', 'curl', 'wget', 'bash', 'jq', 'tzdata', 'gnupg', 'unzip', 'zip', 'rsync', 'git', 'python3', 'ghostscript', 'poppler-utils', 'graphviz', 'inotify-tools', 'exiftool', 'file', 'procps', 'openssh-client', 'gettext', 'p7zip', 'pngquant', 'optipng', 'jpegoptim', 'gifsicle', 'webp', 'xz-utils']);
/** Alpine base libraries the Debian runner already has (under other names). */
const ALPINE_BASE = new Set(['libstdc++', 'libgcc', 'ncurses-libs', 'ncurses', 'openssl', 'libssl3', 'libcrypto3', 'ca-certificates', 'musl-locales', 'libc6-compat', 'tini']);

export interface RuntimeExtras {
  /** The Dockerfile read, or null when the project has none. */
  dockerfile: string | null;
  /** Debian packages to install in the runner, sorted. */
  packages: string[];
  /** Files from the build context copied into the runner: [source, destination]. */
  files: { source: string; dest: string; line: number }[];
  /** What could not be carried over, one line each. */
  dropped: string[];
}

function installs(text: string): { manager: 'apt' | 'apk'; packages: string[] }[] {
  const out: { manager: 'apt' | 'apk'; packages: string[] }[] = [];
  for (const seg of shellSegments(text)) {
    const [, manager, rest = ''] = /^(?:\S+=\S+\s+)*(apt-get|apt|apk)\s+(.*)$/.exec(seg.trim()) ?? [];
    if (!manager) continue;
    const words = rest.split(/\s+/).filter(Boolean);
    const verb = words.find((w) => !w.startsWith('-'));
    if (verb !== 'install' && verb !== 'add') continue;
    const pkgs = words.slice(words.indexOf(verb) + 1).filter((w) => !w.startsWith('-') && !w.startsWith('$') && /^[a-z0-9][a-z0-9.+_-]*(=[\w.:~+-]+)?$/.test(w));
    out.push({ manager: manager === 'apk' ? 'apk' : 'apt', packages: pkgs.map((p) => p.split('=', 1)[0] ?? p) });
  }
  return out;
}

/**
 * The Dockerfile a generated image replaces: `Dockerfile` at the project root first, else the first production one.
 * One phoenix-ops wrote (and nobody edited) is not the project's: regenerating must give the same image.
 */
export const existingDockerfile = computed((profile: Profile): DockerfileInfo | null => {
  const prod = ownProdDockerfiles(profile);
  const rootFile = profile.projectPath === '.' || profile.projectPath === '' ? 'Dockerfile' : `${profile.projectPath}/Dockerfile`;
  return prod.find((d) => d.file === rootFile) ?? prod.find((d) => /(^|\/)Dockerfile$/.test(d.file)) ?? prod[0] ?? null;
});

export const runtimeExtras = computed((profile: Profile): RuntimeExtras => {
  const d = existingDockerfile(profile);
  const out: RuntimeExtras = { dockerfile: d?.file ?? null, packages: [], files: [], dropped: [] };
  if (!d) return out;
  const final = runnerStage(d);
  if (!final) return out;
  const pkgs = new Set<string>();
  for (const ins of final.instructions) {
    if (ins.keyword === 'RUN') {
      for (const inst of installs(commandText(ins))) {
        for (const p of inst.packages) {
          if (inst.manager === 'apt') {
            if (!BASE.has(p) && !BUILD_ONLY.has(p)) pkgs.add(p);
          } else if (SAME_ON_DEBIAN.has(p)) pkgs.add(p);
          else if (!ALPINE_BASE.has(p) && !BUILD_ONLY.has(p)) out.dropped.push(`Alpine package ${p} (${d.file}:${ins.line}) has no same-named Debian package: add its Debian equivalent to the runner stage if the app needs it`);
        }
      }
    }
    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      const from = ins.flags.find((f) => f.startsWith('--from'));
      const paths = copyPaths(ins);
      if (!paths) continue;
      if (from) {
        if (!/_build|\/rel\//.test(ins.args)) out.dropped.push(`${d.file}:${ins.line} copies ${paths.sources.join(' ')} ${from}: check whether the runner needs it`);
        continue;
      }
      for (const source of paths.sources) {
        if (/^https?:/.test(source)) out.dropped.push(`${d.file}:${ins.line} downloads ${source} into the image: add it to the runner stage if the app needs it`);
        else out.files.push({ source: source.replace(/^\.\//, ''), dest: paths.dest, line: ins.line });
      }
    }
  }
  out.packages = [...pkgs].sort();
  return out;
});
