/**
 * Finding the Phoenix project under DIR: DIR itself, an umbrella, or a subfolder
 * (`backend/`, `elixir/`, a poncho's `apps/x`).
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { errCode, readText, toRel, walkFiles, Warnings } from './files.js';

export class ScanError extends Error {
  constructor(
    readonly code: 'not-found' | 'not-a-directory' | 'no-mix-project' | 'not-phoenix' | 'unreadable' | 'several-apps',
    message: string,
  ) {
    super(message);
    this.name = 'ScanError';
  }
}

export interface Located {
  root: string;
  projectDir: string;
  /** Relative to root; '.' when the project is DIR itself. */
  projectPath: string;
}

const SEARCH_DEPTH = 3;

/**
 * Cheap prefilter: does this mix.exs mention Phoenix or declare an umbrella, or does the mix.lock
 * beside it lock phoenix? (confirmed by parsing later)
 */
function looksPhoenix(text: string, mixAbs: string): boolean {
  if (text.includes(':phoenix') || text.includes('apps_path')) return true;
  const lock = join(mixAbs, '..', 'mix.lock');
  if (!existsSync(lock)) return false;
  return /^\s*"phoenix":\s*\{/m.test(readText(lock, 'mix.lock', new Warnings()) ?? '');
}

export function locateProject(dir: string): Located {
  const root = resolve(dir);
  let st;
  try {
    st = statSync(root);
  } catch (e) {
    if (errCode(e) === 'ENOENT') throw new ScanError('not-found', `${dir}: no such file or folder`);
    throw new ScanError('unreadable', `${dir}: cannot read (${errCode(e) || 'error'})`);
  }
  if (!st.isDirectory()) throw new ScanError('not-a-directory', `${dir}: is a file; pass the folder that holds mix.exs`);
  const direct = join(root, 'mix.exs');
  if (existsSync(direct)) {
    const text = readText(direct, 'mix.exs', new Warnings());
    if (text !== null && looksPhoenix(text, direct)) return { root, projectDir: root, projectPath: '.' };
    // A Mix project without Phoenix at the top may still hold one below (poncho layout).
    const nested = searchBelow(root, dir);
    if (nested) return nested;
    throw new ScanError('not-phoenix', `${dir}: mix.exs does not depend on Phoenix (no :phoenix dep found)`);
  }
  const nested = searchBelow(root, dir);
  if (nested) return nested;
  const anyMix = walkFiles(root, root, new Warnings(), (rel, isDir) => isDir && rel.split('/').length > SEARCH_DEPTH).some((f) => f.rel.endsWith('mix.exs'));
  if (anyMix) throw new ScanError('not-phoenix', `${dir}: found Mix projects but none depends on Phoenix`);
  throw new ScanError('no-mix-project', `${dir}: no mix.exs found (is this an Elixir project?)`);
}

function searchBelow(root: string, label: string): Located | null {
  const files = walkFiles(root, root, new Warnings(), (rel, isDir) => isDir && rel.split('/').length > SEARCH_DEPTH);
  const candidates = files
    .filter((f) => f.rel.endsWith('/mix.exs'))
    .map((f) => ({ f, depth: f.rel.split('/').length }))
    .sort((a, b) => a.depth - b.depth || (a.f.rel < b.f.rel ? -1 : 1));
  const phoenix: { projectPath: string; umbrella: boolean }[] = [];
  for (const { f } of candidates) {
    const text = readText(f.abs, f.rel, new Warnings());
    if (text === null || !looksPhoenix(text, f.abs)) continue;
    phoenix.push({ projectPath: umbrellaRootOf(root, f.rel.slice(0, -'/mix.exs'.length)), umbrella: text.includes('apps_path') });
  }
  const chosen = chooseProject(label, phoenix);
  return chosen === null ? null : { root, projectDir: join(root, chosen), projectPath: chosen };
}

/** An app inside an umbrella's apps/ folder stands for the umbrella: its root. */
function umbrellaRootOf(root: string, projectPath: string): string {
  const parts = projectPath.split('/');
  if (parts.length < 2 || parts[parts.length - 2] !== 'apps') return projectPath;
  const up = parts.slice(0, -2).join('/') || '.';
  const upMix = join(root, up, 'mix.exs');
  const text = existsSync(upMix) ? readText(upMix, toRel(root, upMix), new Warnings()) : null;
  return text?.includes('apps_path') ? up : projectPath;
}

/** Folders that hold test apps, templates or dependencies, never the app a repository deploys. */
const NOT_THE_APP = new Set(['test', 'tests', 'fixtures', 'templates', 'deps', '_build', 'node_modules', 'priv', 'examples', 'example']);

/**
 * The one Phoenix project below DIR: an umbrella root before the apps it holds, else the only app.
 * Several apps side by side (a monorepo of services) are not guessed between: the error lists them,
 * so the same DIR always means the same app. Apps in test, template or example folders count only
 * when nothing else is there (the shallowest one then, as before).
 */
function chooseProject(label: string, found: readonly { projectPath: string; umbrella: boolean }[]): string | null {
  const distinct = [...new Map(found.map((c) => [c.projectPath, c])).values()];
  // An app nested in a chosen umbrella root is that umbrella.
  const umbrellas = distinct.filter((c) => c.umbrella);
  const outside = distinct.filter((c) => !umbrellas.some((u) => u !== c && (u.projectPath === '.' || c.projectPath.startsWith(`${u.projectPath}/`))));
  const deployable = outside.filter((c) => !c.projectPath.split('/').some((seg) => NOT_THE_APP.has(seg)));
  const [only, ...others] = deployable;
  if (only && others.length === 0) return only.projectPath;
  if (only) {
    const list = deployable.map((c) => c.projectPath).join(', ');
    throw new ScanError('several-apps', `${label}: holds several Phoenix apps (${list}); pass the folder of the one to use`);
  }
  return outside[0]?.projectPath ?? null;
}
