/**
 * The safe writer. `planWrites` decides, per generated file, whether writing it is safe (new file, or a file
 * phoenix-ops wrote and nobody edited since) and shows the diff; `applyWrites` carries the plan out atomically
 * and records ownership in the manifest. `planPatches`/`applyPatches` do the same for changes to the user's
 * own files, which apply only when the file is still exactly what the patch was computed from.
 */
import { errCode } from '../scan/files.js';
import { lstat, readFile } from 'node:fs/promises';
import type { GeneratedFile, Patch } from '../model/plan.js';
import { writeFileAtomic } from './atomic.js';
import { unifiedDiff } from './diff.js';
import { readManifest, sha256, writeManifest, type Manifest } from './manifest.js';
import { normalizeRelPath, resolveInside } from './safe-path.js';

export type WriteActionKind = 'create' | 'update' | 'unchanged' | 'skip-user-edited' | 'skip-not-owned' | 'overwrite-forced';

export interface WriteAction {
  /** Relative path, normalized (forward slashes). */
  path: string;
  action: WriteActionKind;
  /** Unified diff current → new; '' for new and unchanged files. */
  diff: string;
  /** One line, for people. */
  reason: string;
  /** sha256 of the file on disk when planned (null when absent); applyWrites leaves the file alone if it changed since. */
  currentSha256: string | null;
}

export interface PlanWritesOptions {
  /** Overwrite files the user edited or that phoenix-ops did not write. */
  force?: boolean;
}

export interface ApplyWritesOptions {
  /** Compute the result without touching the disk. */
  dryRun?: boolean;
  /** Target recorded in the manifest for the files written (e.g. plan.target). */
  target?: string;
}

export interface WriteResult {
  dryRun: boolean;
  created: number;
  updated: number;
  /** overwrite-forced actions carried out. */
  overwritten: number;
  unchanged: number;
  /** skip-user-edited, skip-not-owned and conflicts. */
  skipped: number;
  /** Paths written (or that would be written, in a dry run), in plan order. */
  written: string[];
  /** Files that changed on disk between plan and apply; left alone. */
  conflicts: string[];
}

const DEFAULT_MODE = 0o644;

interface OnDisk {
  abs: string;
  kind: 'absent' | 'file' | 'other';
  content: Buffer | null;
  mode: number | null;
}

async function inspect(projectDir: string, rel: string): Promise<OnDisk> {
  const abs = await resolveInside(projectDir, rel);
  try {
    const info = await lstat(abs);
    if (!info.isFile()) return { abs, kind: 'other', content: null, mode: null };
    return { abs, kind: 'file', content: await readFile(abs), mode: info.mode & 0o7777 };
  } catch (err) {
    const code = errCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { abs, kind: 'absent', content: null, mode: null };
    throw err;
  }
}

/** Decides what to do with each generated file. Throws UnsafePathError for paths that would leave the project. */
export async function planWrites(projectDir: string, files: GeneratedFile[], manifest: Manifest, options: PlanWritesOptions = {}): Promise<WriteAction[]> {
  const seen = new Set<string>();
  const actions: WriteAction[] = [];
  for (const file of files) {
    const path = normalizeRelPath(file.path);
    if (seen.has(path)) throw new Error(`two generated files share the path ${path}`);
    seen.add(path);
    const disk = await inspect(projectDir, path);
    const entry = Object.prototype.hasOwnProperty.call(manifest.files, path) ? manifest.files[path] : undefined;
    const act = (action: WriteActionKind, reason: string, diff = ''): void => {
      actions.push({ path, action, diff, reason, currentSha256: disk.content ? sha256(disk.content) : null });
    };

    if (disk.kind === 'absent') {
      act('create', entry ? 'written before but missing now; writing it again' : 'new file');
      continue;
    }
    if (disk.kind === 'other' || disk.content === null) {
      act('skip-not-owned', 'something other than a file (a folder?) is at this path; move it away first');
      continue;
    }

    const currentHash = sha256(disk.content);
    const newHash = sha256(file.content);
    if (currentHash === newHash) {
      const modeFix = modeChange(disk.mode, file.mode);
      if (modeFix) act('update', `same content; ${modeFix}`);
      else act('unchanged', 'already up to date');
      continue;
    }

    const diff = unifiedDiff(path, disk.content.toString('utf8'), file.content);
    if (entry && entry.sha256 === currentHash) {
      act('update', 'written by phoenix-ops and not edited since', diff);
    } else if (entry) {
      if (options.force) act('overwrite-forced', 'edited since phoenix-ops wrote it; overwriting because of --force', diff);
      else act('skip-user-edited', 'edited since phoenix-ops wrote it; kept as is (use --force to overwrite)', diff);
    } else if (options.force) {
      act('overwrite-forced', 'not written by phoenix-ops; overwriting because of --force', diff);
    } else {
      act('skip-not-owned', 'already exists and was not written by phoenix-ops; kept as is (use --force to overwrite)', diff);
    }
  }
  return actions;
}

/** "mode 0644 → 0755" when the executable bit must change, else null. Only explicit modes are enforced. */
function modeChange(current: number | null, wanted: number | undefined): string | null {
  if (wanted === undefined || current === null) return null;
  if ((current & 0o111) === (wanted & 0o111)) return null;
  return `mode ${octal(current)} → ${octal(wanted)}`;
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/**
 * Carries out the actions (create, update, overwrite-forced) atomically and records what was written in the
 * manifest. A file that changed on disk since `planWrites` is left alone and listed in `conflicts`.
 */
export async function applyWrites(projectDir: string, actions: WriteAction[], files: GeneratedFile[], options: ApplyWritesOptions = {}): Promise<WriteResult> {
  const dryRun = options.dryRun ?? false;
  const byPath = new Map(files.map((f) => [normalizeRelPath(f.path), f]));
  const manifest = await readManifest(projectDir);
  let manifestChanged = false;
  const result: WriteResult = { dryRun, created: 0, updated: 0, overwritten: 0, unchanged: 0, skipped: 0, written: [], conflicts: [] };

  const record = (path: string, content: string): void => {
    const hash = sha256(content);
    const previous = manifest.files[path];
    const target = options.target ?? previous?.target ?? 'unknown';
    if (previous?.sha256 === hash && previous.target === target && previous.generatedAt === undefined) return;
    manifest.files[path] = { sha256: hash, target };
    manifestChanged = true;
  };

  for (const action of actions) {
    const file = byPath.get(action.path);
    if (!file) throw new Error(`no generated file for planned path ${action.path}`);
    switch (action.action) {
      case 'skip-user-edited':
      case 'skip-not-owned':
        result.skipped++;
        continue;
      case 'unchanged':
        // Identical content: phoenix-ops may take ownership (future updates stay safe).
        record(action.path, file.content);
        result.unchanged++;
        continue;
      case 'create':
      case 'update':
      case 'overwrite-forced': {
        const disk = await inspect(projectDir, action.path);
        const nowHash = disk.content ? sha256(disk.content) : null;
        if (nowHash !== action.currentSha256 || (disk.kind === 'other' && action.action !== 'overwrite-forced')) {
          result.conflicts.push(action.path);
          result.skipped++;
          continue;
        }
        if (!dryRun) {
          const mode = file.mode ?? (disk.kind === 'file' ? undefined : DEFAULT_MODE);
          await writeFileAtomic(disk.abs, file.content, mode);
        }
        record(action.path, file.content);
        result.written.push(action.path);
        if (action.action === 'create') result.created++;
        else if (action.action === 'update') result.updated++;
        else result.overwritten++;
        continue;
      }
    }
  }

  if (manifestChanged && !dryRun) await writeManifest(projectDir, manifest);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Patches to the user's own files
// ---------------------------------------------------------------------------------------------

export type PatchStatus = 'applies' | 'already-applied' | 'stale';

export interface PatchAction {
  id: string;
  /** Relative path, normalized. */
  file: string;
  description: string;
  status: PatchStatus;
  /** Unified diff of the change (current → after when it applies; before → after when stale, to show the intent). */
  diff: string;
  reason: string;
}

export interface ApplyPatchesOptions {
  /** Ids of the patches the user accepted, or 'all'. Others are left out. */
  accept: readonly string[] | 'all';
  dryRun?: boolean;
}

export interface PatchResult {
  dryRun: boolean;
  /** Ids written (or that would be, in a dry run). */
  applied: string[];
  alreadyApplied: string[];
  /** Ids whose file no longer matches `before` (including a file changed by an earlier patch of the same run). */
  stale: string[];
  notAccepted: string[];
}

async function readCurrent(projectDir: string, rel: string): Promise<{ abs: string; text: string | null }> {
  const disk = await inspect(projectDir, rel);
  return { abs: disk.abs, text: disk.content ? disk.content.toString('utf8') : null };
}

function patchStatus(current: string | null, patch: Patch): { status: PatchStatus; reason: string } {
  if (current === null) {
    return patch.before === '' ? { status: 'applies', reason: 'creates the file' } : { status: 'stale', reason: `${patch.file} does not exist` };
  }
  if (current === patch.before) return { status: 'applies', reason: 'the file is as scanned' };
  if (current === patch.after) return { status: 'already-applied', reason: 'the file already has this change' };
  return { status: 'stale', reason: `${patch.file} changed since the scan; run plan again` };
}

/** The diff and status of each patch. Throws UnsafePathError for paths outside the project. */
export async function planPatches(projectDir: string, patches: Patch[]): Promise<PatchAction[]> {
  const out: PatchAction[] = [];
  for (const patch of patches) {
    const file = normalizeRelPath(patch.file);
    const { text } = await readCurrent(projectDir, file);
    const { status, reason } = patchStatus(text, patch);
    const diff =
      status === 'already-applied' ? '' : unifiedDiff(file, status === 'applies' ? text : patch.before, patch.after);
    out.push({ id: patch.id, file, description: patch.description, status, diff, reason });
  }
  return out;
}

/**
 * Writes the accepted patches whose file still equals `before`, one after the other (atomically, keeping the
 * file's mode). A second patch to a file changed by the first is stale: targets should send one patch per file.
 */
export async function applyPatches(projectDir: string, patches: Patch[], options: ApplyPatchesOptions): Promise<PatchResult> {
  const dryRun = options.dryRun ?? false;
  const accepted = options.accept === 'all' ? null : new Set(options.accept);
  const result: PatchResult = { dryRun, applied: [], alreadyApplied: [], stale: [], notAccepted: [] };
  const touched = new Set<string>();
  for (const patch of patches) {
    if (accepted && !accepted.has(patch.id)) {
      result.notAccepted.push(patch.id);
      continue;
    }
    const file = normalizeRelPath(patch.file);
    const { abs, text } = await readCurrent(projectDir, file);
    // In a dry run the disk does not change, so a second patch to the same file would wrongly look fine.
    const { status } = dryRun && touched.has(file) ? { status: 'stale' as const } : patchStatus(text, patch);
    if (status === 'already-applied') {
      result.alreadyApplied.push(patch.id);
    } else if (status === 'stale') {
      result.stale.push(patch.id);
    } else {
      if (!dryRun) await writeFileAtomic(abs, patch.after);
      touched.add(file);
      result.applied.push(patch.id);
    }
  }
  return result;
}
