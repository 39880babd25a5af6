/**
 * The render target on the example app and every fixture: render.yaml validated against the Blueprint
 * schema written from Render's Blueprint YAML Reference (src/targets/render/blueprint.schema.json), yamllint,
 * determinism, and the platform facts: the database variables the app reads come from the database (split
 * into the parts it reads), SECRET_KEY_BASE is asked for (generateValue is 44 characters, Plug needs 64
 * bytes), a disk for SQLite with one instance, Key Value for Redis, migrations before deploy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { defaultConfig } from '../../src/plan/config.js';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import type { TargetOutput } from '../../src/model/plan.js';
import { scan } from '../../src/scan/index.js';
import type { Profile } from '../../src/scan/profile.js';
import { target } from '../../src/targets/render/index.js';
import { renderRegion } from '../../src/targets/render/model.js';
import { REPO, scanProject } from '../helpers/project.js';
import { projectDirs, yamllintAll } from '../helpers/validate-more.js';

const APPLIED = { acceptedPatches: new Set(['health-route']) };
type Obj = Record<string, any>;

const schema = JSON.parse(readFileSync(join(REPO, 'src', 'targets', 'render', 'blueprint.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

function check(text: string): Obj {
  const doc = parseYaml(text) as Obj;
  const ok = validate(doc);
  if (!ok) throw new Error(`render.yaml does not match the Blueprint schema:\n${JSON.stringify(validate.errors, null, 2).slice(0, 2000)}`);
  return doc;
}

interface Case {
  name: string;
  profile: Profile;
  config: DeployConfig;
  out: TargetOutput;
  doc: Obj;
}

const cases: Case[] = [];
const byName = (n: string) => cases.find((c) => c.name === n)!;
const envOf = (c: Case): Record<string, Obj> => Object.fromEntries((c.doc.services[0].envVars as Obj[]).map((e) => [e.key, e]));

beforeAll(async () => {
  for (const { name, dir } of projectDirs()) {
    const profile = await scan(dir);
    const config = { ...defaultConfig(profile), targets: ['render'] } as DeployConfig;
    const out = target.render(profile, config, APPLIED);
    const file = out.files.find((f) => f.path === 'render.yaml');
    if (!file) throw new Error(`${name}: no render.yaml`);
    cases.push({ name, profile, config, out, doc: check(file.content) });
  }
}, 120_000);

describe('render target', () => {
  it('writes a render.yaml that matches the Blueprint schema and passes yamllint, for every fixture', async () => {
    expect(cases.length).toBeGreaterThan(10);
    await yamllintAll(cases.map((c) => ({ name: `${c.name}/render.yaml`, content: c.out.files.find((f) => f.path === 'render.yaml')!.content })));
  });

  it('the schema refuses what Render refuses (it can fail)', () => {
    const base = () => structuredClone(byName('hello_phoenix').doc);
    const cases: [string, (d: Obj) => void][] = [
      ['an unknown service field', (d) => (d.services[0].helthCheckPath = '/health')],
      ['a region Render does not have', (d) => (d.services[0].region = 'iad')],
      ['a disk on a scaled service', (d) => Object.assign(d.services[0], { disk: { name: 'x', mountPath: '/data' }, numInstances: 2 })],
      ['a disk on a free instance', (d) => Object.assign(d.services[0], { plan: 'free', disk: { name: 'x', mountPath: '/data' }, numInstances: 1 })],
      ['sync: true', (d) => d.services[0].envVars.push({ key: 'X', sync: true })],
      ['an unknown fromDatabase property', (d) => d.services[0].envVars.push({ key: 'X', fromDatabase: { name: 'db', property: 'url' } })],
      ['Key Value without ipAllowList', (d) => d.services.push({ type: 'keyvalue', name: 'kv' })],
      ['a database disk that is not 1 or a multiple of 5', (d) => (d.databases[0].diskSizeGB = 12)],
      ['a disk at a reserved path', (d) => Object.assign(d.services[0], { disk: { name: 'x', mountPath: '/etc' }, numInstances: 1 })],
    ];
    expect(validate(base())).toBe(true);
    for (const [what, edit] of cases) {
      const d = base();
      edit(d);
      expect(validate(d), what).toBe(false);
    }
  });

  it('is deterministic', () => {
    for (const c of cases) expect(target.render(c.profile, c.config, APPLIED).files, c.name).toEqual(c.out.files);
  });

  it('Postgres: the URL comes from the database, migrations run before deploy, SECRET_KEY_BASE is asked for with the reason', () => {
    const c = byName('hello_phoenix');
    const env = envOf(c);
    expect(env.DATABASE_URL).toEqual({ key: 'DATABASE_URL', fromDatabase: { name: 'hello-phoenix-db', property: 'connectionString' } });
    expect(env.SECRET_KEY_BASE).toEqual({ key: 'SECRET_KEY_BASE', sync: false });
    expect(env.PHX_SERVER).toEqual({ key: 'PHX_SERVER', value: 'true' });
    expect(c.doc.services[0].preDeployCommand).toBe('/app/bin/migrate');
    expect(c.doc.services[0].healthCheckPath).toBe('/health');
    expect(c.doc.databases[0]).toMatchObject({ name: 'hello-phoenix-db', plan: 'basic-256mb', ipAllowList: [] });
    expect(c.out.notes.join('\n')).toMatch(/44 base64 characters.*64 bytes/);
    expect(c.out.secrets.map((s) => s.name)).toEqual(['SECRET_KEY_BASE']);
    expect(c.out.resources.map((r) => r.kind)).toEqual(['render-service', 'render-postgres', 'egress']);
  });

  it('a database read in parts gets each part from the database', async () => {
    const runtime = readFileSync(join(REPO, 'examples', 'hello_phoenix', 'config', 'runtime.exs'), 'utf8').replace(
      /  database_url =\n[\s\S]*?"""\n\n/,
      '',
    ).replace(
      '    url: database_url,',
      '    hostname: System.fetch_env!("DB_HOST"),\n    username: System.fetch_env!("DB_USER"),\n    password: System.fetch_env!("DB_PASSWORD"),\n    database: System.fetch_env!("DB_NAME"),',
    );
    expect(runtime).toContain('DB_HOST');
    const profile = await scanProject({ 'config/runtime.exs': runtime });
    const out = target.render(profile, { ...defaultConfig(profile), targets: ['render'] } as DeployConfig, APPLIED);
    const doc = check(out.files.find((f) => f.path === 'render.yaml')!.content);
    const env: Record<string, Obj> = Object.fromEntries((doc.services[0].envVars as Obj[]).map((e) => [e.key, e]));
    for (const [name, property] of [['DB_HOST', 'host'], ['DB_USER', 'user'], ['DB_PASSWORD', 'password'], ['DB_NAME', 'database']] as const) {
      expect(env[name], name).toEqual({ key: name, fromDatabase: { name: 'hello-phoenix-db', property } });
    }
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('SQLite: a disk at /data, one instance, no pre-deploy migration, DATABASE_PATH on the disk', () => {
    const c = byName('sqlite');
    const web = c.doc.services[0];
    expect(web.disk).toEqual({ name: expect.any(String), mountPath: '/data', sizeGB: 10 });
    expect(web.numInstances).toBe(1);
    expect(web.preDeployCommand).toBeUndefined();
    expect(Object.values(envOf(c)).some((e: Obj) => typeof e.value === 'string' && e.value.startsWith('/data/'))).toBe(true);
    expect(c.out.notes.join('\n')).toMatch(/paid instance type/);
  });

  it('Redis: a Key Value instance, private only, whose URL the app reads', () => {
    const c = byName('oban-libcluster-redis');
    const kv = c.doc.services.find((s: Obj) => s.type === 'keyvalue');
    expect(kv).toMatchObject({ ipAllowList: [], plan: 'starter' });
    const redis = Object.values(envOf(c)).find((e: Obj) => e.fromService);
    expect(redis).toMatchObject({ fromService: { type: 'keyvalue', name: kv.name, property: 'connectionString' } });
  });

  it('maps regions people already use to the nearest Render region', () => {
    expect(renderRegion({ region: 'frankfurt' })).toBe('frankfurt');
    expect(renderRegion({ region: 'ams' })).toBe('frankfurt');
    expect(renderRegion({ region: 'us-central1' })).toBe('ohio');
    expect(renderRegion({ region: 'xyz' })).toBe('oregon');
  });
});
