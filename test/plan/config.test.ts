import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConfigError,
  appNameFromOtpApp,
  defaultConfig,
  loadConfig,
  parseConfig,
  resolveClustering,
  resolveDatabase,
  resolveRedis,
} from '../../src/plan/config.js';
import { makeProfile, tempDir } from './helpers.js';

async function errorOf(text: string): Promise<ConfigError> {
  try {
    await parseConfig(text, makeProfile());
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`expected a ConfigError for:\n${text}`);
}

describe('defaultConfig', () => {
  it('fills every setting from the profile', () => {
    const config = defaultConfig(makeProfile());
    expect(config).toEqual({
      version: 1,
      app: 'hello-phoenix',
      targets: ['fly'],
      region: 'iad',
      host: null,
      machine: { cpus: 1, memoryMb: 1024, cpuKind: 'shared', count: 2, minRunning: null, maxCount: 4 },
      database: { kind: 'auto', mode: 'managed', plan: null, storageGb: 10 },
      redis: { enabled: 'auto', plan: null },
      storage: { enabled: false, gb: 5 },
      health: { path: '/health' },
      clustering: 'auto',
      port: 8080,
      env: {},
      secrets: [],
      audit: { ignore: [] },
      cost: { hoursPerMonth: 730, traffic: 'low', egressGb: null, k8sNodeType: null, vpsSize: null },
      k8s: { namespace: 'hello-phoenix', ingressClass: 'nginx', image: null, replicas: 2 },
      fly: { org: null },
      cloudrun: { project: 'my-gcp-project', image: null },
      aws: { region: null, vpcId: null, publicSubnetIds: [], privateSubnetIds: [] },
      systemd: { user: 'hello-phoenix', installDir: '/opt/hello-phoenix', host: null },
      ci: { provider: 'github-actions', deployTarget: null },
    });
  });

  it('runs one instance when nothing needs several', () => {
    const config = defaultConfig(makeProfile({ liveView: false, clustering: 'none' }));
    expect(config.machine.count).toBe(1);
  });

  it('runs two instances for PubSub use alone', () => {
    const profile = makeProfile({ liveView: false, clustering: 'none' });
    profile.facts.usage.pubsubBroadcast.push({ file: 'lib/hello_phoenix/chat.ex', line: 12 });
    expect(defaultConfig(profile).machine.count).toBe(2);
  });

  it('takes the health path from the scan, else /health', () => {
    expect(defaultConfig(makeProfile({ healthPath: '/healthz' })).health.path).toBe('/healthz');
    expect(defaultConfig(makeProfile({ healthPath: null })).health.path).toBe('/health');
  });

  it('makes the otp app DNS-safe', () => {
    expect(appNameFromOtpApp('hello_phoenix')).toBe('hello-phoenix');
    expect(appNameFromOtpApp('my_app2')).toBe('my-app2');
    expect(appNameFromOtpApp('_x__y_')).toBe('x-y');
    expect(appNameFromOtpApp('')).toBe('app');
  });
});

describe('resolving auto', () => {
  it('follows the profile when auto, the config otherwise', () => {
    const profile = makeProfile({ database: 'postgres', clustering: 'none', deps: ['phoenix', 'postgrex', 'redix'] });
    const config = defaultConfig(profile);
    expect(resolveDatabase(profile, config)).toBe('postgres');
    expect(resolveRedis(profile, config)).toBe(true);
    expect(resolveClustering(profile, config)).toBe(false);
    const overridden = { ...config, database: { ...config.database, kind: 'none' as const }, redis: { enabled: false, plan: null }, clustering: true };
    expect(resolveDatabase(profile, overridden)).toBe('none');
    expect(resolveRedis(profile, overridden)).toBe(false);
    expect(resolveClustering(profile, overridden)).toBe(true);
  });

  it('does not take a dep that merely contains "redis" for Redis', () => {
    const profile = makeProfile({ deps: ['phoenix', 'postgrex', 'redis_like_thing'] });
    expect(resolveRedis(profile, defaultConfig(profile))).toBe(false);
  });
});

describe('parseConfig', () => {
  it('merges the file over the defaults', async () => {
    const { config, warnings } = await parseConfig('app: shop\nmachine:\n  count: 3\nenv:\n  LOG_LEVEL: info\n', makeProfile());
    expect(warnings).toEqual([]);
    expect(config.app).toBe('shop');
    expect(config.machine).toEqual({ cpus: 1, memoryMb: 1024, cpuKind: 'shared', count: 3, minRunning: null, maxCount: 4 });
    expect(config.env).toEqual({ LOG_LEVEL: 'info' });
    // Names derived from the app follow the app set in the file.
    expect(config.k8s.namespace).toBe('shop');
    expect(config.systemd).toEqual({ user: 'shop', installDir: '/opt/shop', host: null });
  });

  it('treats an empty file or a comment-only file as defaults', async () => {
    const profile = makeProfile();
    expect((await parseConfig('', profile)).config).toEqual(defaultConfig(profile));
    expect((await parseConfig('# nothing yet\n', profile)).config).toEqual(defaultConfig(profile));
  });

  it('raises maxCount to count when only count is set', async () => {
    expect((await parseConfig('machine:\n  count: 8\n', makeProfile())).config.machine.maxCount).toBe(8);
  });

  const cases: { name: string; yaml: string; line: number; column: number; message: string }[] = [
    {
      name: 'wrong type',
      yaml: 'version: 1\napp: my-app\nregion: iad\nhost: null\ntargets: [fly]\nmachine:\n  count: two\n',
      line: 7,
      column: 3,
      message: 'phoenix-ops.yaml:7:3: machine.count must be a whole number from 1 to 100 (got "two")',
    },
    {
      name: 'number out of range',
      yaml: 'machine:\n  cpus: 1\n  count: 0\n',
      line: 3,
      column: 3,
      message: 'phoenix-ops.yaml:3:3: machine.count must be a whole number from 1 to 100 (got 0)',
    },
    {
      name: 'unknown key with a suggestion',
      yaml: 'app: my-app\nmachine:\n  cpus: 1\n  memroyMb: 2048\n',
      line: 4,
      column: 3,
      message: 'phoenix-ops.yaml:4:3: unknown key machine.memroyMb; did you mean machine.memoryMb?',
    },
    {
      name: 'unknown key in snake case',
      yaml: 'database:\n  storage_gb: 20\n',
      line: 2,
      column: 3,
      message: 'phoenix-ops.yaml:2:3: unknown key database.storage_gb; did you mean database.storageGb?',
    },
    {
      name: 'key in the wrong section',
      yaml: 'app: my-app\ncount: 2\n',
      line: 2,
      column: 1,
      message: 'phoenix-ops.yaml:2:1: unknown key count; did you mean machine.count?',
    },
    {
      name: 'unknown key far from every valid one',
      yaml: 'health:\n  zzz: 1\n',
      line: 2,
      column: 3,
      message: 'phoenix-ops.yaml:2:3: unknown key health.zzz; valid keys under health: path',
    },
    {
      name: 'bad enum with a suggestion',
      yaml: 'database:\n  kind: postgress\n',
      line: 2,
      column: 3,
      message:
        'phoenix-ops.yaml:2:3: database.kind must be one of auto, postgres, mysql, sqlite or none (got "postgress"); did you mean postgres?',
    },
    {
      name: 'bad enum inside a list',
      yaml: 'targets:\n  - fly\n  - kubernetes\n',
      line: 3,
      column: 5,
      message:
        'phoenix-ops.yaml:3:5: targets[1] must be one of docker, fly, k8s, cloudrun, aws, systemd, github-actions, compose, render or gigalixir (got "kubernetes")',
    },
    {
      name: 'YAML 1.1 boolean',
      yaml: 'clustering: yes\n',
      line: 1,
      column: 1,
      message: 'phoenix-ops.yaml:1:1: clustering must be one of true, false or auto (got "yes"); did you mean true?',
    },
    {
      name: 'number where text is expected',
      yaml: 'env:\n  POOL_SIZE: 10\n',
      line: 2,
      column: 3,
      message: 'phoenix-ops.yaml:2:3: env.POOL_SIZE must be a string (got 10); put it in quotes: "10"',
    },
    {
      name: 'bad env name',
      yaml: 'secrets:\n  - DATABASE_URL\n  - 1PASSWORD\n',
      line: 3,
      column: 5,
      message:
        'phoenix-ops.yaml:3:5: secrets[1] must be an environment variable name (letters, digits and _, not starting with a digit) (got "1PASSWORD")',
    },
    {
      name: 'missing required field',
      yaml: 'audit:\n  ignore:\n    - rule: csp-blocks-liveview-socket\n',
      line: 3,
      column: 7,
      message: 'phoenix-ops.yaml:3:7: audit.ignore[0] is missing reason (why the finding does not apply)',
    },
    {
      name: 'host with a scheme',
      yaml: 'host: https://shop.example.com\n',
      line: 1,
      column: 1,
      message: 'phoenix-ops.yaml:1:1: host must be a bare hostname such as "app.example.com" (no scheme, port or path) (got "https://shop.example.com")',
    },
    {
      name: 'section that is not a mapping',
      yaml: 'app: x\nmachine: big\n',
      line: 2,
      column: 1,
      message: 'phoenix-ops.yaml:2:1: machine must be a mapping (key: value lines) (got "big")',
    },
    {
      name: 'inconsistent counts',
      yaml: 'machine:\n  count: 6\n  maxCount: 3\n',
      line: 3,
      column: 3,
      message: 'phoenix-ops.yaml:3:3: machine.maxCount (3) must be at least machine.count (6)',
    },
    {
      name: 'more instances kept running than exist',
      yaml: 'machine:\n  count: 2\n  minRunning: 3\n',
      line: 3,
      column: 3,
      message: 'phoenix-ops.yaml:3:3: machine.minRunning (3) must not exceed machine.count (2)',
    },
    {
      name: 'tab indentation',
      yaml: 'machine:\n\tcount: 2\n',
      line: 2,
      column: 1,
      message: 'phoenix-ops.yaml:2:1: YAML syntax error: indent with spaces, not tabs',
    },
    {
      name: 'CRLF line endings',
      yaml: 'app: a\r\nmachine:\r\n  count: x\r\n',
      line: 3,
      column: 3,
      message: 'phoenix-ops.yaml:3:3: machine.count must be a whole number from 1 to 100 (got "x")',
    },
    {
      name: 'YAML syntax error',
      yaml: 'app: my-app\nmachine:\n  count: [1, 2\nregion: iad\n',
      line: 4,
      column: 1,
      message: 'phoenix-ops.yaml:4:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    },
    {
      name: 'unclosed quote',
      yaml: 'app: my-app\nregion: "iad\n',
      line: 3,
      column: 1,
      message: 'phoenix-ops.yaml:3:1: YAML syntax error: Missing closing "quote',
    },
    {
      name: 'duplicate key',
      yaml: 'app: a\nregion: iad\napp: b\n',
      line: 3,
      column: 1,
      message: 'phoenix-ops.yaml:3:1: duplicate key app; each setting may appear once per section',
    },
    {
      name: 'a target listed twice',
      yaml: 'targets:\n  - fly\n  - docker\n  - fly\n',
      line: 4,
      column: 5,
      message: 'phoenix-ops.yaml:4:5: targets lists "fly" more than once',
    },
    {
      name: 'an env name that is not a variable name',
      yaml: 'env:\n  LOG_LEVEL: info\n  bad name: x\n',
      line: 3,
      column: 3,
      message: 'phoenix-ops.yaml:3:3: env key "bad name" must be an environment variable name (letters, digits and _, not starting with a digit)',
    },
    {
      name: 'a version other than 1',
      yaml: 'version: 2\n',
      line: 1,
      column: 1,
      message: 'phoenix-ops.yaml:1:1: version must be 1 (got 2)',
    },
    {
      name: 'an empty list where one item is needed',
      yaml: 'targets: []\n',
      line: 1,
      column: 1,
      message: 'phoenix-ops.yaml:1:1: targets must list at least 1 item',
    },
    {
      name: 'top level not a mapping',
      yaml: '- fly\n- docker\n',
      line: 1,
      column: 1,
      message: 'phoenix-ops.yaml:1:1: the file must be a mapping (key: value lines) (got a list)',
    },
  ];

  for (const c of cases) {
    it(`reports ${c.name} at ${c.line}:${c.column}`, async () => {
      const err = await errorOf(c.yaml);
      expect(err.message).toBe(c.message);
      expect(err.message).not.toContain('\n');
      expect([err.line, err.column]).toEqual([c.line, c.column]);
      expect(err.file).toBe('phoenix-ops.yaml');
    });
  }

  it('lists every problem in issues, the first in the message', async () => {
    const err = await errorOf('app: Bad_Name\nport: 99999\nmachine:\n  cpu: 2\n');
    expect(err.issues.map((i) => [i.path, i.line, i.column])).toEqual([
      ['app', 1, 1],
      ['port', 2, 1],
      ['machine.cpu', 4, 3],
    ]);
    expect(err.path).toBe('app');
  });

  it('lists the issues in file order, a missing setting after the settings of its section', async () => {
    const err = await errorOf('machine:\n  count: 0\naudit:\n  ignore:\n    - rule: x\n      because: y\nport: nope\ntargets: [fly, fly]\n');
    expect(err.issues.map((i) => [i.path, i.line, i.reason])).toEqual([
      ['machine.count', 2, 'machine.count must be a whole number from 1 to 100 (got 0)'],
      ['audit.ignore[0].because', 6, 'unknown key audit.ignore[0].because; valid keys under audit.ignore[0]: rule, path, reason'],
      ['audit.ignore[0]', 5, 'audit.ignore[0] is missing reason (why the finding does not apply)'],
      ['port', 7, 'port must be a whole number from 1 to 65535 (got "nope")'],
      ['targets[1]', 8, 'targets lists "fly" more than once'],
    ]);
  });

  it('an error built from no issue is still one line, not a crash', () => {
    const err = new ConfigError([]);
    expect(err.message).toBe('phoenix-ops.yaml: the configuration is invalid');
    expect([err.line, err.path, err.issues]).toEqual([null, null, []]);
  });

  it('points at an unresolved alias', async () => {
    const err = await errorOf('app: my-app\nregion: *where\n');
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/^phoenix-ops\.yaml:2:9: YAML error: /);
  });

  it('warns about valid settings that are probably mistakes, with their line', async () => {
    const { warnings } = await parseConfig(
      'targets: [cloudrun]\nport: 80\ndatabase:\n  kind: mysql\nenv:\n  STRIPE_SECRET: x\nci:\n  deployTarget: fly\n',
      makeProfile(),
    );
    expect(warnings).toEqual([
      "phoenix-ops.yaml:4:3: database.kind is mysql but the app's Ecto adapter is for postgres",
      'phoenix-ops.yaml:1:1: cloudrun.project is still the placeholder "my-gcp-project"; set your Google Cloud project id',
      'phoenix-ops.yaml:8:3: ci.deployTarget fly is not listed in targets',
      'phoenix-ops.yaml:2:1: port 80 needs root privileges; the release runs as an unprivileged user, so use 1024 or above (e.g. 8080)',
      'phoenix-ops.yaml:6:3: env.STRIPE_SECRET looks like a secret; list its name under secrets and set the value with the provider instead',
    ]);
  });

  it('warns when an existing AWS VPC comes without two public and two private subnets', async () => {
    const { warnings } = await parseConfig('targets: [aws]\naws:\n  vpcId: vpc-0a1b2c3d4e5f60718\n  publicSubnetIds: [subnet-0a1b2c3d4e5f60711]\n', makeProfile());
    expect(warnings).toEqual([
      'phoenix-ops.yaml:3:3: aws.vpcId names an existing VPC: list at least two publicSubnetIds (for the load balancer) and two privateSubnetIds (for the tasks and the database), in different zones',
    ]);
    const ok = await parseConfig(
      'targets: [aws]\naws:\n  vpcId: vpc-0a1b2c3d4e5f60718\n  publicSubnetIds: [subnet-0a1b2c3d4e5f60711, subnet-0a1b2c3d4e5f60712]\n  privateSubnetIds: [subnet-0a1b2c3d4e5f60721, subnet-0a1b2c3d4e5f60722]\n',
      makeProfile(),
    );
    expect(ok.warnings).toEqual([]);
  });

  it('warns when SQLite runs on several instances', async () => {
    const { warnings } = await parseConfig('machine:\n  count: 3\n', makeProfile({ database: 'sqlite' }));
    expect(warnings).toEqual([
      'phoenix-ops.yaml:2:3: machine.count is 3 but SQLite lives on one volume that instances cannot share; use 1 instance or Postgres',
    ]);
  });
});

describe('loadConfig', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(async () => cleanup());

  it('returns the defaults and no file when the project has none', async () => {
    const profile = makeProfile();
    expect(await loadConfig(dir, profile)).toEqual({ config: defaultConfig(profile), file: null, warnings: [] });
  });

  it('reads phoenix-ops.yml too', async () => {
    await writeFile(join(dir, 'phoenix-ops.yml'), 'region: ams\n');
    const loaded = await loadConfig(dir, makeProfile());
    expect(loaded.file).toBe(join(dir, 'phoenix-ops.yml'));
    expect(loaded.config.region).toBe('ams');
  });

  it('prefers .yaml over .yml and warns', async () => {
    await writeFile(join(dir, 'phoenix-ops.yaml'), 'region: ams\n');
    await writeFile(join(dir, 'phoenix-ops.yml'), 'region: nrt\n');
    const loaded = await loadConfig(dir, makeProfile());
    expect(loaded.config.region).toBe('ams');
    expect(loaded.warnings).toEqual(['phoenix-ops.yml: ignored because phoenix-ops.yaml is also present; delete one of them']);
  });

  it('ignores a folder named like the config file', async () => {
    await mkdir(join(dir, 'phoenix-ops.yaml'));
    expect((await loadConfig(dir, makeProfile())).file).toBeNull();
  });

  it('throws a ConfigError carrying the file path and line', async () => {
    const file = join(dir, 'phoenix-ops.yaml');
    await writeFile(file, 'app: my-app\nmachine:\n  count: "two"\n');
    const err = await loadConfig(dir, makeProfile()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).file).toBe(file);
    expect((err as ConfigError).message).toBe('phoenix-ops.yaml:3:3: machine.count must be a whole number from 1 to 100 (got "two")');
  });
});
