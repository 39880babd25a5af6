/**
 * .github/workflows/ci.yml: format check, warnings-as-errors compile and `mix test` against a database
 * service container of the same major version production uses, on the Elixir/OTP the Dockerfile uses.
 */
import type { Profile } from '../../scan/profile.js';
import { MYSQL_IMAGE, POSTGRES_IMAGE, sqlEngine, testDbCredentials } from '../compose/datastores.js';
import type { DeployFacts } from '../shared/deploy-facts.js';
import { ACTIONS, uses } from './actions.js';

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

/** `path` inside the project folder, relative to the repository root. */
export function inProject(ctx: WorkflowContext, path: string): string {
  return ctx.dir ? `${ctx.dir}/${path}` : path;
}

export function checkoutStep(): Obj {
  return { name: 'Check out', uses: uses(ACTIONS.checkout), with: { 'persist-credentials': false } };
}

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
    env: { MIX_ENV: 'test' },
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
