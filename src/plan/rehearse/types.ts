/** What a boot rehearsal found: the outcome of each config phase and of each check on the effective config. */
import type { Evidence } from '../../model/evidence.js';
import type { EnvSource } from './target-env.js';

export type CheckId = 'build-config' | 'build-secret' | 'runtime-config' | 'mix-at-runtime' | 'server' | 'port' | 'url-host' | 'secret-key-base' | 'repo';

export interface RehearsalCheck {
  id: CheckId;
  /** `unknown`: the rehearsal could not decide (a module that is not compiled), never a guess. */
  status: 'pass' | 'fail' | 'unknown';
  message: string;
  /** What to do about a fail or an unknown. */
  fix: string | null;
  /** The config file concerned (relative to the project folder). */
  file: string | null;
  /** Where the variable concerned is read, when the scan found it. */
  evidence: Evidence | null;
}

/** The first raise of a phase, as Elixir reported it. */
export interface PhaseError {
  /** `env`: System.EnvError; `module`: a module (or app) that is not available; `elixir`: a function this Elixir lacks; `raise`: anything else. */
  kind: 'env' | 'module' | 'elixir' | 'raise';
  type: string;
  message: string;
  file: string | null;
  /** The variable it needed: the one System.fetch_env! named, else the last unset one read before the raise. */
  variable: string | null;
  module: string | null;
  function: string | null;
  /** The last variable the phase read before the raise. */
  lastRead: string | null;
}

export interface PhaseReport {
  phase: 'build' | 'run';
  file: string | null;
  reads: { name: string; set: boolean; file: string | null }[];
  error: PhaseError | null;
  mixCalls: string[];
}

export interface Effective {
  endpoint: string | null;
  endpointConfigured: boolean;
  server: boolean;
  port: number | null;
  httpsOnly: boolean;
  host: string | null;
  secretKeyBaseBytes: number | null;
  repos: { module: string; compiled: boolean; connection: string | null; initError: string | null }[];
}

export interface Rehearsal {
  target: string;
  status: 'passed' | 'failed' | 'inconclusive' | 'skipped';
  /** Why it was skipped or could not run (elixir not on PATH, elixir stopped). */
  skipped: string | null;
  elixir: string | null;
  /** The compiled code put on the code path (`_build/prod/lib/*\/ebin`), relative to the project. */
  ebin: string[];
  /** The port the target routes to, which the endpoint must listen on. */
  routedPort: number | null;
  /** The environment of each phase: names and where each value came from (values are never shown). */
  env: { build: { name: string; source: EnvSource }[]; runtime: { name: string; source: EnvSource }[] };
  phases: PhaseReport[];
  checks: RehearsalCheck[];
}
