/**
 * Every target sets what the app really reads at boot (the scan's `runtime` facts): the database variables
 * (a URL under the app's own name, or host/user/password/name parts), the app's own port variable, the port
 * the app fixes in its prod config, and a server switch other than PHX_SERVER. Each case is the example app
 * with its runtime config written the way real Phoenix projects write it; the generated files go through the
 * validators the target tests use.
 */
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import type { TargetId } from '../../src/model/ids.js';
import type { Plan } from '../../src/model/plan.js';
import { defaultConfig } from '../../src/plan/config.js';
import { databaseRoleOfName } from '../../src/facts/runtime-wiring.js';
import { plan } from '../../src/plan/planner.js';
import type { Profile } from '../../src/scan/profile.js';
import { replace, scanProject, type Edits } from '../helpers/project.js';
import { validateShell, validateToml, validateYaml } from '../helpers/validate.js';
import { parseSystemdUnit, validateCompose, validateK8sObject, validateTerraform, yamllintAll } from '../helpers/validate-more.js';

const RUNTIME = 'config/runtime.exs';
const TARGETS: TargetId[] = ['fly', 'k8s', 'cloudrun', 'systemd', 'compose'];
const render = (profile: Profile, target: TargetId): Plan => plan(profile, defaultConfig(profile), target, {});
const file = (p: Plan, path: string): string => {
  const hit = p.files.find((f) => f.path === path || f.path.endsWith(path.startsWith('.') ? path : `/${path}`));
  if (!hit) throw new Error(`${p.target} wrote no ${path} (files: ${p.files.map((f) => f.path).join(', ')})`);
  return hit.content;
};
const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Record<string, any>);

/** The value each target gives NAME: fly.toml [env], the k8s ConfigMap, the Cloud Run container env, the systemd env file, compose's app env. */
function setTo(p: Plan, name: string): string | undefined {
  switch (p.target) {
    case 'fly':
      return (parseToml(file(p, 'fly.toml')) as any).env?.[name];
    case 'k8s':
      return docs(file(p, 'deploy/k8s/base/configmap.yaml'))[0]!.data[name];
    case 'cloudrun':
      return (docs(file(p, 'deploy/cloudrun/service.yaml'))[0]!.spec.template.spec.containers[0].env as { name: string; value?: string }[]).find((e) => e.name === name)?.value;
    case 'systemd': {
      const line = file(p, '.env.example').split('\n').find((l) => l.startsWith(`${name}=`));
      return line?.slice(name.length + 1);
    }
    case 'compose':
      return (parseYaml(file(p, 'compose.yaml')) as any).services.app.environment[name];
    default:
      return undefined;
  }
}

/** The port each target routes traffic to. */
function routedPort(p: Plan): number {
  switch (p.target) {
    case 'fly':
      return (parseToml(file(p, 'fly.toml')) as any).http_service.internal_port;
    case 'k8s':
      return docs(file(p, 'deploy/k8s/base/deployment.yaml'))[0]!.spec.template.spec.containers[0].ports[0].containerPort;
    case 'cloudrun':
      return docs(file(p, 'deploy/cloudrun/service.yaml'))[0]!.spec.template.spec.containers[0].ports[0].containerPort;
    case 'systemd':
      return Number(/HEALTH_PORT=\$\{HEALTH_PORT:-(\d+)\}/.exec(file(p, 'deploy.sh'))?.[1]);
    case 'compose':
      return Number(String((parseYaml(file(p, 'compose.yaml')) as any).services.app.ports[0]).split(':')[1]);
    default:
      return Number.NaN;
  }
}

/** The generated files of one plan through the validators of the target tests. */
async function validate(p: Plan): Promise<void> {
  for (const f of p.files) {
    if (f.path.endsWith('.toml')) await validateToml(f.content, f.path);
    else if (/\.ya?ml$/.test(f.path)) {
      const objs = await validateYaml(f.content, f.path);
      if (p.target === 'k8s' && f.path.includes('/base/') && !f.path.endsWith('kustomization.yaml')) for (const o of objs) await validateK8sObject(o as Record<string, unknown>, f.path);
      if (p.target === 'compose' && /compose[^/]*\.ya?ml$/.test(f.path)) validateCompose(objs[0] as Record<string, unknown>, f.content);
    } else if (f.path.endsWith('.sh')) await validateShell(f.content, f.path);
    else if (f.path.endsWith('.service')) expect(Object.keys(parseSystemdUnit(f.content)), f.path).toContain('Service');
  }
  const tf = p.files.filter((f) => f.path.endsWith('.tf'));
  if (tf.length) await validateTerraform(tf);
  await yamllintAll(p.files.filter((f) => /\.ya?ml$/.test(f.path)).map((f) => ({ name: f.path, content: f.content })));
}

describe('the part of the connection a database variable carries, from its name (when its place in the Repo config does not say)', () => {
  it.each([
    ['MYAPP_DATABASE_URL', 'database-url'],
    ['DATABASE_URL_PROD', 'database-url'],
    ['POSTGRES_URI', 'database-url'],
    ['DB_HOST', 'db-host'],
    ['PGHOST', 'db-host'],
    ['DATABASE_HOSTNAME', 'db-host'],
    ['DB_USER', 'db-user'],
    ['CF_DB_USERNAME', 'db-user'],
    ['DB_PASS', 'db-password'],
    ['DATABASE_PASSWORD', 'db-password'],
    ['PGPASSWORD', 'db-password'],
    ['DB_PORT', 'db-port'],
    ['DB_NAME', 'db-name'],
    ['POSTGRES_DB', 'db-name'],
    ['PGDATABASE', 'db-name'],
    ['DATABASE_PATH', 'database-path'],
    ['DB_SSL', null],
  ])('%s → %s', (name, role) => expect(databaseRoleOfName(name)).toBe(role));
});

const DB_URL_BLOCK = /  database_url =\n[\s\S]*?"""[\s\S]*?"""\n/;

const PARTS: Edits = {
  [RUNTIME]: (t) =>
    t
      .replace(DB_URL_BLOCK, '')
      .replace(
        '    url: database_url,',
        [
          '    hostname: System.get_env("DB_HOST", "localhost"),',
          '    username: System.get_env("DB_USER", "postgres"),',
          '    password: System.get_env("DB_PASSWORD", "postgres"),',
          '    database: System.get_env("DB_NAME", "hello_phoenix_prod"),',
        ].join('\n'),
      ),
};

describe('the database variables the app reads are set by every target', () => {
  it('host, user, password and name read with local defaults: provisioned parts set, the others asked for, the password a secret', async () => {
    const profile = await scanProject(PARTS);
    expect(profile.runtime.databaseEnv).toEqual(['DB_HOST', 'DB_USER', 'DB_PASSWORD', 'DB_NAME']);
    for (const t of TARGETS) {
      const p = render(profile, t);
      await validate(p);
      const secrets = p.secrets.map((s) => s.name);
      expect(secrets, t).not.toContain('DATABASE_URL');
      // Never dropped: each part is set in the target's env, or a secret the plan lists.
      for (const v of ['DB_HOST', 'DB_USER', 'DB_PASSWORD', 'DB_NAME']) expect(setTo(p, v) !== undefined || secrets.includes(v), `${t}: ${v}`).toBe(true);
      // The password never sits in a committed file as a value.
      if (t !== 'compose') expect(secrets, t).toContain('DB_PASSWORD');
    }
    const app = (parseYaml(file(render(profile, 'compose'), 'compose.yaml')) as any).services.app.environment;
    expect([app.DB_HOST, app.DB_USER, app.DB_NAME]).toEqual(['db', 'postgres', 'hello_phoenix_prod']);
    expect(app.DB_PASSWORD).toContain('POSTGRES_PASSWORD');
    // Fly: attach names the user and the database, fly.toml sets them; the host is asked for with the URL to copy it from.
    const fly = render(profile, 'fly');
    const attach = fly.steps.find((s) => s.id === 'db-attach')!;
    expect(attach.command).toEqual(expect.arrayContaining(['--database-user', 'hello_phoenix', '--database-name', 'hello_phoenix']));
    expect([setTo(fly, 'DB_USER'), setTo(fly, 'DB_NAME')]).toEqual(['hello_phoenix', 'hello_phoenix']);
    expect(fly.steps.find((s) => s.id === 'secrets-input')!.stdin).toContain('DB_HOST={{input:DB_HOST}}');
    const note = fly.notes.find((n) => n.includes('are asked for at apply'));
    expect(note).toMatch(/DB_PASSWORD, DB_HOST are asked for at apply: copy them from the DATABASE_URL attach stores/);
    // Cloud Run: Cloud SQL's user and database, the password from terraform.
    const run = render(profile, 'cloudrun');
    expect(setTo(run, 'DB_USER')).toBe('hello_phoenix');
    expect(run.secrets.find((s) => s.name === 'DB_PASSWORD')!.source).toBe('terraform output db_password');
    // k8s and systemd: the host a placeholder the plan lists as "you must set".
    expect(setTo(render(profile, 'k8s'), 'DB_HOST')).toMatch(/^<set DB_HOST: the database host, read at config\/runtime\.exs:\d+>$/);
    expect(render(profile, 'systemd').notes.join('\n')).toMatch(/You must set these values.*DB_HOST/);
  });

  it('an app-prefixed URL variable gets the URL: Fly attaches under that name, compose writes it, nothing sets a DATABASE_URL it never reads', async () => {
    const profile = await scanProject({ [RUNTIME]: replace('System.get_env("DATABASE_URL") ||', 'System.get_env("HELLO_DATABASE_URL") ||') });
    expect(profile.runtime.databaseEnv).toEqual(['HELLO_DATABASE_URL']);
    for (const t of TARGETS) {
      const p = render(profile, t);
      await validate(p);
      const secrets = p.secrets.map((s) => s.name);
      expect(secrets, t).not.toContain('DATABASE_URL');
      if (t !== 'compose') expect(secrets, t).toContain('HELLO_DATABASE_URL');
    }
    const attach = render(profile, 'fly').steps.find((s) => s.id === 'db-attach')!;
    expect(attach.command).toEqual(expect.arrayContaining(['--variable-name', 'HELLO_DATABASE_URL']));
    expect(attach.probe!.select).toEqual(['[name=HELLO_DATABASE_URL]']);
    expect(render(profile, 'fly').secrets.find((s) => s.name === 'HELLO_DATABASE_URL')!.source).toMatch(/^fly (mpg|postgres) attach$/);
    expect(setTo(render(profile, 'compose'), 'HELLO_DATABASE_URL')).toMatch(/^ecto:\/\/postgres:\$\{POSTGRES_PASSWORD:\?.*\}@db\/hello_phoenix_prod$/);
    expect(setTo(render(profile, 'systemd'), 'HELLO_DATABASE_URL')).toBe('<ecto://USER:PASSWORD@localhost/DATABASE>');
    expect(render(profile, 'cloudrun').secrets.find((s) => s.name === 'HELLO_DATABASE_URL')!.source).toMatch(/terraform outputs database_url_template/);
  });

  it('a URL variable named after the config env (DATABASE_URL_#{config_env()}) is wired under its prod name', async () => {
    const profile = await scanProject({ [RUNTIME]: replace('System.get_env("DATABASE_URL") ||', 'System.get_env("DATABASE_URL_#{config_env() |> to_string() |> String.upcase()}") ||') });
    const names = profile.runtime.databaseEnv;
    expect(names).toHaveLength(1);
    for (const t of TARGETS) {
      const p = render(profile, t);
      const provided = setTo(p, names[0]!) !== undefined || p.secrets.some((s) => s.name === names[0]);
      expect(provided, `${t}: ${names[0]}`).toBe(true);
    }
  });
});

describe('the port the app listens on is the port every target routes to', () => {
  it('an app-specific port variable is set to the routed port', async () => {
    const profile = await scanProject({ [RUNTIME]: replace('System.get_env("PORT") || "4000"', 'System.get_env("HELLO_PORT") || "4000"') });
    expect(profile.runtime.portEnv).toBe('HELLO_PORT');
    for (const t of TARGETS) {
      const p = render(profile, t);
      await validate(p);
      expect(setTo(p, 'HELLO_PORT'), t).toBe(String(routedPort(p)));
    }
  });

  it('a port fixed in the prod config (no port variable): every target routes there, and the image exposes it', async () => {
    const profile = await scanProject({
      [RUNTIME]: (t) => t.replace('  port = String.to_integer(System.get_env("PORT") || "4000")\n', '').replace(/    http: \[\n[\s\S]*?      port: port\n    \],\n/, ''),
      'config/prod.exs': (t) => `${t}\nconfig :hello_phoenix, HelloPhoenixWeb.Endpoint, http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: 4001]\n`,
    });
    expect([profile.runtime.portEnv, profile.runtime.listenPort]).toEqual([null, 4001]);
    for (const t of TARGETS) {
      const p = render(profile, t);
      await validate(p);
      expect(routedPort(p), t).toBe(4001);
    }
    expect(file(render(profile, 'docker'), 'Dockerfile')).toMatch(/^EXPOSE 4001$/m);
  });
});

describe('a server switch other than PHX_SERVER is turned on', () => {
  it('`server: System.get_env("START_WEB") == "true"`: every target sets START_WEB=true', async () => {
    const profile = await scanProject({
      [RUNTIME]: replace(
        'if System.get_env("PHX_SERVER") do\n  config :hello_phoenix, HelloPhoenixWeb.Endpoint, server: true\nend',
        'config :hello_phoenix, HelloPhoenixWeb.Endpoint, server: System.get_env("START_WEB") == "true"',
      ),
    });
    expect(profile.runtime.serverEnabledBy).toBe('env:START_WEB');
    for (const t of TARGETS) {
      const p = render(profile, t);
      await validate(p);
      expect(setTo(p, 'START_WEB'), t).toBe('true');
    }
  });

  it('a switch that is the port variable keeps the port (the endpoint serves when the port is set)', async () => {
    const profile = await scanProject({
      [RUNTIME]: (t) =>
        t
          .replace('System.get_env("PORT") || "4000"', 'System.get_env("HELLO_PORT") || "4000"')
          .replace('if System.get_env("PHX_SERVER") do', 'if System.get_env("HELLO_PORT") do'),
    });
    expect(profile.runtime.serverEnabledBy).toBe('env:HELLO_PORT');
    for (const t of TARGETS) {
      const p = render(profile, t);
      expect(setTo(p, 'HELLO_PORT'), t).toBe(String(routedPort(p)));
    }
  });
});
