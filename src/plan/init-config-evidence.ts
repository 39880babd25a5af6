/**
 * What `init` says beside each setting of phoenix-ops.yaml: what the scan found, with its evidence
 * (`mix.exs:42 postgrex`, `lib/app_web/router.ex:20`).
 */
import type { Dep, Evidence, Profile } from '../scan/profile.js';

export interface Found {
  /** "mix.exs:42 postgrex" or "lib/app_web/router.ex:20" */
  text: string;
}

export function ev(found: Found | null): string {
  return found ? ` (${found.text})` : '';
}

function loc(e: Evidence): string {
  return `${e.file}:${e.line}`;
}

export function findProject(profile: Profile): { evidence: Found } | null {
  const projects = profile.facts?.projects ?? [];
  const web = projects.find((p) => p.otpApp === profile.web?.otpApp) ?? projects[0];
  return web ? { evidence: { text: loc(web.evidence) } } : null;
}

function allDeps(profile: Profile): Dep[] {
  return (profile.facts?.projects ?? []).flatMap((p) => p.deps);
}

export function depEvidence(profile: Profile, names: readonly string[]): Found | null {
  const deps = allDeps(profile);
  for (const name of names) {
    const dep = deps.find((d) => d.name === name);
    if (dep) return { text: `${loc(dep.evidence)} ${dep.name}` };
  }
  return null;
}

export function evidenceFromProfile(profile: Profile, key: string): Found | null {
  const value = profile.evidence?.[key];
  return typeof value === 'string' && value !== '' ? { text: value } : null;
}

export function routeEvidence(profile: Profile, path: string): Found | null {
  for (const router of profile.facts?.routers ?? []) {
    const route = router.routes.find((r) => r.path === path && !r.devOnly);
    if (route) return { text: loc(route.evidence) };
  }
  return null;
}

export function reasonEvidence(profile: Profile, reason: string): Found | null {
  const usage = profile.facts?.usage;
  switch (reason) {
    case 'LiveView':
      return depEvidence(profile, ['phoenix_live_view']) ?? evidenceFromProfile(profile, 'liveView');
    case 'PubSub': {
      const first = usage?.presence?.[0] ?? usage?.pubsubBroadcast?.[0];
      return first ? { text: loc(first) } : (depEvidence(profile, ['phoenix_pubsub_redis']) ?? evidenceFromProfile(profile, 'pubsub'));
    }
    case 'clustering':
      return depEvidence(profile, [profile.clustering]) ?? evidenceFromProfile(profile, 'clustering');
    default:
      return null;
  }
}

export function runtimeVars(profile: Profile, required: boolean): string[] {
  const names = (profile.runtimeConfig?.env ?? [])
    .filter((v) => !v.dynamic && v.required === required)
    .map((v) => (v.default !== null && !required ? `${v.name} (default ${v.default})` : v.name));
  const unique = [...new Set(names)].sort();
  return unique.length > 12 ? [...unique.slice(0, 12), `and ${unique.length - 12} more`] : unique;
}

export function prodHost(profile: Profile): string | null {
  for (const call of profile.facts?.config ?? []) {
    if ((call.env !== 'prod' && !call.runtime) || call.opts.t !== 'kw') continue;
    const url = call.opts.pairs.find((p) => p.key === 'url');
    if (url?.value.t !== 'kw') continue;
    const host = url.value.pairs.find((p) => p.key === 'host');
    if (!host) continue;
    const v = host.value;
    const text = v.t === 'string' ? v.v : v.t === 'env' ? `from ${v.name ?? 'an env var'}${v.default?.t === 'string' ? ` (default ${v.default.v})` : ''}` : null;
    if (text) return `${text} (${call.file}:${host.line})`;
  }
  return null;
}

export function existingDeployFiles(profile: Profile): string[] {
  const d = profile.deployFiles;
  if (!d) return [];
  const files = [...d.dockerfiles, ...d.flyTomls, ...d.k8s].slice(0, 6);
  return files.length > 0 ? [`deploy files already present: ${files.join(', ')}`] : [];
}
