/**
 * The Node.js toolchain an asset build needs, as the project pins it: the version (`.tool-versions`
 * nodejs, `.nvmrc`, `.node-version`, `package.json` engines.node, `phoenix_static_buildpack.config`
 * node_version) and the package manager its lockfile belongs to (package-lock.json, yarn.lock,
 * pnpm-lock.yaml, bun.lockb). The asset folder's files win over the project's, then the repository's.
 */
import { isRecord } from '../../model/guards.js';
import { dirname } from 'node:path/posix';
import type { FileEntry } from '../files.js';
import { readText, type Warnings } from '../files.js';
import type { NodeToolchain } from '../profile.js';

const LOCKFILES: [string, NodeToolchain['packageManager']][] = [
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
  ['yarn.lock', 'yarn'],
  ['pnpm-lock.yaml', 'pnpm'],
  ['bun.lockb', 'bun'],
  ['bun.lock', 'bun'],
];

export function extractNodeToolchain(all: readonly FileEntry[], packageJson: string | null, projectPrefix: string, warnings: Warnings): NodeToolchain {
  const byRel = new Map(all.map((f) => [f.rel, f]));
  const pkgDir = packageJson ? dirname(packageJson) : null;
  const dirs = [...new Set([pkgDir && pkgDir !== '.' ? `${pkgDir}/` : null, projectPrefix, ''].filter((d): d is string => d !== null))];
  const out: NodeToolchain = { version: null, evidence: null, packageManager: 'npm', lockfile: null };

  for (const dir of dirs) {
    const lock = LOCKFILES.find(([name]) => byRel.has(`${dir}${name}`));
    if (lock) {
      out.lockfile = `${dir}${lock[0]}`;
      out.packageManager = lock[1];
      break;
    }
  }

  const found = (version: string | undefined, file: string, line: number): boolean => {
    const v = (version ?? '').trim().replace(/^v/, '');
    if (!v) return false;
    out.version = v;
    out.evidence = { file, line };
    return true;
  };
  const read = (rel: string): string | null => {
    const f = byRel.get(rel);
    return f ? readText(f.abs, f.rel, warnings) : null;
  };
  // `"packageManager": "pnpm@9.1.0"` (corepack's field) names the tool when no lockfile does.
  const declared = packageJson && !out.lockfile ? declaredManager(read(packageJson)) : null;
  if (declared) out.packageManager = declared;
  for (const dir of dirs) {
    const tv = read(`${dir}.tool-versions`);
    if (tv) {
      const lines = tv.split(/\r?\n/);
      const i = lines.findIndex((l) => /^\s*nodejs\s+\S/.test(l.replace(/#.*/, '')));
      if (i >= 0 && found(lines[i]?.replace(/#.*/, '').trim().split(/\s+/)[1], `${dir}.tool-versions`, i + 1)) return out;
    }
    for (const name of ['.nvmrc', '.node-version']) {
      const text = read(`${dir}${name}`);
      const first = text?.split(/\r?\n/).find((l) => l.trim() && !l.trim().startsWith('#'));
      if (first && /^v?\d/.test(first.trim()) && found(first.trim().split(/\s+/)[0], `${dir}${name}`, 1)) return out;
    }
    const buildpack = read(`${dir}phoenix_static_buildpack.config`);
    if (buildpack) {
      const lines = buildpack.split(/\r?\n/);
      const i = lines.findIndex((l) => /^\s*node_version\s*=/.test(l));
      if (i >= 0 && found(lines[i]?.split('=')[1]?.replace(/["']/g, ''), `${dir}phoenix_static_buildpack.config`, i + 1)) return out;
    }
  }
  if (packageJson) {
    const text = read(packageJson);
    if (text) {
      try {
        const node = enginesNode(JSON.parse(text));
        if (node !== null) {
          const m = /(\d+(?:\.\d+){0,2})/.exec(node);
          const line = text.split(/\r?\n/).findIndex((l) => /"node"\s*:/.test(l)) + 1;
          if (m) found(m[1], packageJson, line || 1);
        }
      } catch {
        // invalid JSON: the assets extractor already warned
      }
    }
  }
  return out;
}

/** `engines.node` of a parsed package.json, when it is a string. */
function enginesNode(pkg: unknown): string | null {
  const engines = isRecord(pkg) ? pkg.engines : undefined;
  const node = isRecord(engines) ? engines.node : undefined;
  return typeof node === 'string' ? node : null;
}

/** The tool of package.json's `packageManager` field (`"yarn@4.1.0"`), as corepack reads it. */
function declaredManager(text: string | null): NodeToolchain['packageManager'] | null {
  if (!text) return null;
  try {
    const pkg: unknown = JSON.parse(text);
    const field = isRecord(pkg) ? pkg.packageManager : undefined;
    const tool = typeof field === 'string' ? /^(npm|yarn|pnpm|bun)@/.exec(field)?.[1] : undefined;
    return (tool as NodeToolchain['packageManager'] | undefined) ?? null;
  } catch {
    return null;
  }
}
