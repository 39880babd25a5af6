/**
 * Shared by commands: scan the folder, find the project, load phoenix-ops.yaml over the defaults.
 * Stages are imported when a command runs, so `--help` and `--version` load almost nothing.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { Command } from 'commander';
import type { DeployConfig } from '../model/deploy-config.js';
import type { ScanCacheOptions } from '../scan/cache.js';
import type { Profile } from '../scan/profile.js';
import { progress } from './output.js';

export interface ProjectContext {
  profile: Profile;
  config: DeployConfig;
  configFile: string | null;
  configWarnings: string[];
  /** Absolute path of the Phoenix project folder (where generated files go). */
  projectDir: string;
}

export async function loadProject(dir: string, cache?: ScanCacheOptions): Promise<ProjectContext> {
  progress(`scanning ${dir}`);
  const [{ scan }, { loadConfig }] = await Promise.all([import('../scan/index.js'), import('../plan/config.js')]);
  const profile = await scan(dir, { cache });
  // `npm run bench` reads what the scan read and parsed, and how long each phase took.
  if (process.env.PHOENIX_OPS_STATS) process.stderr.write(`@@stats ${JSON.stringify(profile.facts.stats)}\n`);
  const projectDir = profile.projectPath === '.' ? profile.root : join(profile.root, profile.projectPath);
  const loaded = await loadConfig(projectDir, profile, { knownRuleIds });
  for (const w of loaded.warnings) process.stderr.write(`warning: ${w}\n`);
  return { profile, config: loaded.config, configFile: loaded.file, configWarnings: loaded.warnings, projectDir };
}

/** What `audit.ignore` may name: every audit rule and verify check (loaded only when the file has ignores). */
async function knownRuleIds(): Promise<readonly string[]> {
  const [{ rules }, { checks }] = await Promise.all([import('../audit/rules/index.js'), import('../verify/checks/index.js')]);
  return [...rules.map((r) => r.id), ...checks.map((c) => c.id)];
}

/**
 * The path of a folder from the root of the git repository that holds it ('' at the root, or when no
 * repository holds it): SARIF file locations are relative to the repository, as code scanning reads them.
 */
export function pathInRepository(dir: string): string {
  for (let cur = dir; ; cur = dirname(cur)) {
    if (existsSync(join(cur, '.git'))) return relative(cur, dir).split(sep).join('/');
    if (dirname(cur) === cur) return '';
  }
}

/** Comma- or space-separated list option. */
export function listOption(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(/[\s,]+/).filter(Boolean)];
}

export interface CacheFlags {
  cache?: boolean;
  cacheLocation?: string;
}

/** `--cache`, `--no-cache` and `--cache-location` (ESLint's names). The cache is off unless asked for. */
export function addCacheOptions(cmd: Command): Command {
  return cmd
    .option('--cache', 'reuse the last scan of this project while none of the files it read has changed (kept in _build/phoenix-ops/)')
    .option('--no-cache', 'scan from scratch and leave the cache alone (the default)')
    .option('--cache-location <path>', 'folder of the cache files (implies --cache unless --no-cache is given)');
}

/** The cache the flags ask for, or undefined (no cache). */
export function cacheOptions(flags: CacheFlags): ScanCacheOptions | undefined {
  if (flags.cache === false) return undefined;
  if (flags.cacheLocation !== undefined) return { location: flags.cacheLocation };
  return flags.cache ? {} : undefined;
}
