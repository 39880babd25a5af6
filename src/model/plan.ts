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

export interface Step {
  id: string;
  description: string;
  /** argv of the provider CLI call; never a shell string. */
  command: string[];
  /** argv that undoes the step, when there is one. */
  rollback?: string[];
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
