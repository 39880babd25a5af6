/**
 * docs/providers.md lists every provider command apply, status and destroy issue. The commands are collected
 * from the code itself: every argv of every step the targets build (command, probe, outputs, rollback, undo,
 * destroy) for projects that take each branch, and every call the adapters make (version, login, run
 * environment, status, service URL) through a recording runner. A command with no row in the table fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AdapterContext } from '../../src/apply/adapter.js';
import { targetAdapters } from '../../src/apply/adapters/index.js';
import type { RunResult, Runner } from '../../src/apply/runner.js';
import type { Plan, Step } from '../../src/model/plan.js';
import type { TargetId } from '../../src/targets/types.js';
import { fixture, makeProject, REPO, type Edits } from '../helpers/project.js';
import { replan } from './harness.js';

/** Flags that take the next word as their value: skipped with it, so only the command's words and positionals remain. */
const VALUE_FLAGS = new Set([
  '--app', '--name', '--region', '--plan', '--volume-size', '--size', '--initial-cluster-size', '--vm-size', '--org', '--namespace', '--output',
  '--file', '--env-file', '--format', '--tag', '--platform', '--label', '--secret', '--project', '--kustomize', '--selector', '--filename', '-o', '-f',
]);

/** The words of a command line without its flags: `kubectl --namespace ns get deployment x --output json` → kubectl get deployment x. */
export function commandWords(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a.startsWith('-') && a.length > 1) {
      if (VALUE_FLAGS.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** A row's command (`fly apps create <app>`) matches when its words start the argv's words; `<…>` stands for any one word. */
export function rowMatches(row: readonly string[], words: readonly string[]): boolean {
  return row.length <= words.length && row.every((w, i) => w.includes('<') || w === words[i]);
}

function stepArgvs(s: Step): string[][] {
  return [s.command, s.probe?.command, s.outputs?.command, s.rollback, s.undo, s.destroy].filter((a): a is string[] => !!a);
}

interface Variant {
  target: TargetId;
  yaml: string;
  edits?: Edits;
  base?: string;
}

const VARIANTS: Variant[] = [
  { target: 'fly', yaml: 'version: 1\napp: hello-phoenix\ntargets: [fly]\nfly: { org: acme }\n' },
  { target: 'fly', yaml: 'version: 1\napp: hello-phoenix\ntargets: [fly]\ndatabase: { mode: self }\nredis: { enabled: true, plan: "Fixed 250MB" }\n' },
  { target: 'fly', yaml: 'version: 1\napp: notes\ntargets: [fly]\nredis: { enabled: true }\nstorage: { enabled: true }\nsecrets: [MAILER_API_KEY]\n', base: fixture('sqlite') },
  { target: 'cloudrun', yaml: 'version: 1\napp: hello-phoenix\ntargets: [cloudrun]\nredis: { enabled: true }\ncloudrun: { project: acme-prod-123 }\nhost: app.example.test\n' },
  { target: 'cloudrun', yaml: 'version: 1\napp: api\ntargets: [cloudrun]\ncloudrun: { project: acme-prod-123 }\n', base: fixture('api-no-ecto') },
  { target: 'aws', yaml: 'version: 1\napp: hello-phoenix\ntargets: [aws]\nhost: app.example.test\n' },
  { target: 'aws', yaml: 'version: 1\napp: api\ntargets: [aws]\n', base: fixture('api-no-ecto') },
  { target: 'k8s', yaml: 'version: 1\napp: hello-phoenix\ntargets: [k8s]\nk8s: { image: registry.example.test/acme/hello-phoenix:1.4.2 }\n' },
  { target: 'compose', yaml: 'version: 1\napp: hello-phoenix\ntargets: [compose]\n' },
  { target: 'compose', yaml: 'version: 1\napp: notes\ntargets: [compose]\n', base: fixture('sqlite') },
  { target: 'systemd', yaml: 'version: 1\napp: hello-phoenix\ntargets: [systemd]\nsystemd: { host: deploy@app.example.test }\n' },
  { target: 'gigalixir', yaml: 'version: 1\napp: hello-phoenix\ntargets: [gigalixir]\n' },
  { target: 'gigalixir', yaml: 'version: 1\napp: notes\ntargets: [gigalixir]\ndatabase: { plan: free }\nsecrets: [MAILER_API_KEY]\n' },
  // With a domain: the nginx step (certbot, the site) is planned too.
  { target: 'systemd', yaml: 'version: 1\napp: hello-phoenix\ntargets: [systemd]\nhost: app.example.test\nsystemd: { host: deploy@app.example.test }\n' },
];

function recorder(calls: string[][]): Runner {
  return async (o): Promise<RunResult> => {
    calls.push(o.argv);
    return { code: 0, stdout: '{}', stderr: '', timedOut: false, aborted: false, spawnError: null };
  };
}

/** Every argv the adapter of `plan`'s target issues: version checks, login checks, run environment, status, service URL. */
async function adapterArgvs(p: { dir: string; plan: Plan; config: AdapterContext['config'] }): Promise<string[][]> {
  const entry = targetAdapters.find((t) => t.target === p.plan.target);
  if (!entry) return [];
  const calls: string[][] = [];
  const ctx: AdapterContext = { projectDir: p.dir, plan: p.plan, config: { ...p.config, fly: { org: null } }, app: p.config.app, env: {}, runner: recorder(calls) };
  const a = entry.adapter;
  for (const t of a.tools(ctx)) calls.push([t.bin, ...t.version]);
  for (const c of a.auth(ctx)) calls.push(c.argv);
  await a.runEnv?.(ctx);
  await a.status(ctx);
  await a.serviceUrl?.(ctx);
  return calls;
}

async function issuedCommands(): Promise<Map<string, string[]>> {
  const all = new Map<string, string[]>();
  for (const v of VARIANTS) {
    const p = await replan(makeProject({ 'phoenix-ops.yaml': v.yaml, ...(v.edits ?? {}) }, v.base), v.target, false);
    const argvs = [...p.plan.steps.flatMap(stepArgvs), ...(await adapterArgvs(p))];
    for (const argv of argvs) all.set(argv.join(' '), argv);
  }
  return all;
}

/** The command (the code span opening the first cell) of every table row in docs/providers.md, as command words. */
function documentedRows(): string[][] {
  const lines = readFileSync(join(REPO, 'docs', 'providers.md'), 'utf8').split('\n');
  return lines.flatMap((l) => {
    const cell = /^\|\s*`([^`]+)`/.exec(l)?.[1];
    return cell ? [commandWords(cell.trim().split(/\s+/))] : [];
  });
}

describe('docs/providers.md', { timeout: 300_000 }, () => {
  it('has a row for every provider command the targets and adapters issue', async () => {
    const rows = documentedRows();
    const issued = await issuedCommands();
    expect(rows.length).toBeGreaterThan(40);
    // The collection reaches every target and the commands this issue added.
    for (const k of ['fly orgs list', 'fly redis create', 'docker compose', 'gcloud run jobs execute', 'kubectl rollout status', 'ssh -o BatchMode=yes']) {
      expect([...issued.values()].some((a) => a.join(' ').startsWith(k) || commandWords(a).join(' ').startsWith(k)), k).toBe(true);
    }
    const missing = [...issued.values()].filter((argv) => !rows.some((r) => rowMatches(r, commandWords(argv)))).map((a) => a.join(' ').slice(0, 160));
    expect(missing).toEqual([]);
  });

  it('matches a command to a row by its words, flags and their values aside', () => {
    const words = commandWords(['kubectl', '--namespace', 'shop', 'rollout', 'undo', 'deployment/shop', '--to-revision=3']);
    expect(words).toEqual(['kubectl', 'rollout', 'undo', 'deployment/shop']);
    expect(rowMatches(['kubectl', 'rollout', 'undo', '<deployment>'], words)).toBe(true);
    expect(rowMatches(['kubectl', 'rollout', 'restart', '<deployment>'], words)).toBe(false);
    expect(rowMatches(['fly', 'apps', 'create', '<app>'], commandWords(['fly', 'apps', 'destroy', 'x', '--yes']))).toBe(false);
  });
});
