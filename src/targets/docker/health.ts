/**
 * A health route for apps without one: a tiny HealthController (200 "ok", no database, no session)
 * as a new file, and a patch to the router adding `get "/health", HealthController, :index` in a
 * scope with no pipeline (no session, no auth, no CSRF), placed before the first top-level scope.
 * The insertion point is found from the parsed router facts (pipeline and route lines) and applied
 * to the router's text, keeping its indentation so `mix format` stays clean.
 */
import type { GeneratedFile, Patch } from '../../model/plan.js';
import { routerOf } from '../../facts/web.js';
import type { Profile, RouterInfo } from '../../scan/profile.js';
import type { DeployFacts } from '../../facts/deploy.js';
import { TCP_CHECK_HINT } from '../../facts/health.js';
import { projectRel } from '../../facts/project.js';
import { sourceText } from '../shared/sources.js';
import { healthControllerEx } from './templates/index.js';

export interface HealthOutput {
  files: GeneratedFile[];
  patches: Patch[];
  notes: string[];
}

export { routerOf };

/** The controller the health route points at (templates/health_controller.ex.eta). */
export function healthController(webModule: string): string {
  return healthControllerEx.render({ webModule });
}

/**
 * The router text with the health scope inserted, or null when no safe place was found. Pure text:
 * the place comes from `router` (parsed facts), the text from the scan.
 */
export function addHealthRoute(text: string, router: RouterInfo, webModule: string, path: string): string | null {
  const lines = text.split('\n');
  const indentOf = (l: string) => /^(\s*)/.exec(l)?.[1] ?? '';
  // Module-level indentation: the pipelines' (or else the first route's outermost scope's).
  const pipelineLine = router.pipelines[0]?.evidence.line;
  const routeLines = router.routes.filter((r) => !r.devOnly).map((r) => r.evidence.line);
  const firstRoute = routeLines.length ? Math.min(...routeLines) : null;
  let indent: string | null = pipelineLine ? indentOf(lines[pipelineLine - 1] ?? '') : null;
  if (indent === null) {
    const scopeLine = lines.findIndex((l) => /^\s*scope\b/.test(l));
    if (scopeLine < 0) return null;
    indent = indentOf(lines[scopeLine] ?? '');
  }
  const scopeRe = new RegExp(`^${indent}scope\\b`);
  let at = -1;
  for (let i = 0; i < lines.length; i++) {
    if (!scopeRe.test(lines[i] ?? '')) continue;
    if (firstRoute !== null && i + 1 > firstRoute) break;
    at = i;
    if (firstRoute === null) break;
  }
  if (at < 0) {
    // No top-level scope before the first route: before the module's closing `end`.
    at = lines.map((l) => /^end\s*$/.test(l)).lastIndexOf(true);
    if (at < 0) return null;
  } else {
    // Keep comments that belong to that scope above it.
    while (at > 0 && /^\s*#/.test((lines[at - 1] ?? ''))) at--;
  }
  const block = [
    `${indent}# Health check for the platform's probes: no pipeline, so no session, auth or redirects (phoenix-ops)`,
    `${indent}scope "/", ${webModule} do`,
    `${indent}  get ${JSON.stringify(path)}, HealthController, :index`,
    `${indent}end`,
    '',
  ];
  // Separate from whatever precedes with a blank line (mix format keeps one).
  if (at > 0 && (lines[at - 1] ?? '').trim() !== '' && !/\bdo\s*$/.test((lines[at - 1] ?? ''))) block.unshift('');
  lines.splice(at, 0, ...block);
  return lines.join('\n');
}

/**
 * The health route patch (always offered when the app lacks the route) and, when it will be applied,
 * the controller it routes to. Without it the platforms' checks are TCP checks (see facts/health.ts).
 */
export function healthRoute(profile: Profile, f: DeployFacts, included: boolean): HealthOutput {
  if (f.healthExists) return { files: [], patches: [], notes: [] };
  const out = healthPatch(profile, f);
  const applied = f.health.kind === 'http' && f.health.via === 'patch';
  if (!applied) {
    // Included by a platform target, the image leaves the note to it: it says what its own check does.
    const why = f.health.kind === 'tcp' ? `${f.health.reason}, so a platform's health check can only connect to the port over TCP (${TCP_CHECK_HINT})` : `the app already serves ${f.healthPath}`;
    return { files: [], patches: out.patches, notes: [...out.notes.filter((n) => !n.startsWith('The app has no route')), ...(included ? [] : [`Health checks: ${why}.`])] };
  }
  return out;
}

function healthPatch(profile: Profile, f: DeployFacts): HealthOutput {
  const path = f.wantedHealthPath;
  const router = routerOf(profile);
  if (!router) {
    return { files: [], patches: [], notes: [`No router found: add a route answering 200 at ${path} for the platform's health checks.`] };
  }
  const webModule = router.module.replace(/\.Router$/, '') || `${f.appModule}Web`;
  const routerFile = projectRel(profile, router.file);
  const dir = routerFile.includes('/') ? routerFile.slice(0, routerFile.lastIndexOf('/')) : '.';
  const controllerModule = `${webModule}.HealthController`;
  const files: GeneratedFile[] = [];
  const notes: string[] = [];
  if (profile.facts.modules[controllerModule]) {
    notes.push(`${controllerModule} exists but no route serves ${path}: the router patch routes it.`);
  } else {
    files.push({
      path: `${dir}/controllers/health_controller.ex`,
      content: healthController(webModule),
      description: `answers 200 at ${path} for health checks, without touching the database`,
    });
  }
  const route = `get ${JSON.stringify(path)}, HealthController, :index`;
  const text = sourceText(profile, router.file);
  const after = text === null ? null : addHealthRoute(text, router, webModule, path);
  if (text === null || after === null) {
    notes.push(`Add \`${route}\` to ${routerFile} in a \`scope "/", ${webModule}\` without pipe_through, so health checks get 200 at ${path}.`);
    return { files, patches: [], notes };
  }
  notes.push(`The app has no route at ${path}: a patch adds one to ${routerFile} (apply it, or health checks fail).`);
  return {
    files,
    patches: [{ id: 'health-route', file: routerFile, description: `route ${path} to ${controllerModule} (no pipeline, no auth)`, before: text, after }],
    notes,
  };
}
