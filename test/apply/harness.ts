/**
 * Test harness for apply: a project (a copy of a fixture with phoenix-ops.yaml) whose target files were
 * written by the real writer, the recorder stubs on PATH (./stubs), and apply/destroy run in-process with a
 * reporter that keeps every event and the text a user would see.
 */
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { applyTarget, destroyTarget, envSecretInput, type ApplyEvent, type ApplyOptions, type ApplyRun } from '../../src/apply/index.js';
import { jsonReporter, textReporter } from '../../src/apply/progress.js';
import { colors } from '../../src/cli/output.js';
import { loadConfig } from '../../src/plan/config.js';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import { plan as planTarget } from '../../src/plan/planner.js';
import type { Plan } from '../../src/model/plan.js';
import { readManifest } from '../../src/plan/manifest.js';
import { applyWrites, planWrites } from '../../src/plan/writer.js';
import { scan } from '../../src/scan/index.js';
import type { TargetId } from '../../src/targets/types.js';
import { EXAMPLE, makeProject, REPO, type Edits } from '../helpers/project.js';

export const STUBS = join(REPO, 'test', 'apply', 'stubs');

export interface Call {
  n: number;
  tool: string;
  argv: string[];
  stdinBytes: number;
  write: boolean;
  code: number;
}

const worlds: string[] = [];
afterAll(() => {
  for (const d of worlds.splice(0)) rmSync(d, { recursive: true, force: true });
});

export class StubWorld {
  readonly dir = mkdtempSync(join(tmpdir(), 'phoenix-ops-stubs-'));
  constructor() {
    worlds.push(this.dir);
  }
  env(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${STUBS}:${process.env.PATH}`, STUB_DIR: this.dir, STUB_REAL_KUBECTL: '/usr/bin/kubectl' };
    delete env.STUB_FAIL_AT;
    delete env.STUB_FAIL_ARGV;
    delete env.STUB_FAIL_NTH;
    for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k];
    else env[k] = v;
    return env;
  }
  private read(file: string, fallback: string): string {
    const p = join(this.dir, file);
    return existsSync(p) ? readFileSync(p, 'utf8') : fallback;
  }
  ledger(): Record<string, unknown> {
    return JSON.parse(this.read('ledger.json', '{}')) as Record<string, unknown>;
  }
  calls(): Call[] {
    return this.read('calls.jsonl', '')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Call);
  }
  /** Every secret value the fake providers received. */
  secretValues(): string[] {
    return Object.values(JSON.parse(this.read('secrets.json', '{}')) as Record<string, string[]>).flat();
  }
  /** The recorded calls (argv and stdin lengths): a secret passed on a command line would show up here. */
  calledArgv(): string {
    return this.read('calls.jsonl', '');
  }
}

export interface TargetProject {
  dir: string;
  plan: Plan;
  config: DeployConfig;
  /** Files the project keeps as its own (the CLI's loadTargetPlan decides them like generate). */
  keptFiles?: ReadonlySet<string>;
}

/** A copy of `base` with phoenix-ops.yaml, scanned and planned, the target's files written like `generate` does. */
export async function targetProject(target: TargetId, yaml: string, edits: Edits = {}, base = EXAMPLE): Promise<TargetProject> {
  const dir = makeProject({ 'phoenix-ops.yaml': yaml, ...edits }, base);
  return replan(dir, target);
}

export async function replan(dir: string, target: TargetId, write = true): Promise<TargetProject> {
  const profile = await scan(dir);
  const { config } = await loadConfig(dir, profile);
  const plan = planTarget(profile, config, target);
  if (write) {
    const actions = await planWrites(dir, plan.files, await readManifest(dir));
    await applyWrites(dir, actions, plan.files, { target });
  }
  return { dir, plan, config };
}

export interface Outcome {
  run: ApplyRun;
  events: ApplyEvent[];
  /** What a user sees (text reporter) plus the --json events. */
  output: string;
}

export interface RunOptions {
  resume?: boolean;
  keepOnFailure?: boolean;
  env?: Record<string, string | undefined>;
  timeoutSeconds?: number;
  verify?: ApplyOptions['verify'];
  url?: string;
}

function reporters(events: ApplyEvent[], sink: string[]) {
  const err = { write: (t: string) => sink.push(t.trimEnd()) > 0 } as unknown as NodeJS.WriteStream;
  const text = textReporter({ out: (l) => sink.push(l), err, spinner: false, c: colors(false) });
  const json = jsonReporter((l) => sink.push(l));
  return {
    event(e: ApplyEvent) {
      events.push(e);
      text.event(e);
      json.event(e);
    },
  };
}

export async function runApply(world: StubWorld, p: TargetProject, o: RunOptions = {}): Promise<Outcome> {
  const events: ApplyEvent[] = [];
  const sink: string[] = [];
  const env = world.env(o.env);
  const run = await applyTarget({
    projectDir: p.dir,
    plan: p.plan,
    config: p.config,
    app: p.config.app,
    keptFiles: p.keptFiles,
    env,
    reporter: reporters(events, sink),
    input: envSecretInput(env),
    resume: o.resume,
    keepOnFailure: o.keepOnFailure,
    timeoutSeconds: o.timeoutSeconds,
    verify: o.verify,
    url: o.url,
  });
  return { run, events, output: sink.join('\n') };
}

export async function runDestroy(world: StubWorld, p: TargetProject, o: { includeData?: boolean; env?: Record<string, string | undefined> } = {}) {
  const events: ApplyEvent[] = [];
  const sink: string[] = [];
  const result = await destroyTarget({ projectDir: p.dir, plan: p.plan, config: p.config, app: p.config.app, env: world.env(o.env), reporter: reporters(events, sink), includeData: o.includeData });
  return { result, events, output: sink.join('\n') };
}

export function stateText(p: TargetProject): string {
  const f = join(p.dir, '.phoenix-ops', 'state', `${p.plan.target}.json`);
  return existsSync(f) ? readFileSync(f, 'utf8') : '';
}

const PROVIDER_TOOLS = /(?:^|[\s(])((?:kubectl|fly|gcloud|aws|docker|terraform|ssh|scp)\s[^\n;|)]*)/;

/**
 * The first words of a step's command, up to the first placeholder: what STUB_FAIL_ARGV matches. A
 * `bash -c SCRIPT NAME ARGS…` step fails at its script's first provider call, with "$N" filled in.
 */
export function failWords(argv: string[]): string {
  if (argv[0] === 'bash' && argv[1] === '-c' && argv[2]) {
    const call = PROVIDER_TOOLS.exec(argv[2])?.[1];
    if (call) {
      const words: string[] = [];
      for (const t of call.trim().split(/\s+/)) {
        const arg = /^"\$(\d)"$/.exec(t);
        const value = arg ? (argv[3 + Number(arg[1])] ?? '') : null;
        // An argument apply fills in (a placeholder) is unknown here: the words end before it, as below.
        if (value?.includes('{{')) break;
        if (value !== null) words.push(value);
        else if (/^[\w./:=-]+$/.test(t)) words.push(t);
        else break;
      }
      return words.join(' ');
    }
  }
  const words: string[] = [];
  for (const a of argv) {
    if (a.includes('{{')) break;
    words.push(a);
  }
  return words.join(' ');
}
