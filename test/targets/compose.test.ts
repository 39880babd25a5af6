/**
 * The compose target on the example app and every fixture: the Compose rules phoenix-ops relies on
 * (known keys, string env values and ports, declared volumes, health-gated depends_on), yamllint, YAML 1.1,
 * determinism, and that every secret is a required variable supplied from compose.env, never a value.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { defaultConfig } from '../../src/plan/config.js';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import type { TargetOutput } from '../../src/model/plan.js';
import { previewPlan } from '../../src/plan/preview.js';
import { applyWrites } from '../../src/plan/writer.js';
import { scan } from '../../src/scan/index.js';
import type { Profile } from '../../src/scan/profile.js';
import { MYSQL_IMAGE, POSTGRES_IMAGE, REDIS_IMAGE } from '../../src/targets/compose/datastores.js';
import { target } from '../../src/targets/compose/index.js';
import { makeProject } from '../helpers/project.js';
import { parseYaml11, projectDirs, validateCompose, yamllintAll } from '../helpers/validate-more.js';

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

beforeAll(async () => {
  for (const { name, dir } of projectDirs()) {
    const profile = await scan(dir);
    const config: DeployConfig = { ...defaultConfig(profile), targets: ['compose'] };
    cases.push({ name, profile, config, out: target.render(profile, config, APPLIED) });
  }
});

const composeText = (c: Case) => c.out.files.find((f) => f.path === 'compose.yaml')!.content;
const compose = (c: Case) => parseYaml(composeText(c)) as Obj;
const envExample = (c: Case) =>
  new Map(
    c.out.files
      .find((f) => f.path === 'compose.env.example')!
      .content.split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
  );

describe('compose target', () => {
  it('includes docker (the app is built from its Dockerfile)', () => {
    expect(target.includes).toEqual(['docker']);
    for (const c of cases) expect(compose(c).services.app.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
  });

  it('follows the Compose rules; every variable it reads is listed in compose.env.example', () => {
    for (const c of cases) {
      const vars = validateCompose(compose(c), composeText(c));
      expect([...envExample(c).keys()].sort(), c.name).toEqual(vars);
    }
  });

  it('the validator rejects broken files', () => {
    const good = compose(cases[0]!);
    const broken = structuredClone(good);
    broken.services.app.depends_on = { nope: { condition: 'service_healthy' } };
    broken.services.app.ports = [4000];
    expect(() => validateCompose(broken, '')).toThrow(/unknown service nope/);
    expect(() => validateCompose(broken, '')).toThrow(/port 4000 must be a "HOST:CONTAINER" string/);
  });

  it('database and Redis start healthy before the app; migrations finish first', () => {
    for (const c of cases) {
      const { services } = compose(c);
      const app = services.app;
      const db = c.profile.database;
      if (db === 'postgres' || db === 'mysql') {
        expect(services.db.image, c.name).toBe(db === 'postgres' ? POSTGRES_IMAGE : MYSQL_IMAGE);
        expect(services.db.healthcheck.test[0]).toMatch(/^CMD/);
        expect(app.depends_on.db).toEqual({ condition: 'service_healthy' });
        expect(services.migrate.command).toEqual(['/app/bin/migrate']);
        expect(services.migrate.restart).toBe('no');
        expect(services.migrate.depends_on.db).toEqual({ condition: 'service_healthy' });
        expect(app.depends_on.migrate).toEqual({ condition: 'service_completed_successfully' });
        expect(app.environment.DATABASE_URL).toMatch(/@db\//);
      } else {
        expect(services.db, c.name).toBeUndefined();
        expect(services.migrate).toBeUndefined();
      }
      const redis = c.out.secrets.some((s) => s.name === 'REDIS_URL');
      expect(Boolean(services.redis), c.name).toBe(redis);
      if (redis) {
        expect(services.redis.image).toBe(REDIS_IMAGE);
        expect(app.depends_on.redis).toEqual({ condition: 'service_healthy' });
        expect(app.environment.REDIS_URL).toBe('redis://redis:6379');
      }
    }
  });

  it('the app has a health check on the health path and is published', () => {
    for (const c of cases) {
      const app = compose(c).services.app;
      expect(app.healthcheck.test.join(' '), c.name).toContain(`GET ${c.config.health.path} HTTP/1.0`);
      expect(app.healthcheck.test.join(' ')).toContain(`/dev/tcp/127.0.0.1/${c.config.port}`);
      expect(app.ports).toEqual([`4000:${c.config.port}`]);
      expect(app.environment.PHX_SERVER).toBe('true');
      expect(app.environment.DNS_CLUSTER_QUERY).toBeUndefined();
    }
  });

  it('secrets are required variables, never values', () => {
    for (const c of cases) {
      const env = compose(c).services.app.environment as Record<string, string>;
      for (const s of c.out.secrets) {
        if (s.name === 'DATABASE_URL' || s.name === 'REDIS_URL') continue;
        expect(env[s.name], `${c.name} ${s.name}`).toBe(`\${${s.name}:?set ${s.name} in compose.env}`);
      }
      for (const v of envExample(c).values()) expect(v).toMatch(/^<.+>$/);
    }
  });

  it('passes yamllint; ports and "true" stay strings under YAML 1.1', async () => {
    await yamllintAll(cases.map((c) => ({ name: `${c.name}:compose.yaml`, content: composeText(c) })));
    for (const c of cases) {
      const doc = parseYaml11(composeText(c))[0] as Obj;
      expect(doc).toEqual(compose(c));
      expect(typeof doc.services.app.ports[0]).toBe('string');
      expect(composeText(c)).toMatch(/- "4000:\d+"/);
    }
  });

  it('is deterministic', () => {
    for (const c of cases) expect(JSON.stringify(target.render(c.profile, c.config, APPLIED))).toBe(JSON.stringify(c.out));
  });
});

describe('a project with a Compose file of its own', () => {
  const DEV_COMPOSE = 'services:\n  db:\n    image: postgres:16\n    ports: ["5432:5432"]\n    environment:\n      POSTGRES_PASSWORD: postgres\n';

  it('docker-compose.yml (its dev database) stays what `docker compose up` runs: the release goes to compose.release.yaml, used with --file', async () => {
    const dir = makeProject({ 'docker-compose.yml': DEV_COMPOSE });
    const profile = await scan(dir);
    const preview = await previewPlan(dir, profile, { ...defaultConfig(profile), targets: ['compose'] }, 'compose');
    const paths = preview.plan.files.map((f) => f.path);
    expect(paths).toContain('compose.release.yaml');
    expect(paths).not.toContain('compose.yaml');
    for (const id of ['compose-build', 'compose-up']) {
      const cmd = preview.plan.steps.find((s) => s.id === id)!.command;
      expect(cmd.slice(0, 4), id).toEqual(['docker', 'compose', '--file', 'compose.release.yaml']);
    }
    expect(preview.plan.notes.join('\n')).toMatch(/plain `docker compose up` still runs yours/);
    const text = preview.plan.files.find((f) => f.path === 'compose.release.yaml')!.content;
    // Valid (it throws otherwise), and every variable it reads is in compose.env.example.
    const vars = validateCompose(parseYaml(text) as Obj, text);
    const example = preview.plan.files.find((f) => f.path === 'compose.env.example')!.content;
    for (const v of vars) expect(example).toContain(`${v}=`);
    expect(preview.writes.find((w) => w.path === 'compose.release.yaml')!.action).toBe('create');
  });

  it("a compose.yaml of the user's is kept, and the release goes beside it", async () => {
    const dir = makeProject({ 'compose.yaml': DEV_COMPOSE });
    const profile = await scan(dir);
    const preview = await previewPlan(dir, profile, { ...defaultConfig(profile), targets: ['compose'] }, 'compose');
    expect(preview.plan.files.map((f) => f.path)).toContain('compose.release.yaml');
    expect(preview.writes.some((w) => w.path === 'compose.yaml')).toBe(false);
  });

  it('without one, the file is compose.yaml (and stays so on a second generate)', async () => {
    const dir = makeProject({});
    const profile = await scan(dir);
    const config = { ...defaultConfig(profile), targets: ['compose'] } as DeployConfig;
    const first = await previewPlan(dir, profile, config, 'compose');
    expect(first.plan.files.map((f) => f.path)).toContain('compose.yaml');
    await applyWrites(dir, first.writes, first.plan.files, { target: 'compose' });
    const again = await previewPlan(dir, await scan(dir), config, 'compose');
    expect(again.plan.files.map((f) => f.path)).toContain('compose.yaml');
    expect(again.writes.find((w) => w.path === 'compose.yaml')!.action).toBe('unchanged');
  });
});
