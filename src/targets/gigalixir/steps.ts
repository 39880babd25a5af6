/**
 * The gigalixir CLI steps (github.com/gigalixir/gigalixir-cli, gigalixir/__init__.py at 86311fd4, 2026-03-21):
 * `apps:create --name` (also adds the `gigalixir` git remote), `pg:create [--free] --size --yes`, one
 * `config:set --no_restart KEY=VALUE` per plain value, `git push gigalixir` to deploy, `ps:migrate`.
 *
 * Secrets: `config:set` takes KEY=VALUE only as arguments (no stdin, no file), which would put the value in
 * the process list and our call records. So secrets go to the same API call the CLI makes
 * (`POST /api/apps/<app>/configs` with `{"configs": {...}, "avoid_restart": true}`, gigalixir/config.py
 * create_multiple) through curl with the body on stdin, authenticated from the ~/.netrc entry `gigalixir login`
 * writes (gigalixir/netrc.py update_netrc; the CLI's requests session reads the same file).
 */
import type { Step } from '../../model/plan.js';
import { generated, input, output } from '../shared/placeholders.js';
import type { GigalixirModel } from './model.js';

export const GIGALIXIR_API = 'https://api.gigalixir.com';

function configsUrl(app: string): string {
  return `${GIGALIXIR_API}/api/apps/${encodeURIComponent(app)}/configs`;
}

const hasConfig = (app: string, key: string) => ({ command: ['gigalixir', 'config', '-a', app], select: [key] });
const unset = (app: string, key: string) => ['gigalixir', 'config:unset', '-a', app, key];

/** One secret through the API, its value on stdin (a JSON string). */
function secretStep(app: string, id: string, name: string, value: string, description: string): Step {
  return {
    id,
    description,
    // --output /dev/null: the API answers with every config value (config.py echoes `data`), which must not reach our logs.
    command: ['curl', '--netrc', '--fail', '--silent', '--show-error', '--output', '/dev/null', '--request', 'POST', '--header', 'Content-Type: application/json', '--data-binary', '@-', configsUrl(app)],
    stdin: `{"configs": {"${name}": "${value}"}, "avoid_restart": true}`,
    stdinEscape: 'json',
    secrets: [name],
    probe: hasConfig(app, name),
    rollback: unset(app, name),
  };
}

function databaseSteps(m: GigalixirModel): Step[] {
  const pg = m.postgres;
  if (!pg) return [];
  const app = m.app;
  const list = ['gigalixir', 'pg', '-a', app];
  const steps: Step[] = [
    {
      id: 'db-create',
      description: pg.free ? 'create a free-tier Postgres database (sets DATABASE_URL)' : `create a size ${pg.size} Postgres database (sets DATABASE_URL and POOL_SIZE)`,
      command: ['gigalixir', 'pg:create', '-a', app, ...(pg.free ? ['--free'] : ['--size', String(pg.size)]), '--yes'],
      probe: { command: list, select: ['[0].id'] },
      outputs: { command: list, values: { id: '[0].id', url: '[0].url' }, sensitive: ['url'] },
      rollback: ['gigalixir', 'pg:destroy', '-a', app, '--database_id', output('db-create', 'id'), '--yes'],
      timeoutSeconds: 1800,
      data: true,
    },
  ];
  for (const name of m.extraUrlVars) steps.push(secretStep(app, `secret-${name.toLowerCase()}`, name, output('db-create', 'url'), `store the database URL as ${name} too (the app reads it there)`));
  return steps;
}

function secretSteps(m: GigalixirModel): Step[] {
  return m.secrets.filter((s) => s.source === null).map((s) =>
    secretStep(m.app, `secret-${s.name.toLowerCase()}`, s.name, s.generate ? generated(s.generate) : input(s.name), s.generate ? `set ${s.name} to a generated value` : `set ${s.name} (a value only you know)`),
  );
}

export function gigalixirSteps(m: GigalixirModel): Step[] {
  const app = m.app;
  const steps: Step[] = [
    {
      id: 'app-create',
      description: `create the Gigalixir app ${app} (and the gigalixir git remote)`,
      command: ['gigalixir', 'apps:create', '--name', app],
      probe: { command: ['gigalixir', 'apps:info', '-a', app], select: ['unique_name'] },
      rollback: ['gigalixir', 'apps:destroy', '-a', app, '--yes'],
      holds: [],
    },
    ...databaseSteps(m),
    ...m.env.map(([k, v]): Step => ({
      id: `env-${k.toLowerCase()}`,
      description: `set ${k}`,
      command: ['gigalixir', 'config:set', '-a', app, '--no_restart', `${k}=${v}`],
      probe: hasConfig(app, k),
      rollback: unset(app, k),
    })),
    ...secretSteps(m),
    {
      id: 'deploy',
      description: 'push the code to Gigalixir, which builds the release and rolls it out',
      command: ['git', 'push', 'gigalixir', 'HEAD:refs/heads/main'],
      rerun: 'on-change',
      timeoutSeconds: 1800,
    },
  ];
  if (m.migrate) steps.push({ id: 'migrate', description: 'run the migrations in a running replica (gigalixir ps:migrate)', command: ['gigalixir', 'ps:migrate', '-a', app], rerun: 'on-change', timeoutSeconds: 900 });
  const appStep = steps[0]!;
  appStep.holds = steps.filter((s) => s.id !== 'app-create' && s.probe).map((s) => s.id);
  return steps;
}
