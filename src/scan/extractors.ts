/**
 * The registry of lib/ module extractors. Each declares the text markers that make a file worth
 * parsing for it; the scan parses a lib file only when it holds one of them, and runs an extractor
 * only on files that hold its own markers. Adding an extractor is one entry here.
 */
import { applicationExtractor } from './extract/application.js';
import { cspHeaderExtractor } from './extract/csp-header.js';
import { endpointExtractor } from './extract/endpoint.js';
import { plugPathsExtractor } from './extract/plug-paths.js';
import { migratorExtractor } from './extract/release-module.js';
import { repoExtractor } from './extract/repo.js';
import { routerExtractor } from './extract/router.js';
import { usageExtractor } from './extract/usage.js';
import type { ModuleExtractor } from './extractor.js';

export const moduleExtractors = {
  endpoint: endpointExtractor,
  router: routerExtractor,
  application: applicationExtractor,
  repo: repoExtractor,
  migrator: migratorExtractor,
  plugPaths: plugPathsExtractor,
  cspHeader: cspHeaderExtractor,
  usage: usageExtractor,
} as const satisfies Record<string, ModuleExtractor<unknown>>;

export type ModuleExtractorId = keyof typeof moduleExtractors;

/** What each extractor gathered, by extractor. */
export type ModuleResults = {
  [K in ModuleExtractorId]: NonNullable<ReturnType<(typeof moduleExtractors)[K]['extract']>>[];
};

/** Markers that make a lib file worth parsing: every extractor's, plus inline suppressions. */
export const LIB_MARKERS: readonly string[] = [...new Set([...Object.values(moduleExtractors).flatMap((e) => e.markers), 'phoenix-ops:ignore'])];
