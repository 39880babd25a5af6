/**
 * The real-app corpus (../shared/corpus, beside the repository) through `check.py generate`: every target
 * on every app, run twice on fresh copies, every new file through a real validator, every env var the
 * app requires provided, every probe on a served path, same bytes twice.
 *
 * The runs go in parallel, one check.py per core at a time, each on one app × target. Locally,
 * PHOENIX_OPS_CORPUS_TARGETS=fly,k8s runs a subset of the targets; CI runs all ten. The boot
 * rehearsal (which only adds preflight warnings, never changes what is written) is off for these runs
 * (PHOENIX_OPS_NO_REHEARSE=1): it would start one BEAM per CLI run; test/plan/rehearse.test.ts covers it. Needs the build
 * (bin/phoenix-ops.js runs dist/), which scripts/test.sh makes before vitest.
 *
 * A ratchet: the number of valid runs stays at or above the last landed figure (GENERATE_BAR, on 38
 * apps × 7 targets), and only goes up. Every failing run is printed, split into those that fail only
 * because the scan does not report a variable as required (the scan's recall, measured by
 * `check.py scan`) and the others (generate's own faults).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { EXTRA_CA_KEPT } from '../helpers/extra-ca.js';
import { REPO } from '../helpers/project.js';

const CORPUS = join(REPO, '..', 'shared', 'corpus');
const present = existsSync(join(CORPUS, 'check.py')) && existsSync(join(CORPUS, 'truth.json'));
const ALL = ['docker', 'fly', 'k8s', 'cloudrun', 'aws', 'systemd', 'github-actions', 'compose', 'render', 'gigalixir'];
/**
 * Valid app × target runs (all ten targets on every corpus app), measured on the commit that added
 * aws, render and gigalixir: 352 of 380. The 28 others are deliberate refusals: four apps keep a
 * rel/env.sh.eex that builds RELEASE_NODE from FLY_* variables only, so on the seven targets that are
 * not Fly (docker and github-actions excepted) the preflight stops generate before it writes a
 * deployment whose release cannot start.
 */
const GENERATE_BAR = 356;
const targets = process.env.CI ? ALL : (process.env.PHOENIX_OPS_CORPUS_TARGETS?.split(',').filter(Boolean) ?? ALL);

if (!present) console.warn(`corpus generate run skipped: ${CORPUS} not found (it sits beside the repository in CI)`);

interface Truth {
  repo: string;
  root?: string;
}

/**
 * One job per app × target, the apps largest on disk first (their copies and scans take longest), run
 * `slots` at a time: each slot takes the next job as soon as its last one ends, so no core waits at
 * the end for a share that was unlucky.
 */
function jobs(apps: Truth[]): { app: string; target: string }[] {
  const size = (name: string) => {
    const r = spawnSync('du', ['-sk', join(CORPUS, 'apps', name)], { encoding: 'utf8' });
    return Number(r.stdout.split('\t')[0]) || 0;
  };
  const sized = apps.map((a) => a.repo.replace('/', '+')).map((name) => ({ name, size: size(name) }));
  sized.sort((a, b) => b.size - a.size || a.name.localeCompare(b.name));
  return sized.flatMap((a) => targets.map((target) => ({ app: a.name, target })));
}

/**
 * Runs the queue. check.py installs its validators (npm packages) once per tools folder and, on every
 * start, copies its validator script into that folder: two check.py processes sharing one folder
 * would rewrite the script while the other runs it. So one job runs alone first (the smallest app's,
 * so that the other core idles least) and installs the packages into the tools folder, or finds them
 * there; then each slot gets a folder of its own whose node_modules is a link to those packages.
 */
async function runAll(queue: { app: string; target: string }[], slots: number): Promise<string[]> {
  const rest = [...queue];
  const first = rest.pop();
  if (!first) return [];
  const home = process.env.PHOENIX_OPS_CORPUS_TOOLS ?? join(tmpdir(), 'phoenix-ops-corpus-tools');
  const outputs = [await runCheck([first.app], [first.target], { PHOENIX_OPS_CORPUS_TOOLS: home, ...registryEnv() })];
  const base = mkdtempSync(join(tmpdir(), 'phoenix-ops-corpus-slots-'));
  let next = 0;
  const slot = async (i: number) => {
    const tools = join(base, String(i));
    mkdirSync(tools);
    symlinkSync(join(home, 'node_modules'), join(tools, 'node_modules'));
    while (next < rest.length) {
      const job = rest[next++]!;
      outputs.push(await runCheck([job.app], [job.target], { PHOENIX_OPS_CORPUS_TOOLS: tools }));
    }
  };
  try {
    await Promise.all(Array.from({ length: slots }, (_, i) => slot(i)));
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  return outputs;
}

/**
 * The first job may install check.py's validators from the npm registry: it gets back the CA bundle
 * test/global-setup.ts takes out of the tests' environment (the other jobs find them installed).
 */
function registryEnv(): NodeJS.ProcessEnv {
  const kept = process.env[EXTRA_CA_KEPT];
  return kept === undefined ? {} : { NODE_EXTRA_CA_CERTS: kept };
}

function runCheck(only: string[], targets: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('python3', [join(CORPUS, 'check.py'), 'generate', '--only', only.join(','), '--targets', targets.join(','), '--', 'node', CLI], {
      cwd: REPO,
      env: { ...process.env, PHOENIX_OPS_NO_REHEARSE: '1', ...env },
    });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('close', () => resolve(out));
  });
}

/** Names the scan of an app reports as required at boot. */
function scanRequired(app: string, root: string): Set<string> {
  const r = runCli(['scan', join(CORPUS, 'apps', app, root), '--json']);
  const env = (JSON.parse(r.stdout) as { runtimeConfig: { env: { name: string; required: boolean }[] } }).runtimeConfig.env;
  return new Set(env.filter((e) => e.required).map((e) => e.name));
}

describe.skipIf(!present)('real-app corpus: check.py generate', () => {
  it(
    `every app × target (${targets.join(', ')}) is valid, consistent, safe and deterministic`,
    async () => {
      expect(statSync(join(REPO, 'dist', 'cli.js')).isFile()).toBe(true);
      const apps = JSON.parse(readFileSync(join(CORPUS, 'truth.json'), 'utf8')) as Truth[];
      const started = Date.now();
      const slots = Math.max(1, Math.min(availableParallelism(), 4));
      const outputs = await runAll(jobs(apps), slots);
      const lines = outputs.flatMap((o) => o.split('\n'));
      const summaries = lines.map((l) => /: (\d+)\/(\d+) app×target runs valid/.exec(l)).filter((m): m is RegExpExecArray => m !== null);
      expect(summaries.length, outputs.join('\n').slice(-2000)).toBe(outputs.length);
      const total = summaries.reduce((n, m) => n + Number(m[2]), 0);
      expect(total).toBe(apps.length * targets.length);
      const ok = summaries.reduce((n, m) => n + Number(m[1]), 0);

      const failing = lines.filter((l) => l.includes('PROBLEMS:'));
      const rootOf = new Map(apps.map((a) => [a.repo.replace('/', '+'), a.root ?? '.']));
      const required = new Map<string, Set<string>>();
      const generateFaults: string[] = [];
      const scanMisses: string[] = [];
      for (const line of failing) {
        const app = line.slice(0, line.indexOf(' ['));
        const problems = line.slice(line.indexOf('PROBLEMS:') + 'PROBLEMS:'.length).split(' | ').map((s) => s.trim());
        if (!required.has(app)) required.set(app, scanRequired(app, rootOf.get(app) ?? '.'));
        const reported = required.get(app)!;
        const own = problems.filter((p) => {
          const m = /^required env not provided: (.*)$/.exec(p);
          if (!m || /\(\+\d+\)$/.test(m[1]!)) return true;
          // "A|B": either one; the run is generate's fault when the scan reported any of them as required.
          return m[1]!.split(', ').some((alt) => alt.split('|').some((n) => reported.has(n)));
        });
        (own.length ? generateFaults : scanMisses).push(line);
      }
      const seconds = Math.round((Date.now() - started) / 1000);
      console.log(
        `corpus generate: ${ok}/${total} runs pass in ${seconds} s on ${slots} processes\n` +
          `${scanMisses.length} fail only on env the scan does not report as required:\n${scanMisses.join('\n')}\n` +
          `${generateFaults.length} fail on generate's own faults:\n${generateFaults.join('\n')}`,
      );
      // The bar holds for the whole run; a subset of targets (PHOENIX_OPS_CORPUS_TARGETS) is scaled to its share.
      expect(ok).toBeGreaterThanOrEqual(Math.floor((GENERATE_BAR * targets.length) / ALL.length));
    },
    40 * 60_000,
  );
});
