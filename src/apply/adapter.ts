/**
 * What each provider adds to the executor: the CLIs it needs (with a minimum version and how to check the
 * login), what in phoenix-ops.yaml must be set before anything runs, and how `status` checks the live
 * deployment. A target apply can run has its adapter in src/targets/<id>/apply.ts (`export const adapter`);
 * scripts/gen-targets-index.mjs lists them in ./adapters/index.ts.
 */
import type { DeployConfig } from '../model/deploy-config.js';
import type { Plan } from '../model/plan.js';
import { isRecord } from './narrow.js';
import type { Runner } from './runner.js';

export interface AdapterContext {
  projectDir: string;
  plan: Plan;
  /** Files of the plan the project keeps as its own (never written by phoenix-ops): the plan was rendered for them and apply uses them. */
  keptFiles?: ReadonlySet<string>;
  config: DeployConfig;
  app: string;
  env: NodeJS.ProcessEnv;
  runner: Runner;
}

export interface ToolRequirement {
  bin: string;
  /** argv printing the version, JSON where the CLI has it. */
  version: string[];
  /** The version number from the output, or null when unreadable. */
  parse(stdout: string, stderr: string): string | null;
  min: string;
  install: string;
}

export interface AuthCheck {
  what: string;
  argv: string[];
  ok(stdout: string): boolean;
  /** One line: what to run. */
  fix: string;
  /** The CLI's own words for the failure, when worth showing (one line). */
  why?(stdout: string, stderr: string): string | null;
}

export interface StatusCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** What an adapter settles before the steps run: environment for the provider CLIs, or why it cannot. */
export interface RunEnv {
  env: Record<string, string>;
  problems: string[];
  passed: string[];
}

export interface Adapter {
  /** Where the target stands in lists of apply targets (lowest first). */
  order: number;
  tools(ctx: AdapterContext): ToolRequirement[];
  auth(ctx: AdapterContext): AuthCheck[];
  /** Settings that must be real before apply (placeholders left in phoenix-ops.yaml, files to fill in). */
  settings(ctx: AdapterContext): Promise<string[]>;
  /** Asked after the login checks passed: values the CLIs need in their environment (e.g. Fly's org). */
  runEnv?(ctx: AdapterContext): Promise<RunEnv>;
  /** Live checks against the provider, for `status`. */
  status(ctx: AdapterContext): Promise<StatusCheck[]>;
  /** Where the app answers its health path from outside, when known without asking the provider. */
  healthUrl(ctx: AdapterContext, live: StatusCheck[]): string | null;
  /** The service's own URL, asked of the provider, when healthUrl cannot tell (no host set). */
  serviceUrl?(ctx: AdapterContext): Promise<string | null>;
}

/** The first value of `key` in JSON output (tolerant of a CLI printing extra lines before it). */
export function jsonField(text: string, path: string[]): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text.slice(Math.max(0, text.indexOf('{'))));
  } catch {
    return undefined;
  }
  for (const k of path) {
    if (!isRecord(data)) return undefined;
    data = data[k];
  }
  return data;
}

export function versionIn(text: string): string | null {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return m ? m[0] : null;
}

/** -1, 0, 1 comparing dotted numbers. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}
