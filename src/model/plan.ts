/**
 * What a target renders and what the planner shows: files to write, patches to the user's files,
 * secrets to set (names only), cloud resources (priced by `cost`) and provisioning steps (run by `apply`).
 */
import type { Resource } from './resource.js';

export interface GeneratedFile {
  /** Path relative to the Phoenix project folder, forward slashes. */
  path: string;
  content: string;
  /** File mode; 0o755 for scripts. Default 0o644. */
  mode?: number;
  /** One line: what the file is for. */
  description: string;
}

/** A change to a file the user owns (router, application.ex, runtime.exs…), applied only on request. */
export interface Patch {
  id: string;
  file: string;
  description: string;
  /** The whole file before and after; the planner renders the unified diff. */
  before: string;
  after: string;
}

export interface SecretSpec {
  name: string;
  description: string;
  /** How apply can produce it, when it can: a generated random value or a provider attachment. */
  generate: 'secret-key-base' | 'release-cookie' | null;
  /** Where the value comes from when not generated (e.g. "fly postgres attach"). */
  source: string | null;
  required: boolean;
}

/**
 * A read-only provider call that tells whether what a step makes already exists: it exists when the call
 * exits 0 and, with `select`, every selector matches in its JSON output (see src/apply/select.ts).
 */
export interface StepProbe {
  command: string[];
  select?: string[];
  /** The CLI prints one JSON object per line (or an array): selectors see a list either way. */
  jsonLines?: boolean;
}

/** Values a step yields for later steps (`{{output:STEP.KEY}}`), read from JSON, never scraped from text where JSON exists. */
export interface StepOutputs {
  /** A read-only call that prints them (also run when the step is skipped because it existed); default: the step's own stdout. */
  command?: string[];
  /** KEY → selector into the JSON output. */
  values: Record<string, string>;
  /** The output is text, not JSON (only where the CLI has no JSON output): KEY → the label before the value on its line. */
  text?: boolean;
  /** Keys whose values are secrets: kept in memory for this run only, re-read with `command` on resume. */
  sensitive?: string[];
}

export interface Step {
  id: string;
  description: string;
  /** argv of the provider CLI call; never a shell string. Never holds a secret (placeholders of secrets go in `stdin`). */
  command: string[];
  /** argv that undoes the step, when there is one; apply runs it only for what this run created. */
  rollback?: string[];
  /** Sent to the command's standard input, placeholders resolved: the only way secret values reach a provider. */
  stdin?: string;
  /** How placeholders in `stdin` are escaped: 'json' for values inside a JSON string, 'fly-secrets' for the value of a `NAME=VALUE` line of `fly secrets import` (quoted so flyctl's parser keeps every byte). Default: as is. */
  stdinEscape?: 'json' | 'fly-secrets';
  /** Names of the secrets the step carries (for prompts and redaction). */
  secrets?: string[];
  /** Idempotency: when the probe finds the thing, the step is skipped and recorded as pre-existing. */
  probe?: StepProbe;
  /** 'on-change': the step ships code or config and runs again when the project's files changed (build, deploy, apply). */
  rerun?: 'on-change';
  /** argv that reverts this step's update of something that existed before the run (e.g. kubectl rollout undo). */
  undo?: string[];
  outputs?: StepOutputs;
  /** Seconds before apply stops the command and counts the step as failed (default 600). */
  timeoutSeconds?: number;
  /** The step holds user data (volume, database, bucket): destroy keeps it unless --include-data. */
  data?: boolean;
  /** argv that removes what the step made, for `destroy`, when it differs from `rollback`. */
  destroy?: string[];
  /** Ids of steps whose resources go away with this one (a Fly app takes its volumes): destroy keeps it while one of them is kept. */
  holds?: string[];
}

export interface TargetOutput {
  files: GeneratedFile[];
  patches: Patch[];
  resources: Resource[];
  secrets: SecretSpec[];
  steps: Step[];
  /** Plain-language remarks the plan shows (choices made and why, limits of the platform). */
  notes: string[];
}

/** Choices the user made that change what a target renders. */
export interface RenderOptions {
  /** Ids of the patches that will be applied (e.g. "health-route"): probes use a route only a patch adds only when it is applied. */
  acceptedPatches?: ReadonlySet<string>;
  /** Paths (project-relative) of files the project keeps as they are (the writer will not replace them): targets render for them, e.g. a kept Dockerfile's port. */
  keptFiles?: ReadonlySet<string>;
}

export interface Plan extends TargetOutput {
  target: string;
}
