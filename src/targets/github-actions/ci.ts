/**
 * .github/workflows/ci.yml: format check, warnings-as-errors compile and `mix test` against a database
 * service container of the same major version production uses, on the Elixir/OTP the Dockerfile uses.
 */
import type { Profile } from '../../scan/profile.js';
import { dbPort, MYSQL_IMAGE, POSTGRES_IMAGE, sqlEngine, testDbCredentials } from '../compose/datastores.js';
import type { DeployFacts } from '../../facts/deploy.js';
import { ACTIONS, uses } from '../shared/actions.js';
import { checkoutStep, inProject } from '../shared/ci-steps.js';

type Obj = Record<string, unknown>;

export interface BeamVersions {
  elixir: string;
  otp: string;
  /** Why these versions, for the notes. */
  note: string;
}

export interface WorkflowContext {
  profile: Profile;
  facts: DeployFacts;
  beam: BeamVersions;
  /** Project folder relative to the repository root ('' when it is the root). */
  dir: string;
  /** ci.yml is also called by deploy.yml (workflow_call) instead of running on pushes itself. */
  calledByDeploy: boolean;
}

export { checkoutStep, inProject } from '../shared/ci-steps.js';

function dbService(ctx: WorkflowContext): { name: string; service: Obj; env: Record<string, string> } | null {
  const engine = sqlEngine(ctx.facts.database);
  if (!engine) return null;
  const creds = testDbCredentials(ctx.profile, engine);
  if (engine === 'postgres') {
    return {
      name: 'postgres',
      service: {
        image: POSTGRES_IMAGE,
        env: { POSTGRES_USER: creds.username, POSTGRES_PASSWORD: creds.password },
        ports: ['5432:5432'],
        options: '--health-cmd "pg_isready" --health-interval 5s --health-timeout 5s --health-retries 10',
      },
      env: {},
    };
  }
  const env: Record<string, string> =
    creds.username === 'root'
      ? creds.password === ''
        ? { MYSQL_ALLOW_EMPTY_PASSWORD: 'yes' }
        : { MYSQL_ROOT_PASSWORD: creds.password }
      : { MYSQL_RANDOM_ROOT_PASSWORD: 'yes', MYSQL_USER: creds.username, MYSQL_PASSWORD: creds.password };
  return {
    name: 'mysql',
    service: {
      image: MYSQL_IMAGE,
      env,
      ports: ['3306:3306'],
      options: '--health-cmd "mysqladmin ping -h 127.0.0.1" --health-interval 5s --health-timeout 5s --health-retries 20',
    },
    env: {},
  };
}

/** Env vars the test config requires (read with fetch_env!/raise in config/test.exs or a config applying to test). */
function testRequiredEnv(profile: Profile): { name: string; role: string | null }[] {
  const repos = new Set(profile.facts.config.flatMap((c) => (c.key && /(^|\.)Repo$/.test(c.key) ? [c.key] : [])));
  const out = new Map<string, string | null>();
  for (const r of profile.facts.envReads) {
    if (!r.required || r.dynamic || !r.envs.includes('test') || out.has(r.name)) continue;
    const role = r.key && repos.has(r.key) ? (r.path[0] ?? null) : null;
    out.set(r.name, role);
  }
  return [...out].map(([name, role]) => ({ name, role })).sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Required test env vars CI takes from repository secrets (the rest get the database service's values). */
export function testEnvSecrets(profile: Profile): string[] {
  return testRequiredEnv(profile)
    .filter((v) => !['url', 'hostname', 'username', 'password', 'database', 'port'].includes(v.role ?? ''))
    .map((v) => v.name);
}

/** The job env: MIX_ENV, then what config/test.exs requires — the database service's parts, else repository secrets. */
function testEnv(ctx: WorkflowContext): Record<string, string> {
  const env: Record<string, string> = { MIX_ENV: 'test' };
  const engine = sqlEngine(ctx.facts.database);
  const creds = engine ? testDbCredentials(ctx.profile, engine) : null;
  const db = `${ctx.facts.otpApp}_test`;
  for (const v of testRequiredEnv(ctx.profile)) {
    if (creds && engine && v.role === 'url') env[v.name] = `ecto://${creds.username}:${creds.password}@localhost/${db}`;
    else if (v.role === 'hostname') env[v.name] = 'localhost';
    else if (creds && v.role === 'username') env[v.name] = creds.username;
    else if (creds && v.role === 'password') env[v.name] = creds.password;
    else if (v.role === 'database') env[v.name] = db;
    else if (engine && v.role === 'port') env[v.name] = String(dbPort(engine));
    else env[v.name] = `\${{ secrets.${v.name} }}`;
  }
  return env;
}

export function ciWorkflow(ctx: WorkflowContext): Obj {
  const on: Obj = ctx.calledByDeploy
    ? { pull_request: { branches: ['main'] }, workflow_call: {} }
    : { pull_request: { branches: ['main'] }, push: { branches: ['main'] } };
  const db = dbService(ctx);
  const lock = inProject(ctx, 'mix.lock');
  const keyBase = 'mix-${{ runner.os }}-otp-${{ steps.beam.outputs.otp-version }}-elixir-${{ steps.beam.outputs.elixir-version }}';
  const job: Obj = {
    name: 'mix test',
    'runs-on': 'ubuntu-24.04',
    'timeout-minutes': 30,
    env: testEnv(ctx),
  };
  if (db) job.services = { [db.name]: db.service };
  if (ctx.dir) job.defaults = { run: { 'working-directory': ctx.dir } };
  job.steps = [
    checkoutStep(),
    {
      name: 'Set up Elixir and Erlang/OTP',
      id: 'beam',
      uses: uses(ACTIONS.setupBeam),
      with: { 'elixir-version': ctx.beam.elixir, 'otp-version': ctx.beam.otp, 'version-type': 'strict' },
    },
    {
      name: 'Cache deps and _build',
      uses: uses(ACTIONS.cache),
      with: {
        path: `${inProject(ctx, 'deps')}\n${inProject(ctx, '_build')}\n`,
        key: `${keyBase}-\${{ hashFiles('${lock}') }}`,
        'restore-keys': `${keyBase}-\n`,
      },
    },
    { name: 'Install dependencies', run: 'mix deps.get' },
    { name: 'Check formatting', run: 'mix format --check-formatted' },
    { name: 'Compile (warnings are errors)', run: 'mix compile --warnings-as-errors' },
    { name: 'Run the tests', run: 'mix test' },
  ];
  return {
    name: 'CI',
    on,
    permissions: { contents: 'read' },
    concurrency: { group: 'ci-${{ github.ref }}', 'cancel-in-progress': true },
    jobs: { test: job },
  };
}
