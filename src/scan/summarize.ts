/**
 * From gathered facts to the stable summary (`scan --json`): a table of deciders, one per field,
 * each answering with its value, its evidence (`{file, line}`) and, where it chose, why. The
 * evidence becomes the summary's `"file:line"` map only here, at the edge.
 */
import { decideDatabase } from './decide/database.js';
import { decideAssets, decideClustering, decideHttpServer, decideLiveView, decideMailer, decideOban, decidePubsub, decideRateLimiter, decideSentry } from './decide/features.js';
import { decideHealth } from './decide/health.js';
import { decideDeployFiles, decideReleaseModule } from './decide/release.js';
import { decideRuntimeConfig } from './decide/runtime-config.js';
import { decideSecurity } from './decide/security.js';
import type { DecideInput, Decider, Decision } from './decide/types.js';
import { decideVersions } from './decide/versions.js';
import { decideRuntime } from './runtime/index.js';
import type { WebSelection } from './decide/web.js';
import type { Evidence, Facts, Profile, ScanSummary, ScanWarning } from './profile.js';
import { SCHEMA_VERSION } from './profile.js';

export interface SummarizeInput {
  root: string;
  projectPath: string;
  umbrella: boolean;
  web: WebSelection;
  facts: Facts;
  endpointPaths: DecideInput['endpointPaths'];
  relOverlays: string[];
  warnings: ScanWarning[];
}

type Decided = Omit<ScanSummary, 'schemaVersion' | 'root' | 'projectPath' | 'umbrella' | 'apps' | 'web' | 'evidence' | 'reasons' | 'warnings'>;

/** Every decided field and its decider, in the order of the summary. */
const DECIDERS: { [K in keyof Decided]: Decider<K> } = {
  versions: decideVersions,
  database: decideDatabase,
  liveView: decideLiveView,
  oban: decideOban,
  pubsub: decidePubsub,
  clustering: decideClustering,
  httpServer: decideHttpServer,
  assets: decideAssets,
  sentry: decideSentry,
  rateLimiter: decideRateLimiter,
  mailer: decideMailer,
  runtimeConfig: decideRuntimeConfig,
  security: decideSecurity,
  health: decideHealth,
  releaseModule: decideReleaseModule,
  deployFiles: decideDeployFiles,
  runtime: decideRuntime,
};

export function summarize(input: SummarizeInput): Profile {
  const { facts, web } = input;
  const evidence: Record<string, Evidence> = {};
  const reasons: Record<string, string> = {};
  const record = (d: Pick<Decision<unknown>, 'evidence' | 'reasons'>) => {
    for (const [k, e] of Object.entries(d.evidence ?? {})) if (e) evidence[k] = e;
    Object.assign(reasons, d.reasons ?? {});
  };
  record(web);
  const decideInput: DecideInput = { facts, web, endpointPaths: input.endpointPaths, relOverlays: input.relOverlays };
  const decided: Record<string, unknown> = {};
  for (const [field, decide] of Object.entries(DECIDERS)) {
    const d = decide(decideInput);
    decided[field] = d.value;
    record(d);
  }
  facts.evidence = sortKeys(evidence);
  facts.reasons = sortKeys(reasons);
  const summaryEvidence: Record<string, string> = {};
  for (const [k, e] of Object.entries(facts.evidence)) summaryEvidence[k] = `${e.file}:${e.line}`;
  const apps = facts.projects.filter((p) => p.kind !== 'umbrella-root').map((p) => ({ path: p.path, otpApp: p.otpApp, phoenix: p.phoenix }));
  return {
    schemaVersion: SCHEMA_VERSION,
    root: input.root,
    projectPath: input.projectPath,
    umbrella: input.umbrella,
    apps,
    web: { path: web.project.path, otpApp: web.project.otpApp, endpointModule: web.endpoint?.module ?? null, routerModule: web.router?.module ?? null },
    // Each field holds what its own decider returned (DECIDERS is typed field by field).
    ...(decided as Decided),
    evidence: summaryEvidence,
    ...(Object.keys(facts.reasons).length ? { reasons: facts.reasons } : {}),
    warnings: input.warnings,
    facts,
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
