/**
 * Whether a release script is executable as a deploy will see it.
 *
 * Git records a file's mode in its index (`100755` or `100644`), and that is what every clone, CI
 * checkout and image built from a clone gets. The mode on this disk can say otherwise: a Windows or
 * WSL checkout with `core.fileMode=false` shows no executable bit at all, and a copy made without modes
 * loses it. So a file git tracks takes its mode from git (`git ls-files -s`, one call per scan); an
 * untracked file, or a project outside any work tree, or a machine without git, takes it from disk
 * (what `docker build` of this folder would copy).
 *
 * A copy made without modes (an archive, a copy tool) shows no executable bit on any file; outside git
 * the disk then cannot say whether a script is executable upstream, so such a mode is reported as
 * `copy` (unconfirmed), not `disk`. Executable bits live on scripts, so the tree is asked only about
 * the files a project keeps executable (`bin/`, `scripts/`, `*.sh`, files with no extension such as
 * the release scripts themselves): the walk does not stat files, and a stat of each of the thousands
 * of lib files of a large app costs tens of milliseconds. It is asked only when needed (a
 * script that is not executable, no git index) and stops at the first executable file.
 */
import { spawnSync } from 'node:child_process';
import { isExecutable, type FileEntry } from './files.js';

export interface FileMode {
  executable: boolean;
  /**
   * Where the answer came from: git's index, the file's mode on disk, or the disk of a copy that kept
   * no file modes (no git index, and no script of the tree is executable), where "not executable"
   * cannot be confirmed.
   */
  from: 'git' | 'disk' | 'copy';
}

/** Files projects keep executable: anything in a `bin/`, `scripts/` or `hooks/` folder, shell and script files, files with no extension. */
const USUALLY_EXECUTABLE = /(^|\/)(bin|scripts?|hooks)\/[^/]+$|\.(sh|bash|zsh|py|rb|pl)$|(^|\/)[^/.]+$/;

/** Whether any file of `tree` that a project would keep executable has an executable bit on disk (stops at the first). */
function anyScriptExecutable(tree: readonly FileEntry[]): boolean {
  return tree.some((f) => USUALLY_EXECUTABLE.test(f.rel) && isExecutable(f.abs));
}

/** Modes git records for `files` (by their walk-relative path), or null when git cannot answer. */
function gitIndexModes(files: readonly FileEntry[]): Map<string, boolean> | null {
  const first = files[0];
  if (!first) return null;
  const root = first.abs.slice(0, first.abs.length - first.rel.length) || '.';
  const r = spawnSync('git', ['-C', root, 'ls-files', '--stage', '-z', '--', ...files.map((f) => f.rel)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
    timeout: 10_000,
  });
  if (r.error || r.status !== 0) return null;
  const modes = new Map<string, boolean>();
  // `<mode> <object> <stage>\t<path>` records separated by NUL; paths are relative to `-C`.
  for (const rec of r.stdout.split('\0')) {
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const mode = rec.slice(0, rec.indexOf(' '));
    modes.set(rec.slice(tab + 1), mode === '100755');
  }
  return modes;
}

/**
 * A lookup over `files` that asks git once, on first use; `tree` is every file the scan walked (for
 * telling a copy that kept no modes, when git cannot answer).
 */
export function fileModes(files: readonly FileEntry[], tree: readonly FileEntry[]): (f: FileEntry) => FileMode {
  let git: Map<string, boolean> | null | undefined;
  let modesKept: boolean | undefined;
  return (f) => {
    if (git === undefined) git = gitIndexModes(files);
    const tracked = git?.get(f.rel);
    if (tracked !== undefined) return { executable: tracked, from: 'git' };
    const executable = isExecutable(f.abs);
    if (executable || git !== null) return { executable, from: 'disk' };
    modesKept ??= anyScriptExecutable(tree);
    return { executable, from: modesKept ? 'disk' : 'copy' };
  };
}
