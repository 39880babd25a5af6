/**
 * The asset pipeline: Mix-managed esbuild/tailwind (config + deps), or a Node toolchain
 * (webpack, vite, other) driven by `assets/package.json`, and whether npm packages must be installed.
 */
import type { FileEntry, Warnings } from '../files.js';
import { readText } from '../files.js';
import type { AssetsInfo, ConfigCall, Evidence, MixProject } from '../profile.js';

/** Packages Phoenix apps reference from deps/ (not npm): they need no `npm install`. */
const VENDORED = new Set(['phoenix', 'phoenix_html', 'phoenix_live_view', 'topbar']);

export function extractAssets(all: FileEntry[], webPrefix: string, calls: ConfigCall[], web: MixProject, warnings: Warnings): AssetsInfo {
  const pkg = all.find((f) => f.rel === `${webPrefix}assets/package.json`) ?? all.find((f) => f.rel === `${webPrefix}package.json`);
  let npmDependencies: string[] = [];
  let scripts: Record<string, string> = {};
  let pkgLine: Evidence | null = null;
  if (pkg) {
    const text = readText(pkg.abs, pkg.rel, warnings);
    if (text !== null) {
      try {
        const json = JSON.parse(text) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; scripts?: Record<string, string> };
        npmDependencies = [...Object.keys(json.dependencies ?? {}), ...Object.keys(json.devDependencies ?? {})].sort();
        scripts = json.scripts ?? {};
        pkgLine = { file: pkg.rel, line: 1 };
      } catch (e) {
        warnings.add('parse-error', `${pkg.rel}: invalid JSON: ${e instanceof Error ? e.message : String(e)}`, pkg.rel);
      }
    }
  }
  const has = (re: RegExp) => all.find((f) => f.rel.startsWith(`${webPrefix}assets/`) && re.test(f.rel.slice(`${webPrefix}assets/`.length)));
  const webpack = has(/^webpack\.config\.(js|cjs|mjs|ts)$/) ?? (npmDependencies.includes('webpack') ? pkg : undefined);
  const vite = has(/^vite\.config\.(js|cjs|mjs|ts)$/) ?? all.find((f) => f.rel === `${webPrefix}vite.config.js` || f.rel === `${webPrefix}vite.config.ts`);
  const esbuildCall = calls.find((c) => c.app === 'esbuild' && c.env !== 'test');
  const tailwindCall = calls.find((c) => c.app === 'tailwind' && c.env !== 'test');
  const dep = (n: string) => web.deps.find((d) => d.name === n);
  const needs = npmDependencies.some((d) => !VENDORED.has(d));
  const base = { packageJson: pkg?.rel ?? null, npmDependencies, needsNpmInstall: needs };
  if (vite) return { pipeline: 'vite', ...base, evidence: { file: vite.rel, line: 1 } };
  if (webpack) return { pipeline: 'webpack', ...base, evidence: { file: webpack.rel, line: 1 } };
  const esb = esbuildCall ? { file: esbuildCall.file, line: esbuildCall.line } : dep('esbuild')?.evidence;
  const tw = tailwindCall ? { file: tailwindCall.file, line: tailwindCall.line } : dep('tailwind')?.evidence;
  if (esb && tw) return { pipeline: 'tailwind+esbuild', ...base, evidence: tw };
  if (esb) return { pipeline: 'esbuild', ...base, evidence: esb };
  if (tw) return { pipeline: 'other', ...base, evidence: tw };
  if (pkg && (scripts.deploy || scripts.build)) return { pipeline: 'other', ...base, evidence: pkgLine };
  return { pipeline: 'none', ...base, evidence: null };
}
