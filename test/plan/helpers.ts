/** Test helpers for the plan machinery: a small hand-built Profile and real temp folders. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dep, Facts, Profile } from '../../src/scan/profile.js';

export interface ProfileOptions {
  otpApp?: string;
  database?: Profile['database'];
  liveView?: boolean;
  clustering?: Profile['clustering'];
  pubsub?: Profile['pubsub'];
  healthPath?: string | null;
  deps?: string[];
}

const DEP_LINES: Record<string, number> = { phoenix: 38, postgrex: 42, phoenix_live_view: 44, dns_cluster: 50, redix: 52, ecto_sqlite3: 43 };

/** A minimal but well-formed Profile of a single Phoenix app; fields the plan code reads are filled in. */
export function makeProfile(opts: ProfileOptions = {}): Profile {
  const otpApp = opts.otpApp ?? 'hello_phoenix';
  const database = opts.database ?? 'postgres';
  const liveView = opts.liveView ?? true;
  const clustering = opts.clustering ?? 'dns_cluster';
  const depNames = opts.deps ?? [
    'phoenix',
    ...(database === 'postgres' ? ['postgrex'] : database === 'sqlite' ? ['ecto_sqlite3'] : []),
    ...(liveView ? ['phoenix_live_view'] : []),
    ...(clustering === 'dns_cluster' ? ['dns_cluster'] : []),
  ];
  const deps: Dep[] = depNames.map((name, i) => ({
    name,
    requirement: '~> 1.0',
    only: null,
    runtime: true,
    optional: false,
    source: 'hex',
    evidence: { file: 'mix.exs', line: DEP_LINES[name] ?? 60 + i },
  }));
  const healthPath = opts.healthPath === undefined ? '/health' : opts.healthPath;
  const facts: Partial<Facts> = {
    projects: [
      {
        path: '.',
        mixFile: 'mix.exs',
        otpApp,
        kind: 'web',
        phoenix: true,
        elixirRequirement: '~> 1.14',
        elixirRequirementEvidence: { file: 'mix.exs', line: 8 },
        applicationModule: 'HelloPhoenix.Application',
        deps,
        releases: [],
        aliases: {},
        evidence: { file: 'mix.exs', line: 7 },
      },
    ],
    routers: healthPath
      ? [
          {
            module: 'HelloPhoenixWeb.Router',
            file: 'lib/hello_phoenix_web/router.ex',
            pipelines: [],
            routes: [
              {
                verb: 'get',
                path: healthPath,
                target: 'HelloPhoenixWeb.HealthController',
                action: 'index',
                pipelines: [],
                liveSession: null,
                devOnly: false,
                evidence: { file: 'lib/hello_phoenix_web/router.ex', line: 20 },
              },
            ],
            evidence: { file: 'lib/hello_phoenix_web/router.ex', line: 1 },
          },
        ]
      : [],
    config: [],
    usage: { presence: [], pubsubBroadcast: [], liveRender: [], telemetry: [] },
  };
  const profile = {
    schemaVersion: 1,
    root: '/tmp/hello_phoenix',
    projectPath: '.',
    umbrella: false,
    apps: [{ path: '.', otpApp, phoenix: true }],
    web: { path: '.', otpApp, endpointModule: 'HelloPhoenixWeb.Endpoint', routerModule: 'HelloPhoenixWeb.Router' },
    versions: { phoenix: '1.7.14', liveView: liveView ? '1.0.0' : null, ecto: '3.12.0', elixirRequirement: '~> 1.14', elixir: null, otp: null },
    database,
    liveView,
    oban: false,
    pubsub: opts.pubsub ?? 'pg',
    clustering,
    httpServer: 'bandit',
    assets: 'tailwind+esbuild',
    sentry: false,
    rateLimiter: 'none',
    mailer: null,
    runtimeConfig: {
      file: 'config/runtime.exs',
      env: [
        { name: 'SECRET_KEY_BASE', required: true, default: null, dynamic: false, evidence: { file: 'config/runtime.exs', line: 40 } },
        { name: 'DATABASE_URL', required: true, default: null, dynamic: false, evidence: { file: 'config/runtime.exs', line: 25 } },
        { name: 'POOL_SIZE', required: false, default: '10', dynamic: false, evidence: { file: 'config/runtime.exs', line: 33 } },
        { name: 'PORT', required: false, default: '4000', dynamic: false, evidence: { file: 'config/runtime.exs', line: 44 } },
      ],
    },
    security: { forceSsl: true, hsts: true, csp: false, checkOrigin: null },
    health: healthPath ? { path: healthPath } : null,
    releaseModule: null,
    deployFiles: { dockerfiles: [], flyTomls: [], k8s: [], workflows: [], relOverlays: [] },
    evidence: {},
    warnings: [],
    facts,
  };
  return profile as unknown as Profile;
}

/** A fresh temp folder; call the returned cleanup in afterEach. */
export async function tempDir(prefix = 'phoenix-ops-plan-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
