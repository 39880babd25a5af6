/**
 * A step's commands as the runner runs them: placeholders resolved (outputs of earlier steps in argv,
 * secrets only on stdin), the timeout and the interrupt applied, a failure described in one redacted
 * line, the probe asked, and the step's outputs read from the CLI's JSON (sensitive ones kept in memory).
 */
import type { Step } from '../../model/plan.js';
import { IMAGE_TAG, IMAGE_TAG_ENV } from '../../model/image-tag.js';
import { chooseImageTag } from '../image-tag.js';
import { resolveArgv, resolveStdin, type Resolvers } from '../placeholders.js';
import { probeSaysAbsent } from '../probe-answer.js';
import type { RunResult, Runner } from '../runner.js';
import type { Vault } from '../secrets.js';
import { matches, parseJsonLines, parseJsonOutput, select, selectText } from '../select.js';
import type { ApplyState, StepState } from '../state.js';
import { DEFAULT_TIMEOUT_SECONDS, StepFailure } from './types.js';

export interface StepCommandsOptions {
  projectDir: string;
  env: NodeJS.ProcessEnv;
  runner: Runner;
  vault: Vault;
  steps: readonly Step[];
  /** Where the non-secret outputs are recorded. */
  state: ApplyState;
  /** Overrides every step's timeout. */
  timeoutSeconds?: number;
  /** Aborted by the second Ctrl-C: stops the running command. */
  signal?: AbortSignal;
  /** Chooses the image tag (default: chooseImageTag of projectDir); asked once, only when a step uses the tag. */
  imageTag?: () => Promise<string>;
}

/** The output key under which a step that used the image tag records it (destroy removes that image). */
export const IMAGE_TAG_OUTPUT = 'image-tag';

/** Whether a step's commands use the image tag apply chooses. */
export function usesImageTag(step: Step): boolean {
  return [step.command, step.rollback, step.undo, step.destroy, step.probe?.command, step.outputs?.command].some((argv) => argv?.some((a) => a.includes(IMAGE_TAG)));
}

/** The state of step `id`; every step of the plan has one from the start of the run. */
export function stepState(state: ApplyState, id: string): StepState {
  const st = state.steps.find((s) => s.id === id);
  if (!st) throw new Error(`no state for step ${id}`);
  return st;
}

export class StepCommands {
  /** Sensitive outputs, `STEP.KEY` → value: this run only, never written. */
  private readonly sensitive = new Map<string, string>();
  private readonly stepById: ReadonlyMap<string, Step>;
  /** The run's image tag, chosen on first use; null when no step of the plan builds an image. */
  private tag: Promise<string> | null = null;
  private readonly buildsImage: boolean;
  readonly resolvers: Resolvers;

  constructor(private readonly o: StepCommandsOptions) {
    this.stepById = new Map(o.steps.map((s) => [s.id, s]));
    this.resolvers = {
      generate: (kind) => o.vault.generate(kind),
      input: (name) => o.vault.ask(name),
      output: (stepId, key) => this.output(stepId, key),
      build: () => this.imageTag(),
    };
    this.buildsImage = o.steps.some(usesImageTag);
  }

  /** The tag of the image this run builds: one per run, the same for every step. */
  imageTag(): Promise<string> {
    this.tag ??= (this.o.imageTag ?? (() => chooseImageTag(this.o.projectDir)))();
    return this.tag;
  }

  /** Records the tag on a step that used it, so destroy removes the image that step built. */
  async noteImageTag(step: Step): Promise<void> {
    if (usesImageTag(step)) stepState(this.o.state, step.id).outputs[IMAGE_TAG_OUTPUT] = await this.imageTag();
  }

  /** Runs argv for `step`; only the step's own command stops on the second Ctrl-C (abortable). */
  async run(step: Step, argv: string[], opts: { stdin?: string; abortable?: boolean } = {}): Promise<RunResult> {
    const timeoutMs = 1000 * (this.o.timeoutSeconds ?? step.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);
    // Every command of a run that builds an image sees its tag (compose.yaml interpolates it in `image:`).
    const env = this.buildsImage ? { ...this.o.env, [IMAGE_TAG_ENV]: await this.imageTag() } : this.o.env;
    return this.o.runner({ argv, cwd: this.o.projectDir, env, stdin: opts.stdin, timeoutMs, signal: opts.abortable ? this.o.signal : undefined });
  }

  /** argv with the outputs of earlier steps filled in. */
  argv(template: string[]): Promise<string[]> {
    return resolveArgv(template, this.resolvers);
  }

  /** The step's stdin with every placeholder filled in, or undefined when it has none. */
  stdin(step: Step): Promise<string | undefined> {
    return step.stdin === undefined ? Promise.resolve(undefined) : resolveStdin(step.stdin, this.resolvers, step.stdinEscape);
  }

  redact(text: string): string {
    return this.o.vault.redact(text);
  }

  /** One line: the command, why it failed, the last line of its stderr — redacted. */
  failure(argv: string[], r: RunResult): StepFailure {
    const cmd = argv.slice(0, 3).join(' ');
    const why = r.spawnError ?? (r.timedOut ? `timed out` : r.aborted ? 'stopped (interrupted)' : `exited with ${r.code}`);
    const lastLine = this.redact(r.stderr.trim()).split('\n').filter(Boolean).pop() ?? '';
    return new StepFailure(`${cmd} ${why}${lastLine ? `: ${lastLine}` : ''}`, this.redact(r.stderr));
  }

  /** Any error as a StepFailure, its message redacted. */
  asFailure(err: unknown, message = err instanceof Error ? err.message : String(err)): StepFailure {
    return err instanceof StepFailure ? err : new StepFailure(this.redact(message), '');
  }

  /** Whether the step's thing exists already: its probe exits 0 and every selector matches its JSON. */
  async probe(step: Step): Promise<boolean> {
    if (!step.probe) return false;
    const argv = await this.argv(step.probe.command);
    const r = await this.run(step, argv);
    if (r.spawnError) throw this.failure(argv, r);
    if (r.code !== 0) {
      if (probeSaysAbsent(argv, r.code, r.stderr)) return false;
      const f = this.failure(argv, r);
      throw new StepFailure(`could not tell whether ${step.id} exists, so it was not run: ${f.message}`, f.stderr);
    }
    if (!step.probe.select?.length) return true;
    const data = step.probe.jsonLines ? parseJsonLines(r.stdout) : parseJsonOutput(r.stdout);
    return data !== undefined && step.probe.select.every((sel) => matches(data, sel));
  }

  /** Reads a step's outputs from its own stdout (null: it did not run) or from its outputs command. */
  async readOutputs(step: Step, ownStdout: string | null): Promise<void> {
    const spec = step.outputs;
    if (!spec) return;
    const text = spec.command || ownStdout === null ? await this.outputsText(step, spec.command) : ownStdout;
    const data = spec.text ? null : parseJsonOutput(text);
    if (!spec.text && data === undefined) throw new StepFailure(`${step.id}: the output is not JSON`, '');
    const st = stepState(this.o.state, step.id);
    for (const [key, selector] of Object.entries(spec.values)) {
      const v = spec.text ? selectText(text, selector) : select(data, selector);
      if (v === undefined || v === null || typeof v === 'object') throw new StepFailure(`${step.id}: no "${selector}" in the output`, '');
      const value = String(v);
      if (spec.sensitive?.includes(key)) {
        this.sensitive.set(`${step.id}.${key}`, value);
        this.o.vault.remember(value);
      } else st.outputs[key] = value;
    }
  }

  private async outputsText(step: Step, command: string[] | undefined): Promise<string> {
    if (!command) throw new StepFailure(`cannot read the outputs of ${step.id}: it did not run in this apply and has no query command`, '');
    const argv = await this.argv(command);
    const r = await this.run(step, argv);
    if (r.code !== 0) throw this.failure(argv, r);
    return r.stdout;
  }

  private known(stepId: string, key: string): string | undefined {
    return this.sensitive.get(`${stepId}.${key}`) ?? this.o.state.steps.find((s) => s.id === stepId)?.outputs[key];
  }

  /** `{{output:STEP.KEY}}`: from memory, from the state, or read again with the step's outputs command. */
  private async output(stepId: string, key: string): Promise<string> {
    const known = this.known(stepId, key);
    if (known !== undefined) return known;
    const source = this.stepById.get(stepId);
    if (source?.outputs?.command) {
      await this.readOutputs(source, null);
      const again = this.known(stepId, key);
      if (again !== undefined) return again;
    }
    throw new StepFailure(`no output "${key}" from step ${stepId}`, '');
  }
}
