/**
 * Cloud Run instances cannot form a BEAM cluster, so Phoenix.PubSub's default adapter (which relies on
 * distribution) keeps broadcasts on one instance. The fix offered: the Redis adapter (phoenix_pubsub_redis,
 * maintained by the Phoenix team), used when REDIS_URL is set so dev and test keep the default adapter.
 *
 * Two patches, one per file: application.ex (the PubSub child) and mix.exs (the dependency).
 */
import type { Patch } from '../../model/plan.js';
import type { MixProject, Profile } from '../../scan/profile.js';
import { projectRel } from '../../facts/project.js';
import { sourceText } from '../shared/sources.js';
import { pubsubOptionsEx } from './templates/index.js';

export const PUBSUB_REDIS_DEP = '{:phoenix_pubsub_redis, "~> 3.0"}';

export interface PubSubPatchResult {
  patches: Patch[];
  /** Set when the change could not be made as a patch: what to do by hand. */
  manual: string | null;
}

/** The private function the application module gains. `pubsub` is the PubSub name (e.g. MyApp.PubSub). */
export function pubsubOptionsFunction(pubsub: string): string {
  return pubsubOptionsEx.render({ pubsub }).trimEnd();
}

const CHILD = /\{Phoenix\.PubSub,\s*name:\s*([A-Z][A-Za-z0-9_.]*)\s*\}/;

/** application.ex: `{Phoenix.PubSub, name: X.PubSub}` → `{Phoenix.PubSub, pubsub_options()}` + the function. */
export function patchApplication(text: string): { after: string; pubsub: string } | null {
  const hit = CHILD.exec(text);
  if (!hit || text.includes('defp pubsub_options')) return null;
  const pubsub = hit[1];
  if (!pubsub) return null;
  const replaced = text.replace(CHILD, '{Phoenix.PubSub, pubsub_options()}');
  // Insert before the module's final `end`.
  const lastEnd = replaced.search(/\nend\s*$/);
  if (lastEnd < 0) return null;
  const after = `${replaced.slice(0, lastEnd)}\n\n${pubsubOptionsFunction(pubsub)}\nend\n`;
  return { after, pubsub };
}

/** mix.exs: add the phoenix_pubsub_redis dependency after `{:phoenix, …}`. */
export function patchMixExs(text: string): string | null {
  if (/:phoenix_pubsub_redis\b/.test(text)) return null;
  const phoenix = /^([ \t]*)\{:phoenix,[^\n]*\n/m.exec(text);
  if (phoenix) {
    const at = phoenix.index + phoenix[0].length;
    return `${text.slice(0, at)}${phoenix[1]}${PUBSUB_REDIS_DEP},\n${text.slice(at)}`;
  }
  const deps = /defp deps do\s*\n([ \t]*)\[\n([ \t]*)/.exec(text);
  if (!deps) return null;
  const indent = deps[2] ?? '';
  const at = deps.index + deps[0].length - indent.length;
  return `${text.slice(0, at)}${indent}${PUBSUB_REDIS_DEP},\n${text.slice(at)}`;
}

export function pubsubRedisPatches(profile: Profile, appModule: string): PubSubPatchResult {
  const app = profile.facts.applications.find((a) => a.children.some((c) => c.module === 'Phoenix.PubSub'));
  const manualText = (why: string) =>
    `${why} By hand: add ${PUBSUB_REDIS_DEP} to mix.exs and start PubSub with the Redis adapter when REDIS_URL is set:\n` +
    `{Phoenix.PubSub, name: ${appModule}.PubSub, adapter: Phoenix.PubSub.Redis, redis_opts: System.get_env("REDIS_URL"), node_name: <unique per instance>}`;
  if (!app) return { patches: [], manual: manualText('No Phoenix.PubSub child was found in an application module.') };
  const appText = sourceText(profile, app.file);
  const mix = ownerProject(profile, app.file);
  const mixText = mix ? sourceText(profile, mix.mixFile) : null;
  if (appText === null || mix === null || mixText === null) {
    return { patches: [], manual: manualText(`The scan did not capture ${app.file}${mix ? ` and ${mix.mixFile}` : ''}, so no patch could be prepared.`) };
  }
  const appPatch = patchApplication(appText);
  if (!appPatch) return { patches: [], manual: manualText(`The PubSub child in ${app.file} is not the generator's one-line form.`) };
  const patches: Patch[] = [
    {
      id: 'cloudrun-pubsub-redis-adapter',
      file: projectRel(profile, app.file),
      description: `start ${appPatch.pubsub} with the Redis adapter when REDIS_URL is set (Cloud Run instances cannot cluster)`,
      before: appText,
      after: appPatch.after,
    },
  ];
  const mixAfter = patchMixExs(mixText);
  if (mixAfter) {
    patches.push({
      id: 'cloudrun-pubsub-redis-dep',
      file: projectRel(profile, mix.mixFile),
      description: `add ${PUBSUB_REDIS_DEP} (run mix deps.get afterwards)`,
      before: mixText,
      after: mixAfter,
    });
  }
  return { patches, manual: null };
}

/** The Mix project whose folder holds `file` (the deepest one). */
function ownerProject(profile: Profile, file: string): MixProject | null {
  let best: MixProject | null = null;
  for (const p of profile.facts.projects) {
    const prefix = p.path === '.' ? '' : `${p.path}/`;
    if (file.startsWith(prefix) && (!best || p.path.length > best.path.length) && p.kind !== 'umbrella-root') best = p;
  }
  return best;
}
