/**
 * The k8s target on the example app and every fixture: every manifest and every built overlay validated
 * with kubernetes-models plus an unknown-field walk, kustomizations that list only existing files, yamllint,
 * determinism, and the behaviour that matters (headless Service iff clustering, probes, security, ordering).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { defaultConfig } from '../../src/plan/config.js';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import type { TargetOutput } from '../../src/model/plan.js';
import { scan } from '../../src/scan/index.js';
import type { Profile } from '../../src/scan/profile.js';
import { target } from '../../src/targets/k8s/index.js';
import { validateElixir } from '../helpers/validate.js';
import { kustomizeBuild, parseYaml11, projectDirs, unknownK8sFields, validateK8sObject, withSources, yamllintAll } from '../helpers/validate-more.js';

/** Rendered as generate --apply-patches does: the health route patch is applied, so probes ask for it. */
const APPLIED = { acceptedPatches: new Set(['health-route']) };

type Obj = Record<string, any>;

interface Case {
  name: string;
  dir: string;
  profile: Profile;
  config: DeployConfig;
  out: TargetOutput;
}

const cases: Case[] = [];
const counts = { objects: 0, overlayObjects: 0, yamlFiles: 0 };

function k8sConfig(profile: Profile, overrides: Partial<DeployConfig> = {}): DeployConfig {
  return { ...defaultConfig(profile), targets: ['k8s'], ...overrides };
}

beforeAll(async () => {
  for (const { name, dir } of projectDirs()) {
    const scanned = await scan(dir);
    const profile = withSources(scanned, dir, [scanned.runtimeConfig.file ?? 'config/runtime.exs']);
    const config = k8sConfig(profile);
    cases.push({ name, dir, profile, config, out: target.render(profile, config, APPLIED) });
  }
});

const docs = (text: string): Obj[] => parseAllDocuments(text).map((d) => d.toJS() as Obj);
const fileMap = (out: TargetOutput) => new Map(out.files.map((f) => [f.path, f.content]));

describe('k8s target', () => {
  it('has metadata and includes docker', () => {
    expect(target.id).toBe('k8s');
    expect(target.includes).toEqual(['docker']);
  });

  it('renders for every project', () => {
    expect(cases.length).toBeGreaterThanOrEqual(2);
    for (const c of cases) expect(c.out.files.length, c.name).toBeGreaterThan(8);
  });

  it('base manifests pass kubernetes-models validation with no unknown fields', async () => {
    for (const c of cases) {
      for (const f of c.out.files.filter((f) => f.path.startsWith('deploy/k8s/base/') && !f.path.endsWith('kustomization.yaml'))) {
        for (const obj of docs(f.content)) {
          await validateK8sObject(obj, `${c.name}:${f.path}`);
          counts.objects++;
        }
      }
    }
    expect(counts.objects).toBeGreaterThan(cases.length * 6);
  });

  it('overlays build (every listed resource and patch exists) into valid objects', async () => {
    for (const c of cases) {
      const files = fileMap(c.out);
      for (const env of ['staging', 'production']) {
        const built = kustomizeBuild(files, `deploy/k8s/overlays/${env}`);
        const objects = built.objects as Obj[];
        const read = built.read;
        for (const obj of objects) {
          await validateK8sObject(obj, `${c.name}:${env}:${obj.kind}/${obj.metadata.name}`);
          counts.overlayObjects++;
        }
        // Everything under the overlay folder is used by its kustomization.
        for (const path of files.keys()) if (path.startsWith(`deploy/k8s/overlays/${env}/`)) expect(read, `${c.name}: ${path} unused`).toContain(path);
        const ns = objects.find((o) => o.kind === 'Namespace')!;
        for (const o of objects) if (o.kind !== 'Namespace') expect(o.metadata.namespace, `${c.name}:${env}`).toBe(ns.metadata.name);
        const dep = objects.find((o) => o.kind === 'Deployment')!;
        expect(dep.spec.template.spec.containers[0].image).toMatch(/^[^:]+\/[^:]+:[\w.-]+$/);
      }
      // Every base manifest except the secret template is listed in the base kustomization.
      const base = parseYaml(files.get('deploy/k8s/base/kustomization.yaml')!) as Obj;
      const listed = new Set(base.resources.map((r: string) => `deploy/k8s/base/${r}`));
      for (const path of files.keys()) {
        if (!path.startsWith('deploy/k8s/base/') || path.endsWith('kustomization.yaml')) continue;
        expect(listed.has(path), `${c.name}: ${path}`).toBe(!path.endsWith('secret.example.yaml'));
      }
    }
  });

  it('kubernetes-models validation catches a wrong type', async () => {
    const dep = docs(cases[0]!.out.files.find((f) => f.path.endsWith('/deployment.yaml'))!.content)[0]!;
    dep.spec.replicas = 'two';
    await expect(validateK8sObject(dep, 'broken')).rejects.toThrow(/invalid/);
  });

  it('the unknown-field check catches a misspelt field', () => {
    const dep = docs(cases[0]!.out.files.find((f) => f.path.endsWith('/deployment.yaml'))!.content)[0]!;
    dep.spec.template.spec.containers[0].readinesProbe = { httpGet: { path: '/' } };
    dep.spec.template.spec.securityContext.runAsNonroot = true;
    expect(unknownK8sFields(dep)).toEqual(['spec.template.spec.securityContext.runAsNonroot', 'spec.template.spec.containers[0].readinesProbe']);
  });

  it('YAML passes yamllint -d relaxed and survives a YAML 1.1 parse', async () => {
    const all = cases.flatMap((c) => c.out.files.map((f) => ({ name: `${c.name}:${f.path}`, content: f.content })));
    await yamllintAll(all);
    for (const f of all) expect(parseYaml11(f.content), f.name).toEqual(docs(f.content));
    counts.yamlFiles += all.length;
  });

  it('is deterministic', () => {
    for (const c of cases) expect(JSON.stringify(target.render(c.profile, c.config, APPLIED)), c.name).toBe(JSON.stringify(c.out));
  });

  it('headless Service and per-pod node names exist iff clustering', () => {
    for (const c of cases) {
      const files = fileMap(c.out);
      const clustering = c.profile.clustering !== 'none';
      expect(files.has('deploy/k8s/base/headless-service.yaml'), c.name).toBe(clustering);
      const dep = docs(files.get('deploy/k8s/base/deployment.yaml')!)[0]!;
      const env = dep.spec.template.spec.containers[0].env as Obj[];
      const names = env.map((e) => e.name);
      if (clustering) {
        const headless = docs(files.get('deploy/k8s/base/headless-service.yaml')!)[0]!;
        expect(headless.spec.clusterIP).toBe('None');
        const podIp = env.find((e) => e.name === 'POD_IP')!;
        expect(podIp.valueFrom.fieldRef.fieldPath).toBe('status.podIP');
        expect(env.find((e) => e.name === 'RELEASE_DISTRIBUTION')!.value).toBe('name');
        expect(env.find((e) => e.name === 'RELEASE_NODE')!.value).toMatch(/^[a-z_0-9]+@\$\(POD_IP\)$/);
        expect(names.indexOf('POD_IP')).toBeLessThan(names.indexOf('RELEASE_NODE'));
        expect(names).toContain('RELEASE_COOKIE');
        if (c.profile.clustering === 'dns_cluster') {
          expect(env.find((e) => e.name === 'DNS_CLUSTER_QUERY')!.value).toBe(`${headless.metadata.name}.$(POD_NAMESPACE).svc.cluster.local`);
        }
      } else {
        expect(names).not.toContain('RELEASE_NODE');
        expect(names).not.toContain('DNS_CLUSTER_QUERY');
      }
    }
  });

  it('probes hit the health path, pods run hardened and shut down gracefully', () => {
    for (const c of cases) {
      const dep = docs(fileMap(c.out).get('deploy/k8s/base/deployment.yaml')!)[0]!;
      const pod = dep.spec.template.spec;
      const web = pod.containers[0];
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        expect(web[probe].httpGet.path, `${c.name} ${probe}`).toBe(c.config.health.path);
        expect(web[probe].httpGet.port).toBe('http');
      }
      expect(web.ports[0].containerPort).toBe(c.config.port);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534 });
      expect(web.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      expect(web.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
      expect(pod.volumes.find((v: Obj) => v.name === 'tmp').emptyDir).toBeDefined();
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(10);
      expect(web.lifecycle.preStop.exec.command).toEqual(['sleep', '10']);
      expect(web.resources.requests.memory).toBe(web.resources.limits.memory);
      for (const s of c.out.secrets) {
        const e = (web.env as Obj[]).find((x) => x.name === s.name);
        expect(e?.valueFrom?.secretKeyRef?.key, `${c.name} ${s.name}`).toBe(s.name);
      }
    }
  });

  it('migrations run as a Job before the rollout, ordered in the steps', () => {
    for (const c of cases) {
      const files = fileMap(c.out);
      const ecto = c.profile.database === 'postgres' || c.profile.database === 'mysql';
      expect(files.has('deploy/k8s/base/migrate-job.yaml'), c.name).toBe(ecto);
      const ids = c.out.steps.map((s) => s.id);
      for (const s of c.out.steps) expect(Array.isArray(s.command) && s.command.every((a) => typeof a === 'string')).toBe(true);
      expect(ids.indexOf('k8s-apply-config')).toBeLessThan(ids.indexOf('k8s-apply-web'));
      if (ecto) {
        const job = docs(files.get('deploy/k8s/base/migrate-job.yaml')!)[0]!;
        expect(job.spec.template.spec.containers[0].command).toEqual(['/app/bin/migrate']);
        expect(ids.indexOf('k8s-migrate-apply')).toBeLessThan(ids.indexOf('k8s-migrate-wait'));
        expect(ids.indexOf('k8s-migrate-wait')).toBeLessThan(ids.indexOf('k8s-apply-web'));
        // Waits for Complete or Failed (test/targets/target-defects.test.ts runs the wait against a stub kubectl).
        expect(c.out.steps.find((s) => s.id === 'k8s-migrate-wait')!.command.join(' ')).toMatch(/Complete.*Failed/s);
        expect(c.out.resources.map((r) => r.kind)).toContain('k8s-database');
      }
      expect(c.out.steps.find((s) => s.id === 'k8s-apply-web')!.undo).toEqual(expect.arrayContaining(['rollout', 'undo']));
      const secret = c.out.steps.find((s) => s.id === 'k8s-secret')!;
      expect(secret.command).toEqual(['kubectl', 'apply', '--filename', '-']);
      expect(JSON.parse(secret.stdin!).kind).toBe('Secret');
    }
  });

  it('Ingress keeps LiveView websockets open; HPA is autoscaling/v2 on CPU; PDB keeps one pod', () => {
    for (const c of cases.filter((c) => c.profile.database !== 'sqlite')) {
      const files = fileMap(c.out);
      const ing = docs(files.get('deploy/k8s/base/ingress.yaml')!)[0]!;
      expect(ing.metadata.annotations['nginx.ingress.kubernetes.io/proxy-read-timeout']).toBe('3600');
      expect(ing.metadata.annotations['nginx.ingress.kubernetes.io/proxy-send-timeout']).toBe('3600');
      const hpa = docs(files.get('deploy/k8s/base/hpa.yaml')!)[0]!;
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec.metrics[0].resource.name).toBe('cpu');
      expect(docs(files.get('deploy/k8s/base/pdb.yaml')!)[0]!.spec.minAvailable).toBe(1);
    }
  });

  it('resources: a workload and a load balancer, database/redis when used', () => {
    for (const c of cases) {
      const kinds = c.out.resources.map((r) => r.kind);
      expect(kinds).toContain('k8s-workload');
      expect(kinds).toContain('k8s-load-balancer');
      expect(kinds.includes('k8s-redis')).toBe(c.out.secrets.some((s) => s.name === 'REDIS_URL'));
    }
  });

  it('never writes secret values: the Secret is a template of placeholders outside the kustomization', () => {
    for (const c of cases) {
      const example = docs(fileMap(c.out).get('deploy/k8s/base/secret.example.yaml')!)[0]!;
      expect(Object.keys(example.stringData).sort()).toEqual(c.out.secrets.map((s) => s.name).sort());
      for (const v of Object.values(example.stringData)) expect(v).toMatch(/^<.+>$/);
      for (const f of c.out.files) {
        if (/^kind: Secret$/m.test(f.content)) expect(f.path).toBe('deploy/k8s/base/secret.example.yaml');
        const cm = f.path.endsWith('configmap.yaml') ? docs(f.content)[0]! : null;
        if (cm) for (const s of c.out.secrets) expect(Object.keys(cm.data)).not.toContain(s.name);
      }
    }
  });

  it('libcluster: the ConfigMap points the topology at the headless Service', () => {
    const found = cases.find((x) => x.profile.clustering === 'libcluster');
    expect(found, 'the cases include one').toBeDefined();
    const c = found!;
    const cm = docs(fileMap(c.out).get('deploy/k8s/base/configmap.yaml')!)[0]!;
    expect(cm.data.CLUSTER_SERVICE).toBe(`${c.config.app}-headless`);
    expect(c.out.patches).toEqual([]);
  });

  it('libcluster without a Kubernetes topology gets a runtime.exs patch', async () => {
    const found = cases.find((x) => x.profile.clustering === 'libcluster');
    expect(found, 'the cases include one').toBeDefined();
    const c = found!;
    const profile: Profile = { ...c.profile, facts: { ...c.profile.facts, config: c.profile.facts.config.filter((x) => x.app !== 'libcluster') } };
    const out = target.render(profile, c.config, APPLIED);
    expect(out.patches).toHaveLength(1);
    expect(out.patches[0]!.file).toBe('config/runtime.exs');
    expect(out.patches[0]!.after).toContain('strategy: Cluster.Strategy.Kubernetes.DNS');
    expect(out.patches[0]!.after.startsWith(out.patches[0]!.before.trimEnd())).toBe(true);
    await validateElixir(out.patches[0]!.after, 'config/runtime.exs');
  });

  it('no clustering → no headless Service, no cookie', () => {
    const c = cases[0]!;
    const out = target.render(c.profile, { ...c.config, clustering: false }, APPLIED);
    const paths = out.files.map((f) => f.path);
    expect(paths).not.toContain('deploy/k8s/base/headless-service.yaml');
    expect(out.secrets.map((s) => s.name)).not.toContain('RELEASE_COOKIE');
  });

  it('reports counts', () => {
    console.log(`k8s: ${cases.length} projects, ${counts.objects} base objects and ${counts.overlayObjects} overlay objects validated, ${counts.yamlFiles} YAML files linted`);
  });
});
