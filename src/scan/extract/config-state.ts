/**
 * What the config evaluator knows at one statement (file, environments, runtime or build time,
 * conditional or not, bindings), and what a statement handler may ask of it. The handlers live in
 * config-statements.ts, the evaluator in config.ts.
 */
import type { ConfigResolver } from '../elixir/env-condition.js';
import type { Node } from '../elixir/parser.js';
import type { EnvHelper, TermContext } from '../elixir/to-term.js';
import type { ConfigEnv, ConfigFile, ConfigGuard, MixEnv } from '../profile.js';
import type { Term } from '../term.js';

export type EnvSet = Set<MixEnv>;

const MIX_ENVS = ['dev', 'test', 'prod'] as const;

export function allEnvs(): EnvSet {
  return new Set(MIX_ENVS);
}

/** The single environment of a set, `all` when prod is among several, `other` for dev+test. */
export function envOfSet(s: EnvSet): ConfigEnv {
  if (s.size === 3) return 'all';
  const [only] = s;
  if (s.size === 1 && only !== undefined) return only;
  if (s.has('prod')) return 'all';
  return 'other';
}

/** The environments a config file applies to by its name (`dev.exs`, `prod.secret.exs`…), or null for any. */
export function envSetForFile(file: string): EnvSet | null {
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (base === 'dev.exs') return new Set(['dev']);
  if (base === 'test.exs') return new Set(['test']);
  if (base === 'prod.exs' || base === 'prod.secret.exs' || base === 'releases.exs') return new Set(['prod']);
  return null;
}

export function sortedEnvs(s: EnvSet): MixEnv[] {
  return MIX_ENVS.filter((e) => s.has(e));
}

export function complement(s: EnvSet): EnvSet {
  return new Set(MIX_ENVS.filter((e) => !s.has(e)));
}

export function intersect(a: EnvSet, b: EnvSet): EnvSet {
  return new Set([...a].filter((x) => b.has(x)));
}

/** The folder of a root-relative file (`.` at the root). */
export function dirOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
}

/** Where evaluation stands at one statement. */
export interface State {
  file: string;
  /** The environments the statement runs in. */
  envs: EnvSet;
  /** A runtime config file (runtime.exs, releases.exs), not build time. */
  runtime: boolean;
  /** Inside a branch that may not run in prod. */
  conditional: boolean;
  /** The undecided conditions the statements run under (see ConfigGuard). */
  guards: ConfigGuard[];
  /** Variables, helpers and aliases bound so far in the file. */
  ctx: TermContext;
  /** The file's entry in the result, where its imports are listed. */
  entry: ConfigFile;
}

/** What a statement handler may ask of the evaluator. */
export interface Evaluation {
  /** Evaluates statements in order. */
  statements(nodes: readonly Node[], st: State): void;
  /** Records the env reads in a term (each once), as feeding `app`/`key` at `path` when given. */
  register(term: Term, st: State, setting?: { app: string; key: string | null }): void;
  /** Records a `config` call. */
  config(app: string, key: string | null, opts: Term, st: State, line: number): void;
  /** Imports one file, or every file present that a glob matches, in name order. */
  importPath(path: string, st: State): void;
  /** Imports one file for the given environments, when present. */
  importFile(file: string, envs: EnvSet, st: State): void;
  /** `Code.require_file`/`Code.eval_file` of a config file: evaluated in place, like an import. */
  requireFile(n: Node, st: State): void;
  /**
   * A call of a zero-arity project function that calls `config` itself (`MyApp.config_runtime()`):
   * its body is evaluated here. False when the call is not one.
   */
  followConfigFunction(n: Node, st: State): boolean;
  /**
   * Marks as required the prod reads a statement decides on when the branch taken with the variable
   * unset raises (`if System.get_env("X") do … else raise … end`, `case x do nil -> raise … end`).
   */
  requiredByRaise(n: Node, term: Term | null, st: State): void;
  /** True when the config file is present. */
  present(file: string): boolean;
  /** What config set so far says (`Application.compile_env(:app, :flag)` in a condition). */
  resolveSoFar: ConfigResolver;
  /** Env helpers of the project modules the file references: module → function → helper. */
  moduleHelpers(file: string): ReadonlyMap<string, ReadonlyMap<string, EnvHelper>> | undefined;
}
