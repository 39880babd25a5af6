/**
 * The cloudrun target on the example app and every fixture: service/job YAML checked field by field
 * (containers against the Kubernetes Container model), Terraform parsed with hcl2json with every var.x
 * declared, yamllint, determinism, and the platform facts: CPU always allocated iff LiveView/Oban, no
 * clustering, Redis PubSub patch when instances must share broadcasts, secrets only by reference.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { defaultConfig } from '../../src/plan/config.js';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import type { TargetOutput } from '../../src/model/plan.js';
import { scan } from '../../src/scan/index.js';
import type { Profile } from '../../src/scan/profile.js';
import { patchApplication, patchMixExs } from '../../src/targets/cloudrun/pubsub-patch.js';
import { target } from '../../src/targets/cloudrun/index.js';
import { validateElixirFiles } from '../helpers/validate.js';
import { parseYaml11, projectDirs, unknownFieldsAs, validateK8sObject, validateTerraform, withSources, yamllintAll } from '../helpers/validate-more.js';

/** Rendered as generate --apply-patches does: the health route patch is applied, so probes ask for it. */
const APPLIED = { acceptedPatches: new Set(['health-route']) };

type Obj = Record<string, any>;

interface Case {
  name: string;
  profile: Profile;
  config: DeployConfig;
  out: TargetOutput;
}

const cases: Case[] = [];
const counts = { containers: 0, tfFiles: 0, yaml: 0, patches: 0 };

/** Files a Cloud Run patch may touch: each app's application.ex and mix.exs. */
function patchable(p: Profile): string[] {
  return [...p.facts.applications.map((a) => a.file), ...p.facts.projects.map((x) => x.mixFile)];
}

function crConfig(profile: Profile, overrides: Partial<DeployConfig> = {}): DeployConfig {
  return { ...defaultConfig(profile), targets: ['cloudrun'], region: 'europe-west1', cloudrun: { project: 'acme-prod', image: null }, ...overrides };
}

beforeAll(async () => {
  for (const { name, dir } of projectDirs()) {
    const scanned = await scan(dir);
    const profile = withSources(scanned, dir, patchable(scanned));
    const config = crConfig(profile);
    cases.push({ name, profile, config, out: target.render(profile, config, APPLIED) });
  }
});

const file = (c: Case, path: string) => c.out.files.find((f) => f.path === path)?.content;
const serviceOf = (c: Case) => parseYaml(file(c, 'deploy/cloudrun/service.yaml')!) as Obj;

/** Only the fields Cloud Run's Knative surface accepts at each level (unknown ones fail `gcloud ... replace`). */
function checkKeys(obj: Obj, allowed: string[], where: string): void {
  for (const k of Object.keys(obj)) expect(allowed, `${where}: unexpected field ${k}`).toContain(k);
}

describe('cloudrun target', () => {
  it('has metadata and includes docker', () => {
    expect(target.id).toBe('cloudrun');
    expect(target.includes).toEqual(['docker']);
  });

  it('service and job YAML have the Cloud Run shape; containers pass the Container model', async () => {
    for (const c of cases) {
      const svc = serviceOf(c);
      checkKeys(svc, ['apiVersion', 'kind', 'metadata', 'spec'], `${c.name} service`);
      expect(svc.apiVersion).toBe('serving.knative.dev/v1');
      expect(svc.kind).toBe('Service');
      checkKeys(svc.metadata, ['name', 'labels', 'annotations'], `${c.name} service.metadata`);
      checkKeys(svc.spec, ['template', 'traffic'], `${c.name} service.spec`);
      checkKeys(svc.spec.template, ['metadata', 'spec'], `${c.name} template`);
      checkKeys(svc.spec.template.spec, ['containerConcurrency', 'timeoutSeconds', 'serviceAccountName', 'containers', 'volumes'], `${c.name} template.spec`);
      for (const v of Object.values({ ...svc.metadata.annotations, ...svc.spec.template.metadata.annotations })) expect(typeof v).toBe('string');
      const containers = [...svc.spec.template.spec.containers];
      const jobText = file(c, 'deploy/cloudrun/migrate-job.yaml');
      if (jobText) {
        const job = parseYaml(jobText) as Obj;
        expect(job.apiVersion).toBe('run.googleapis.com/v1');
        expect(job.kind).toBe('Job');
        checkKeys(job.spec.template.spec, ['parallelism', 'taskCount', 'template'], `${c.name} job.template.spec`);
        checkKeys(job.spec.template.spec.template.spec, ['containers', 'maxRetries', 'timeoutSeconds', 'serviceAccountName', 'volumes'], `${c.name} task spec`);
        expect(job.spec.template.spec.template.spec.containers[0].command).toEqual(['/app/bin/migrate']);
        containers.push(...job.spec.template.spec.template.spec.containers);
      }
      for (const ctr of containers) {
        expect(unknownFieldsAs(ctr, 'v1', 'Container'), `${c.name} container`).toEqual([]);
        await validateK8sObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { containers: [ctr] } }, `${c.name} container`);
        counts.containers++;
      }
    }
  });

  it('Terraform parses and declares every variable it uses', async () => {
    for (const c of cases) {
      const tf = c.out.files.filter((f) => f.path.startsWith('deploy/cloudrun/terraform/')).map((f) => ({ path: f.path, content: f.content }));
      const parsed = await validateTerraform(tf);
      counts.tfFiles += tf.length;
      const all = JSON.stringify(parsed);
      expect(all, c.name).not.toContain('google_secret_manager_secret_version');
      expect(all.includes('google_sql_database_instance'), c.name).toBe(c.profile.database === 'postgres' || c.profile.database === 'mysql');
      const ids = Object.keys(parsed);
      for (const required of ['versions.tf', 'variables.tf', 'outputs.tf', 'secrets.tf', 'artifact-registry.tf', 'service-account.tf']) {
        expect(ids, c.name).toContain(`deploy/cloudrun/terraform/${required}`);
      }
    }
  });

  it('a Terraform file that uses an undeclared variable is refused', async () => {
    await expect(validateTerraform([{ path: 'x.tf', content: 'resource "a" "b" {\n  name = var.nope\n}\n' }])).rejects.toThrow(/var\.nope is not declared/);
  });

  it('YAML passes yamllint and a YAML 1.1 parse', async () => {
    const all = cases.flatMap((c) => c.out.files.filter((f) => f.path.endsWith('.yaml')).map((f) => ({ name: `${c.name}:${f.path}`, content: f.content })));
    await yamllintAll(all);
    for (const f of all) expect(parseYaml11(f.content)[0], f.name).toEqual(parseYaml(f.content));
    counts.yaml = all.length;
  });

  it('is deterministic', () => {
    for (const c of cases) expect(JSON.stringify(target.render(c.profile, c.config, APPLIED)), c.name).toBe(JSON.stringify(c.out));
  });

  it('CPU is always allocated iff LiveView or Oban', () => {
    for (const c of cases) {
      const a = serviceOf(c).spec.template.metadata.annotations;
      const always = c.profile.liveView || c.profile.oban;
      expect(a['run.googleapis.com/cpu-throttling'] === 'false', c.name).toBe(always);
      expect(c.out.resources.find((r) => r.kind === 'cloudrun-service')).toMatchObject({ cpuAlwaysAllocated: always });
      expect(a['run.googleapis.com/sessionAffinity'] === 'true').toBe(c.profile.liveView);
    }
  });

  it('probes hit the health path; Cloud SQL is attached when used; scaling from the config', () => {
    for (const c of cases) {
      const svc = serviceOf(c);
      const a = svc.spec.template.metadata.annotations;
      const ctr = svc.spec.template.spec.containers[0];
      expect(ctr.startupProbe.httpGet.path).toBe(c.config.health.path);
      expect(ctr.livenessProbe.httpGet.path).toBe(c.config.health.path);
      expect(ctr.ports[0].containerPort).toBe(c.config.port);
      expect(ctr.env.map((e: Obj) => e.name)).not.toContain('PORT');
      const sql = c.profile.database === 'postgres' || c.profile.database === 'mysql';
      expect(a['run.googleapis.com/cloudsql-instances'], c.name).toBe(sql ? `acme-prod:europe-west1:${c.config.app}-db` : undefined);
      // SQLite: one instance (each instance would have its own database).
      expect(a['autoscaling.knative.dev/maxScale']).toBe(c.profile.database === 'sqlite' ? '1' : String(c.config.machine.maxCount));
      const kinds = c.out.resources.map((r) => r.kind);
      expect(kinds).toEqual(expect.arrayContaining(['cloudrun-service', 'artifact-registry', 'secret-manager']));
      expect(kinds.includes('cloudsql')).toBe(sql);
      expect(kinds.includes('cloudrun-job')).toBe(sql);
    }
  });

  it('no BEAM clustering on Cloud Run: no DNS_CLUSTER_QUERY, RELEASE_NODE or cookie', () => {
    for (const c of cases) {
      const text = file(c, 'deploy/cloudrun/service.yaml')!;
      for (const name of ['DNS_CLUSTER_QUERY', 'RELEASE_NODE', 'RELEASE_COOKIE', 'RELEASE_DISTRIBUTION']) expect(text, c.name).not.toContain(name);
      expect(c.out.secrets.map((s) => s.name)).not.toContain('RELEASE_COOKIE');
      expect(c.out.notes.join('\n')).toMatch(/cannot form/);
    }
  });

  it('offers the Redis PubSub patch (and Memorystore) when PubSub must cross instances', async () => {
    const elixir: { name: string; code: string }[] = [];
    for (const c of cases) {
      const crossInstance = c.profile.database !== 'sqlite' && (c.profile.clustering !== 'none' || c.profile.liveView || c.profile.facts.usage.presence.length > 0);
      const needsSwitch = crossInstance && c.profile.pubsub !== 'redis';
      const ids = c.out.patches.map((p) => p.id);
      expect(ids.includes('cloudrun-pubsub-redis-adapter'), c.name).toBe(needsSwitch);
      expect(c.out.resources.some((r) => r.kind === 'memorystore'), c.name).toBe(crossInstance || c.out.secrets.some((s) => s.name === 'REDIS_URL'));
      if (needsSwitch) {
        const svc = file(c, 'deploy/cloudrun/service.yaml')!;
        expect(svc).toContain('REDIS_URL');
        expect(svc).toContain('run.googleapis.com/vpc-access-egress');
        expect(c.out.notes.join('\n')).toMatch(/Redis adapter/);
      }
      for (const p of c.out.patches) {
        expect(p.before).not.toBe(p.after);
        elixir.push({ name: `${c.name}/${p.file}`, code: p.after });
        counts.patches++;
      }
    }
    expect(counts.patches).toBeGreaterThan(0);
    // Patched files parse and are already `mix format`-clean.
    await validateElixirFiles(elixir);
  });

  it('one instance max: no cross-instance PubSub, no patch', () => {
    const c = cases[0]!;
    const out = target.render(c.profile, { ...c.config, machine: { ...c.config.machine, count: 1, maxCount: 1 } }, APPLIED);
    expect(out.patches).toEqual([]);
  });

  it('patch builders leave unusual files alone', () => {
    expect(patchApplication('defmodule A do\n  def x, do: {Phoenix.PubSub, name: A.PubSub, adapter: X}\nend\n')).toBeNull();
    expect(patchMixExs('defp deps do\n    [\n      {:phoenix_pubsub_redis, "~> 3.0"}\n    ]\n')).toBeNull();
    expect(patchMixExs('  defp deps do\n    [\n      {:plug, "~> 1.0"}\n    ]\n  end\n')).toContain('      {:phoenix_pubsub_redis, "~> 3.0"},\n      {:plug');
  });

  it('secrets are referenced from Secret Manager, never written', () => {
    for (const c of cases) {
      const svc = serviceOf(c);
      const env = svc.spec.template.spec.containers[0].env as Obj[];
      for (const s of c.out.secrets) {
        const e = env.find((x) => x.name === s.name)!;
        expect(e.value, `${c.name} ${s.name}`).toBeUndefined();
        expect(e.valueFrom.secretKeyRef).toEqual({ name: expect.stringMatching(/^[a-z0-9-]+$/), key: 'latest' });
      }
      const secretsTf = file(c, 'deploy/cloudrun/terraform/secrets.tf')!;
      for (const s of c.out.secrets) expect(secretsTf).toContain(s.name);
      expect(secretsTf).not.toMatch(/secret_data/);
    }
  });

  it('a Fly region is replaced by a Google Cloud one, with a note', () => {
    const c = cases[0]!;
    const out = target.render(c.profile, { ...c.config, region: 'iad' }, APPLIED);
    expect(out.files.find((f) => f.path === 'deploy/cloudrun/service.yaml')!.content).toContain('cloud.googleapis.com/location: us-central1');
    expect(out.notes.join('\n')).toMatch(/"iad" is not a Google Cloud region/);
  });

  it('reports counts', () => {
    console.log(`cloudrun: ${cases.length} projects, ${counts.containers} containers validated, ${counts.tfFiles} Terraform files parsed, ${counts.yaml} YAML files linted, ${counts.patches} patches mix-format checked`);
  });
});
