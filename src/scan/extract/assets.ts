/**
 * The asset pipeline, classified by what the build runs, whoever drives it: esbuild and Tailwind
 * through their Mix installers (`config :esbuild`/`:tailwind`, the hex deps) or through npm (the
 * `esbuild` package's JS API, Tailwind's CLI or PostCSS plugin), webpack, Vite, or another Node
 * front end (Ember, Parcel…) whose build writes into `priv/static`. Also whether npm packages must
 * be installed for the build.
 */
import { isRecord } from '../../model/guards.js';
import type { FileEntry, Warnings } from '../files.js';
import { readText } from '../files.js';
import type { AssetsInfo, ConfigCall, Evidence, MixProject } from '../profile.js';

/** Packages Phoenix apps reference from deps/ (not npm): they need no `npm install`. */
const VENDORED = new Set(['phoenix', 'phoenix_html', 'phoenix_live_view', 'topbar']);
const TAILWIND_NPM = /^(tailwindcss|@tailwindcss\/(postcss|cli|vite))$/;
const NOT_FRONTEND_DIRS = new Set(['node_modules', 'deps', '_build', 'assets', 'priv', 'lib', 'config', 'test', 'rel', '.github']);

interface PackageJson {
  file: FileEntry;
  deps: string[];
  scripts: Record<string, string>;
}

function readPackage(f: FileEntry, warnings: Warnings): PackageJson | null {
  const text = readText(f.abs, f.rel, warnings);
  if (text === null) return null;
  try {
    const json: unknown = JSON.parse(text);
    const field = (name: string): Record<string, unknown> => {
      const v = isRecord(json) ? json[name] : undefined;
      return isRecord(v) ? v : {};
    };
    const scripts: Record<string, string> = {};
    for (const [name, script] of Object.entries(field('scripts'))) if (typeof script === 'string') scripts[name] = script;
    return { file: f, deps: [...Object.keys(field('dependencies')), ...Object.keys(field('devDependencies'))].sort(), scripts };
  } catch (e) {
    warnings.add('parse-error', `${f.rel}: invalid JSON: ${e instanceof Error ? e.message : String(e)}`, f.rel);
    return null;
  }
}

export function extractAssets(all: readonly FileEntry[], webPrefix: string, calls: ConfigCall[], web: MixProject, warnings: Warnings): AssetsInfo {
  const pkgFile = all.find((f) => f.rel === `${webPrefix}assets/package.json`) ?? all.find((f) => f.rel === `${webPrefix}package.json`);
  const pkg = pkgFile ? readPackage(pkgFile, warnings) : null;
  // Front ends in a sibling folder of the app whose build writes into priv/static (`webapp/`, `frontend/`).
  const siblings: PackageJson[] = [];
  for (const f of all) {
    if (!f.rel.startsWith(webPrefix) || !f.rel.endsWith('/package.json')) continue;
    const parts = f.rel.slice(webPrefix.length).split('/');
    if (parts.length !== 2 || NOT_FRONTEND_DIRS.has(parts[0] ?? '')) continue;
    const p = readPackage(f, warnings);
    if (p && Object.values(p.scripts).some((s) => s.includes('priv/static'))) siblings.push(p);
  }
  const npmDependencies = pkg?.deps ?? [];
  const base = { packageJson: pkg?.file.rel ?? null, npmDependencies, needsNpmInstall: npmDependencies.some((d) => !VENDORED.has(d)) };
  const at = (f: FileEntry | undefined): Evidence | null => (f ? { file: f.rel, line: 1 } : null);
  const inAssets = (re: RegExp) => all.find((f) => f.rel.startsWith(`${webPrefix}assets/`) && re.test(f.rel.slice(`${webPrefix}assets/`.length)));
  const atRoot = (re: RegExp) => all.find((f) => f.rel.startsWith(webPrefix) && re.test(f.rel.slice(webPrefix.length)));

  const vite = inAssets(/^vite\.config\.(js|cjs|mjs|ts)$/) ?? atRoot(/^vite\.config\.(js|cjs|mjs|ts)$/);
  if (vite) return { pipeline: 'vite', ...base, evidence: at(vite) };
  const webpack = inAssets(/^webpack\.config\.(js|cjs|mjs|ts)$/) ?? (npmDependencies.includes('webpack') ? pkg?.file : undefined);
  if (webpack) return { pipeline: 'webpack', ...base, evidence: at(webpack) };

  const dep = (n: string) => web.deps.find((d) => d.name === n);
  const esbuildCall = calls.find((c) => c.app === 'esbuild' && c.env !== 'test');
  const tailwindCall = calls.find((c) => c.app === 'tailwind' && c.env !== 'test');
  const esb = esbuildCall ? { file: esbuildCall.file, line: esbuildCall.line } : (dep('esbuild')?.evidence ?? (npmDependencies.includes('esbuild') ? at(pkg?.file) : null));
  const tw = tailwindCall
    ? { file: tailwindCall.file, line: tailwindCall.line }
    : (dep('tailwind')?.evidence ?? (npmDependencies.some((d) => TAILWIND_NPM.test(d)) ? (at(inAssets(/^tailwind\.config\.(js|cjs|mjs|ts)$/)) ?? at(pkg?.file)) : null));
  if (esb && tw) return { pipeline: 'tailwind+esbuild', ...base, evidence: tw };
  if (esb) return { pipeline: 'esbuild', ...base, evidence: esb };
  if (tw) return { pipeline: 'other', ...base, evidence: tw };
  if (pkg && (pkg.scripts['deploy'] || pkg.scripts['build'])) return { pipeline: 'other', ...base, evidence: at(pkg.file) };
  const sibling = siblings[0];
  if (sibling) {
    const viteSibling = sibling.deps.includes('vite') || Object.values(sibling.scripts).some((s) => /\bvite\b/.test(s));
    const webpackSibling = sibling.deps.includes('webpack');
    return { pipeline: viteSibling ? 'vite' : webpackSibling ? 'webpack' : 'other', ...base, evidence: at(sibling.file) };
  }
  return { pipeline: 'none', ...base, evidence: null };
}
