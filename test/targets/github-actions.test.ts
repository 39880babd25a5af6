/**
 * The github-actions target on the example app and every fixture, for every deploy target: actionlint,
 * shellcheck on every `run:` script, yamllint, YAML 1.1 survival of `on:` and "yes", SHA pinning with tag
 * comments, least privilege, no expressions inside shells, and the database service iff the app uses one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { defaultConfig } from '../../src/plan/config.js';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import type { TargetOutput } from '../../src/model/plan.js';
import { scan } from '../../src/scan/index.js';
import type { Profile } from '../../src/scan/profile.js';
import { ACTIONS } from '../../src/targets/shared/actions.js';
import { target } from '../../src/targets/github-actions/index.js';
import { MYSQL_IMAGE, POSTGRES_IMAGE } from '../../src/targets/compose/datastores.js';
import type { TargetId } from '../../src/targets/types.js';
import { validateShell } from '../helpers/validate.js';
import { parseYaml11, projectDirs, validateWorkflow, yamllintAll } from '../helpers/validate-more.js';
import { targets } from '../../src/targets/index.js';

/** What the planner passes: the deploy target's own CI job. */
const LOOKUP = { deployJobFor: (id: keyof typeof targets) => targets[id].deployJob ?? null };

type Obj = Record<string, any>;

const DEPLOY_TARGETS: TargetId[] = ['fly', 'k8s', 'cloudrun', 'systemd', 'docker', 'compose'];

interface Case {
  name: string;
  deployTarget: TargetId;
  profile: Profile;
  config: DeployConfig;
  out: TargetOutput;
}

const cases: Case[] = [];
const counts = { workflows: 0, runScripts: 0 };

beforeAll(async () => {
  for (const { name, dir } of projectDirs()) {
    const profile = await scan(dir);
    for (const deployTarget of DEPLOY_TARGETS) {
      const config: DeployConfig = { ...defaultConfig(profile), targets: [deployTarget, 'github-actions'] };
      cases.push({ name: `${name}→${deployTarget}`, deployTarget, profile, config, out: target.render(profile, config, LOOKUP) });
    }
  }
});

const workflows = (c: Case) => c.out.files.filter((f) => f.path.startsWith('.github/workflows/'));
const wf = (c: Case, file: string) => {
  const f = c.out.files.find((x) => x.path === `.github/workflows/${file}`);
  return f ? (parseYaml(f.content) as Obj) : null;
};
const steps = (w: Obj): Obj[] => Object.values(w.jobs as Obj).flatMap((j: Obj) => (j.steps as Obj[]) ?? []);

describe('github-actions target', () => {
  it('writes ci.yml always and deploy.yml for deployable targets', () => {
    for (const c of cases) {
      const paths = c.out.files.map((f) => f.path);
      expect(paths, c.name).toContain('.github/workflows/ci.yml');
      expect(paths.includes('.github/workflows/deploy.yml'), c.name).toBe(c.deployTarget !== 'compose');
    }
  });

  it('actionlint finds nothing', async () => {
    for (const c of cases) {
      for (const f of workflows(c)) {
        await validateWorkflow(f.content, f.path);
        counts.workflows++;
      }
    }
  });

  it('actionlint is wired up (a broken workflow is reported)', async () => {
    await expect(validateWorkflow('on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope }}\n', 'bad.yml')).rejects.toThrow(/actionlint/);
  });

  it('every run: script passes shellcheck and holds no ${{ }} expression', async () => {
    // Identical scripts (the same step in many cases) are checked once.
    const scripts = new Map<string, string>();
    for (const c of cases) {
      for (const f of workflows(c)) {
        for (const s of steps(parseYaml(f.content) as Obj)) {
          if (typeof s.run !== 'string') continue;
          expect(s.run, `${c.name} ${f.path} ${s.name}`).not.toContain('${{');
          if (!scripts.has(s.run)) scripts.set(s.run, `${c.name} ${f.path} "${s.name}"`);
          counts.runScripts++;
        }
      }
    }
    await Promise.all([...scripts].map(([run, where]) => validateShell(`#!/usr/bin/env bash\nset -e\n${run}`, where)));
  });

  it('pins third-party actions to full SHAs with the tag in a comment', () => {
    const known = new Map<string, string>(Object.values(ACTIONS).map((a) => [`${a.repo}@${a.sha}`, a.tag]));
    for (const c of cases) {
      for (const f of workflows(c)) {
        for (const line of f.content.split('\n')) {
          const m = /^\s*(?:- )?uses: (\S+)(?: # (\S+))?$/.exec(line);
          if (!m) continue;
          if (m[1]!.startsWith('./')) continue;
          expect(m[1], `${f.path}: ${line}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
          expect(known.get(m[1]!), line).toBe(m[2]);
        }
      }
    }
  });

  it('least privilege: top-level contents: read, each job declares its own, concurrency set', () => {
    for (const c of cases) {
      for (const f of workflows(c)) {
        const w = parseYaml(f.content) as Obj;
        expect(w.permissions, `${c.name} ${f.path}`).toEqual({ contents: 'read' });
        expect(w.concurrency.group).toBeTruthy();
        for (const [id, job] of Object.entries(w.jobs as Obj)) {
          if (f.path.endsWith('deploy.yml')) expect((job as Obj).permissions, `${c.name} job ${id}`).toBeDefined();
          for (const [scope, level] of Object.entries(((job as Obj).permissions ?? {}) as Obj)) {
            expect(['contents', 'packages', 'id-token'], `${c.name} ${id}`).toContain(scope);
            if (scope === 'contents') expect(level).toBe('read');
          }
        }
      }
    }
  });

  it('`on:` and "yes" stay strings under YAML 1.1; yamllint passes', async () => {
    const all = cases.flatMap((c) => workflows(c).map((f) => ({ name: `${c.name}:${f.path}`, content: f.content })));
    await yamllintAll(all);
    for (const f of all) {
      const doc = parseYaml11(f.content)[0] as Obj;
      expect(Object.keys(doc), f.name).toContain('on');
      expect(doc.on).toEqual((parseYaml(f.content) as Obj).on);
    }
    const mysql = cases.find((c) => c.profile.database === 'mysql');
    if (mysql) {
      const ci = mysql.out.files.find((f) => f.path.endsWith('ci.yml'))!.content;
      const env = (parseYaml11(ci)[0] as Obj).jobs.test.services.mysql.env;
      expect(Object.values(env)).toContain('yes');
    }
  });

  it('CI runs a database service iff the app uses Postgres/MySQL, at the production major version', () => {
    for (const c of cases.filter((x) => x.deployTarget === 'fly')) {
      const job = wf(c, 'ci.yml')!.jobs.test;
      const services = job.services ?? {};
      expect(Boolean(services.postgres), c.name).toBe(c.profile.database === 'postgres');
      expect(Boolean(services.mysql), c.name).toBe(c.profile.database === 'mysql');
      if (services.postgres) {
        expect(services.postgres.image).toBe(POSTGRES_IMAGE);
        expect(services.postgres.ports).toEqual(['5432:5432']);
      }
      if (services.mysql) expect(services.mysql.image).toBe(MYSQL_IMAGE);
      const runs = (job.steps as Obj[]).map((s) => s.run).filter(Boolean);
      expect(runs).toEqual(['mix deps.get', 'mix format --check-formatted', 'mix compile --warnings-as-errors', 'mix test']);
      const beam = (job.steps as Obj[]).find((s) => String(s.uses).startsWith('erlef/setup-beam@'))!;
      expect(beam.with['elixir-version']).toMatch(/^\d+\.\d+\.\d+/);
      if (c.profile.versions.elixir) expect(c.profile.versions.elixir.startsWith(beam.with['elixir-version'])).toBe(true);
      const cache = (job.steps as Obj[]).find((s) => String(s.uses).startsWith('actions/cache@'))!;
      expect(cache.with.key).toContain("hashFiles('");
      expect(cache.with.key).toContain('mix.lock');
    }
  });

  it('deploy.yml: CI first, then the target-specific deploy with migrations before the rollout', () => {
    for (const c of cases) {
      const w = wf(c, 'deploy.yml');
      if (!w) continue;
      expect(w.jobs.ci.uses).toBe('./.github/workflows/ci.yml');
      expect(w.jobs.deploy.needs).toBe('ci');
      expect(w.concurrency['cancel-in-progress']).toBe(false);
      expect(wf(c, 'ci.yml')!.on.workflow_call).toBeDefined();
      const s = steps(w);
      const text = JSON.stringify(s);
      const order = (a: RegExp, b: RegExp) => {
        const ia = s.findIndex((x) => a.test(JSON.stringify(x)));
        const ib = s.findIndex((x) => b.test(JSON.stringify(x)));
        expect(ia, `${c.name}: ${a}`).toBeGreaterThanOrEqual(0);
        expect(ia, `${c.name}: ${a} before ${b}`).toBeLessThan(ib);
      };
      const ecto = c.profile.database === 'postgres' || c.profile.database === 'mysql';
      switch (c.deployTarget) {
        case 'fly':
          expect(text).toContain('flyctl deploy');
          expect(text).toContain('secrets.FLY_API_TOKEN');
          break;
        case 'k8s':
          order(/build-push-action/, /kubectl apply/);
          if (ecto) order(/component=migrate/, /component=web/);
          break;
        case 'cloudrun':
          expect(w.jobs.deploy.permissions['id-token']).toBe('write');
          order(/build-push-action/, /services replace/);
          if (ecto) order(/jobs execute/, /services replace/);
          break;
        case 'systemd':
          order(/deploy.sh build/, /deploy.sh deploy/);
          break;
        case 'docker':
          expect(text).toContain('build-push-action');
          break;
        default:
          break;
      }
    }
  });

  it('no secret values: secrets only through ${{ secrets.* }} / vars', () => {
    for (const c of cases) {
      for (const f of workflows(c)) {
        for (const name of ['SECRET_KEY_BASE', 'DATABASE_URL', 'RELEASE_COOKIE', 'FLY_API_TOKEN', 'KUBE_CONFIG', 'SSH_PRIVATE_KEY']) {
          for (const m of f.content.matchAll(new RegExp(`${name}: (.*)`, 'g'))) expect(m[1], `${c.name} ${f.path}`).toBe(`\${{ secrets.${name} }}`);
        }
      }
    }
  });

  it('is deterministic', () => {
    for (const c of cases) expect(JSON.stringify(target.render(c.profile, c.config, LOOKUP))).toBe(JSON.stringify(c.out));
  });

  it('subfolder projects: paths point into the project folder, with a note to move .github/', () => {
    const found = cases.find((x) => x.profile.projectPath !== '.' && x.deployTarget === 'k8s');
    expect(found, 'the cases include one').toBeDefined();
    const c = found!;
    const ci = wf(c, 'ci.yml')!;
    expect(ci.jobs.test.defaults.run['working-directory']).toBe(c.profile.projectPath);
    expect(c.out.notes.join('\n')).toMatch(/move \.github\//);
  });

  it('reports counts', () => {
    console.log(`github-actions: ${cases.length} project×target cases, ${counts.workflows} workflows through actionlint, ${counts.runScripts} run: scripts through shellcheck`);
  });
});
