/**
 * The aws target on the example app and every fixture, and on config variants (a domain, an existing VPC):
 * every .tf parses with @cdktf/hcl2json, app.tf.json is Terraform JSON, and every resource, data source,
 * local and variable an expression references is declared; then the platform facts: ALB idle timeout for
 * websockets, HTTPS with the redirect only with a domain, the health check on the served path, the circuit
 * breaker, the runtime wiring in the container env, secrets by ARN, clustering ports between tasks only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/plan/config.js';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import type { TargetOutput } from '../../src/model/plan.js';
import { scan } from '../../src/scan/index.js';
import type { Profile } from '../../src/scan/profile.js';
import { target } from '../../src/targets/aws/index.js';
import { fargateSize } from '../../src/targets/aws/model.js';
import { jsonTemplate } from '../../src/targets/aws/terraform.js';
import { createRequire } from 'node:module';
import { projectDirs, validateTerraform } from '../helpers/validate-more.js';

const { parse } = createRequire(import.meta.url)('@cdktf/hcl2json') as { parse: (name: string, text: string) => Promise<Record<string, any>> };

type Obj = Record<string, any>;
const APPLIED = { acceptedPatches: new Set(['health-route']) };
const TF = 'deploy/aws/terraform/';

interface Case {
  name: string;
  profile: Profile;
  config: DeployConfig;
  out: TargetOutput;
}
const cases: Case[] = [];

function awsConfig(profile: Profile, overrides: Partial<DeployConfig> = {}): DeployConfig {
  return { ...defaultConfig(profile), targets: ['aws'], ...overrides };
}

beforeAll(async () => {
  for (const { name, dir } of projectDirs()) {
    const profile = await scan(dir);
    const config = awsConfig(profile);
    cases.push({ name, profile, config, out: target.render(profile, config, APPLIED) });
    if (name === 'hello_phoenix' || name === 'oban-libcluster-redis') {
      const withDomain = awsConfig(profile, {
        host: 'app.example.test',
        aws: { region: 'eu-west-3', vpcId: 'vpc-0a1b2c3d4e5f60718', publicSubnetIds: ['subnet-0a1b2c3d4e5f60711', 'subnet-0a1b2c3d4e5f60712'], privateSubnetIds: ['subnet-0a1b2c3d4e5f60721', 'subnet-0a1b2c3d4e5f60722'] },
        clustering: true,
      });
      cases.push({ name: `${name} (domain, existing VPC, clustering)`, profile, config: withDomain, out: target.render(profile, withDomain, APPLIED) });
    }
  }
});

const tfFiles = (c: Case) => c.out.files.filter((f) => f.path.startsWith(TF) && f.path.endsWith('.tf')).map((f) => ({ path: f.path, content: f.content }));
const text = (c: Case, name: string) => c.out.files.find((f) => f.path === `${TF}${name}`)?.content;
const appJson = (c: Case) => JSON.parse(text(c, 'app.tf.json') ?? '{}') as Obj;

/** Every name a parsed module declares: resources and data sources as TYPE.NAME, locals, variables. */
function declared(parsed: Obj[], json: Obj): { resources: Set<string>; data: Set<string>; locals: Set<string>; variables: Set<string> } {
  const out = { resources: new Set<string>(), data: new Set<string>(), locals: new Set<string>(Object.keys(json.locals ?? {})), variables: new Set<string>() };
  for (const doc of parsed) {
    for (const [type, byName] of Object.entries((doc.resource ?? {}) as Obj)) for (const n of Object.keys(byName)) out.resources.add(`${type}.${n}`);
    for (const [type, byName] of Object.entries((doc.data ?? {}) as Obj)) for (const n of Object.keys(byName)) out.data.add(`${type}.${n}`);
    for (const block of (doc.locals ?? []) as Obj[]) for (const n of Object.keys(block)) out.locals.add(n);
    for (const n of Object.keys((doc.variable ?? {}) as Obj)) out.variables.add(n);
  }
  return out;
}

/** References in a file's text outside comments: aws_x.y / random_x.y, data.x.y, local.x, var.x. */
function references(content: string): { kind: 'resources' | 'data' | 'locals' | 'variables'; name: string }[] {
  const code = content
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n');
  const out: { kind: 'resources' | 'data' | 'locals' | 'variables'; name: string }[] = [];
  for (const m of code.matchAll(/(?<![\w.])data\.([a-z0-9_]+)\.([a-z0-9_]+)/g)) out.push({ kind: 'data', name: `${m[1]}.${m[2]}` });
  for (const m of code.matchAll(/(?<![\w."])((?:aws|random)_[a-z0-9_]+)\.([a-z0-9_]+)/g)) out.push({ kind: 'resources', name: `${m[1]}.${m[2]}` });
  for (const m of code.matchAll(/(?<![\w.])local\.([a-z0-9_]+)/g)) out.push({ kind: 'locals', name: m[1]! });
  for (const m of code.matchAll(/(?<![\w.])var\.([a-z0-9_]+)/g)) out.push({ kind: 'variables', name: m[1]! });
  return out;
}

describe('aws target', () => {
  it('has metadata, includes docker and writes everything under deploy/aws/', () => {
    expect(target.id).toBe('aws');
    expect(target.includes).toEqual(['docker']);
    for (const c of cases) for (const f of c.out.files) expect(f.path.startsWith(TF), `${c.name}: ${f.path}`).toBe(true);
  });

  it('every .tf parses with hcl2json, and every referenced resource, data source, local and variable is declared', async () => {
    let refs = 0;
    for (const c of cases) {
      const files = tfFiles(c);
      const parsed = Object.values(await validateTerraform(files));
      const json = appJson(c);
      const have = declared(parsed, json);
      const all = [...files, { path: `${TF}app.tf.json`, content: text(c, 'app.tf.json') ?? '' }];
      for (const f of all) {
        for (const r of references(f.content)) {
          refs++;
          expect(have[r.kind].has(r.name), `${c.name}: ${f.path} references ${r.kind} ${r.name}, which is not declared`).toBe(true);
        }
      }
    }
    expect(refs).toBeGreaterThan(100);
  });

  it('a reference to something undeclared is caught (the check can fail)', () => {
    const have = declared([{ resource: { aws_lb: { app: [{}] } } }], { locals: { app_env: {} } });
    const bad = references('x = aws_lb.other.arn\ny = local.app_env\nz = var.nope');
    expect(bad.filter((r) => !have[r.kind].has(r.name)).map((r) => r.name)).toEqual(['aws_lb.other', 'nope']);
  });

  it('the ALB keeps websockets 3600 s, checks the served path, and redirects HTTP to HTTPS only with a domain', async () => {
    for (const c of cases) {
      const alb = await parse('alb.tf', text(c, 'alb.tf')!);
      const lb = alb.resource.aws_lb.app[0];
      expect(lb.idle_timeout).toBeGreaterThanOrEqual(3600);
      const hc = alb.resource.aws_lb_target_group.app[0].health_check[0];
      expect(hc.path).toBe(c.profile.health?.path ?? '/health');
      const listeners = alb.resource.aws_lb_listener;
      if (c.config.host) {
        expect(listeners.https[0].protocol).toBe('HTTPS');
        expect(listeners.http[0].default_action[0].redirect[0]).toMatchObject({ protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' });
        expect(alb.resource.aws_acm_certificate.app[0].domain_name).toBe('${var.domain}');
      } else {
        expect(listeners.https).toBeUndefined();
        expect(listeners.http[0].default_action[0].type).toBe('forward');
      }
    }
  });

  it('the service rolls back with the circuit breaker, and the task gets the runtime wiring, secrets by ARN and logs', async () => {
    for (const c of cases) {
      const ecs = await parse('ecs.tf', text(c, 'ecs.tf')!);
      const svc = ecs.resource.aws_ecs_service.app[0];
      expect(svc.deployment_circuit_breaker[0]).toEqual({ enable: true, rollback: true });
      expect(svc.launch_type).toBe('FARGATE');
      expect(ecs.resource.aws_cloudwatch_log_group.app[0].name).toBe(`/ecs/${c.config.app}`);
      const json = appJson(c);
      const env = json.locals.app_env as Record<string, string>;
      const secrets = json.locals.secrets as Record<string, string>;
      expect(env.PHX_SERVER).toBe('true');
      expect(env.PHX_HOST).toBe(c.config.host ?? '${aws_lb.app.dns_name}');
      const rt = c.profile.runtime;
      const portVar = rt?.portEnv?.split('|')[0];
      if (portVar) expect(env[portVar], c.name).toBe(String(json.locals.app_port));
      if (rt?.serverEnabledBy?.startsWith('env:')) expect(env[rt.serverEnabledBy.slice(4)], c.name).toBe('true');
      for (const name of rt?.databaseEnv ?? []) if (c.profile.database !== 'none') expect(name in env || name in secrets, `${c.name}: ${name}`).toBe(true);
      expect(Object.keys(secrets)).toContain('SECRET_KEY_BASE');
      for (const [k, v] of Object.entries(secrets)) expect(v).toBe(`${c.config.app}/${k}`);
      expect(text(c, 'ecs.tf')).toContain('valueFrom = aws_secretsmanager_secret.app[k].arn');
    }
  });

  it('a Postgres/MySQL app gets RDS and a database URL Terraform writes; SQLite gets EFS and one task', async () => {
    const byName = (n: string) => cases.find((c) => c.name === n)!;
    const pg = byName('hello_phoenix');
    expect(text(pg, 'rds.tf')).toContain('engine                    = "postgres"');
    expect(appJson(pg).locals.terraform_secrets).toEqual(['DATABASE_URL']);
    expect(pg.out.steps.map((s) => s.id)).toContain('aws-migrate');
    const my = byName('mysql');
    expect(text(my, 'rds.tf')).toContain('engine                    = "mysql"');
    const lite = byName('sqlite');
    expect(text(lite, 'rds.tf')).toBeUndefined();
    expect(Object.values(appJson(lite).locals.efs_mounts)).toContain('/data');
    expect(text(lite, 'ecs.tf')).toContain('deployment_minimum_healthy_percent = 0');
    expect(lite.out.resources.find((r) => r.kind === 'fargate-service')).toMatchObject({ tasks: 1 });
  });

  it('clustering: Cloud Map A records, DNS_CLUSTER_QUERY, EPMD and the fixed distribution range open between tasks only', async () => {
    const c = cases.find((x) => x.name.startsWith('hello_phoenix ('))!;
    const sg = await parse('sg.tf', text(c, 'security-groups.tf')!);
    const ingress = sg.resource.aws_security_group.tasks[0].ingress as Obj[];
    expect(ingress.filter((i) => i.self === true).map((i) => [i.from_port, i.to_port])).toEqual([[4369, 4369], [9100, 9155]]);
    expect(ingress.filter((i) => i.cidr_blocks)).toEqual([]);
    const env = appJson(c).locals.app_env;
    expect(env.DNS_CLUSTER_QUERY).toBe(`web.${c.config.app}.local`);
    expect(env.ERL_AFLAGS).toBe('-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9155');
    expect(text(c, 'discovery.tf')).toContain('type = "A"');
    expect(text(c, 'network.tf')).toContain('data "aws_vpc" "main"');
    expect(text(c, 'network.tf')).not.toContain('resource "aws_nat_gateway"');
  });

  it('steps: terraform, secrets on stdin, ECR login through a pipe, build, push, migrate, update-service, wait', () => {
    const c = cases.find((x) => x.name === 'hello_phoenix')!;
    const ids = c.out.steps.map((s) => s.id);
    expect(ids.indexOf('aws-migrate')).toBeLessThan(ids.indexOf('aws-deploy'));
    expect(ids.indexOf('aws-image-push')).toBeLessThan(ids.indexOf('aws-migrate'));
    expect(ids.at(-1)).toBe('aws-wait-stable');
    for (const s of c.out.steps.filter((x) => x.secrets?.length)) {
      expect(s.command).toContain('file:///dev/stdin');
      expect(s.stdin).toMatch(/^\{\{(generate|input):/);
    }
    const login = c.out.steps.find((s) => s.id === 'aws-ecr-login')!;
    expect(login.command[2]).toContain('aws ecr get-login-password --region "$1" | docker login --username AWS --password-stdin "$2"');
  });

  it('writes a user value with ${ as text and a model token as an interpolation', () => {
    expect(jsonTemplate('a${b}%{c}')).toBe('a$${b}%%{c}');
    expect(jsonTemplate('<tf:aws_lb.app.dns_name>')).toBe('${aws_lb.app.dns_name}');
  });

  it('picks the smallest valid Fargate size', () => {
    expect(fargateSize(1, 1024)).toEqual({ cpu: 1024, memory: 2048 });
    expect(fargateSize(0.25, 512)).toEqual({ cpu: 256, memory: 512 });
    expect(fargateSize(2, 5000)).toEqual({ cpu: 2048, memory: 5120 });
  });

  it('is deterministic', () => {
    for (const c of cases) expect(target.render(c.profile, c.config, APPLIED)).toEqual(c.out);
  });
});
