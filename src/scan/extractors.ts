/**
 * The registry of lib/ module extractors. Each declares the text markers that make a file worth
 * parsing for it; the scan parses a lib file only when it holds one of them, and runs an extractor
 * only on files that hold its own markers. Adding an extractor is one entry here.
 */
import { applicationExtractor } from './extract/application.js';
import { cspHeaderExtractor } from './extract/csp-header.js';
import { endpointExtractor } from './extract/endpoint.js';
import { migratorExtractor } from './extract/release-module.js';
import { repoExtractor } from './extract/repo.js';
import { routerExtractor } from './extract/router.js';
import { broadcastExtractor, liveRenderExtractor, presenceExtractor } from './extract/usage.js';
import type { ModuleExtractor } from './extractor.js';

export const moduleExtractors = {
  endpoint: endpointExtractor,
  router: routerExtractor,
  application: applicationExtractor,
  repo: repoExtractor,
  migrator: migratorExtractor,
  cspHeader: cspHeaderExtractor,
  liveRender: liveRenderExtractor,
  broadcast: broadcastExtractor,
  presence: presenceExtractor,
} as const satisfies Record<string, ModuleExtractor<unknown>>;

export type ModuleExtractorId = keyof typeof moduleExtractors;

/** What each extractor gathered, by extractor. */
export type ModuleResults = {
  [K in ModuleExtractorId]: NonNullable<ReturnType<(typeof moduleExtractors)[K]['extract']>>[];
};

/**
 * Extractors run in a second pass, only over the modules the first pass points at: the plug
 * modules mounted in an endpoint or run by an HTTP listener (what they answer before the router).
 */
export { plugPathsExtractor } from './extract/plug-paths.js';
export { routerDispatchExtractor } from './extract/router-dispatch.js';

/** Inline suppressions (`# phoenix-ops:ignore <rule>`): a lib file holding one is parsed for its comments. */
export const SUPPRESSION_MARKER = 'phoenix-ops:ignore';
