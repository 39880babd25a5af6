/**
 * `bin/server` starts the release with PHX_SERVER=true, which only starts the endpoint when the
 * runtime config turns it into `server: true` (as `mix phx.new` has done since 1.6.3). An app whose
 * config never sets `server` gets a patch to config/runtime.exs; without it the release boots and
 * never listens.
 */
import { lastSet } from '../../scan/config-query.js';
import type { Profile } from '../../scan/profile.js';
import type { Patch } from '../../model/plan.js';
import { projectRel } from '../../facts/project.js';
import { sourceText } from '../shared/sources.js';

export interface ServerPatchOutput {
  patches: Patch[];
  notes: string[];
}

export function serverPatch(profile: Profile): ServerPatchOutput {
  const endpoint = profile.web.endpointModule;
  if (!endpoint) return { patches: [], notes: [] };
  const app = profile.facts.endpoints.find((e) => e.module === endpoint)?.otpApp ?? profile.web.otpApp;
  const serves = lastSet(profile.facts, 'prod', app, endpoint, ['server']) ?? lastSet(profile.facts, 'prod', 'phoenix', 'serve_endpoints', []);
  if (serves) return { patches: [], notes: [] };
  const snippet = `if System.get_env("PHX_SERVER") do\n  config :${app}, ${endpoint}, server: true\nend\n`;
  const file = profile.runtimeConfig.file;
  const before = file ? sourceText(profile, file) : null;
  if (!file || before === null || !file.endsWith('runtime.exs')) {
    return { patches: [], notes: [`Nothing in the config starts the endpoint in a release: add to config/runtime.exs:\n${snippet}`] };
  }
  const lines = before.split('\n');
  const at = lines.findIndex((l) => l.trim() === 'import Config');
  if (at < 0) return { patches: [], notes: [`Nothing in the config starts the endpoint in a release: add to ${file}:\n${snippet}`] };
  const insert = ['', '# Start the endpoint in a release: rel/overlays/bin/server sets PHX_SERVER=true (phoenix-ops).', ...snippet.trimEnd().split('\n')];
  const after = [...lines.slice(0, at + 1), ...insert, ...lines.slice(at + 1)].join('\n');
  return {
    patches: [{ id: 'phx-server', file: projectRel(profile, file), description: `start ${endpoint} when PHX_SERVER is set`, before, after }],
    notes: [`Nothing in the config sets server: true for ${endpoint}, so a release would never listen: a patch to ${projectRel(profile, file)} reads PHX_SERVER (apply it).`],
  };
}
