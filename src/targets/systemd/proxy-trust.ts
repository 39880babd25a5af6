/**
 * The app behind nginx on the same server: it listens on loopback only (PHX_IP, read by a block the
 * runtime config patch adds unless the app already binds 127.0.0.1), and it trusts what nginx tells it —
 * force_ssl must read X-Forwarded-Proto, and the client's address arrives in X-Forwarded-For.
 */
import type { Patch } from '../../model/plan.js';
import type { Profile } from '../../scan/profile.js';
import { kwGet, type Term } from '../../scan/term.js';
import { hasProdDep, projectRel } from '../../facts/project.js';
import { termHasAtom } from '../../facts/terms.js';
import { endpointApp, endpointOf, endpointSetting } from '../../facts/web.js';
import { runtimeConfigPath, sourceText } from '../shared/sources.js';

/** The env var the patch reads; the env file sets it to 127.0.0.1. */
export const LISTEN_IP_VAR = 'PHX_IP';
export const LOOPBACK_PATCH_ID = 'systemd-listen-loopback';

const LOOPBACK = ['127,0,0,1', '0,0,0,0,0,0,0,1'];

/** `http: [ip: {127, 0, 0, 1}]` (or `{0, 0, 0, 0, 0, 0, 0, 1}`) in the prod config: the app already listens on loopback only. */
function bindsLoopback(profile: Profile): boolean {
  const ip = endpointSetting(profile, ['http', 'ip'])?.value;
  if (ip?.t !== 'tuple' || !ip.items.every((i) => i.t === 'int')) return false;
  return LOOPBACK.includes(ip.items.map((i) => (i.t === 'int' ? i.v : '')).join(','));
}

export function loopbackBlock(profile: Profile): string {
  const endpoint = profile.web.endpointModule ?? `${profile.web.otpApp}Web.Endpoint`;
  return [
    '',
    `# Listen only on ${LISTEN_IP_VAR} when it is set: the systemd target sets 127.0.0.1, with nginx in front (phoenix-ops).`,
    `if listen_ip = System.get_env("${LISTEN_IP_VAR}") do`,
    '  {:ok, address} = :inet.parse_address(String.to_charlist(listen_ip))',
    `  config :${endpointApp(profile)}, ${endpoint}, http: [ip: address]`,
    'end',
    '',
  ].join('\n');
}

export interface Loopback {
  /** Set PHX_IP in the env file (the patch, applied, reads it). */
  env: boolean;
  patch: Patch | null;
  note: string;
}

/** How the release ends up listening on 127.0.0.1 only. */
export function loopback(profile: Profile, port: number): Loopback {
  if (bindsLoopback(profile)) return { env: false, patch: null, note: `The prod config already binds the endpoint to loopback: nginx reaches it on 127.0.0.1:${port}.` };
  const file = runtimeConfigPath(profile);
  const before = profile.runtimeConfig.file ? sourceText(profile, file) : '';
  const block = loopbackBlock(profile);
  if (before === null || !file.endsWith('runtime.exs')) {
    return { env: true, patch: null, note: `The endpoint listens on every interface: add to ${file} so the release binds ${LISTEN_IP_VAR} (127.0.0.1 in the env file) and only nginx reaches port ${port}:${block}` };
  }
  const after = before === '' ? `import Config\n${block}` : before.replace(/\s*$/, '\n') + block;
  return {
    env: true,
    patch: { id: LOOPBACK_PATCH_ID, file: projectRel(profile, file), description: `listen on ${LISTEN_IP_VAR} when it is set (127.0.0.1 on the server, behind nginx)`, before, after },
    note: `The endpoint listens on every interface: a patch to ${projectRel(profile, file)} binds it to ${LISTEN_IP_VAR}, which the env file sets to 127.0.0.1, so only nginx reaches port ${port} (apply the patch; until then keep the port closed in the firewall).`,
  };
}

/** Notes on what the app must trust behind nginx: force_ssl's rewrite_on and the client's address. */
export function proxyTrustNotes(profile: Profile): string[] {
  const out: string[] = [];
  const set = endpointSetting(profile, ['force_ssl']);
  const on = set !== null && set.value.t !== 'nil' && !(set.value.t === 'bool' && !set.value.v);
  const rewrite = (t: Term | undefined) => t !== undefined && (t.t !== 'list' || termHasAtom(t, 'x_forwarded_proto'));
  if (set && on && !rewrite(kwGet(set.value, 'rewrite_on'))) {
    out.push(
      `force_ssl (${set.evidence.file}:${set.evidence.line}) has no rewrite_on: [:x_forwarded_proto]: nginx talks plain HTTP to the release, so every request would be redirected to https forever. Add rewrite_on: [:x_forwarded_proto] (nginx overwrites X-Forwarded-Proto on every request).`,
    );
  } else if (!on && !profile.security.forceSsl) {
    out.push('nginx redirects HTTP to HTTPS and sends HSTS; the app has no force_ssl, which is fine behind it (add force_ssl: [rewrite_on: [:x_forwarded_proto]] to enforce it in the app too).');
  }
  const remoteIp = hasProdDep(profile, 'remote_ip') || (endpointOf(profile)?.plugs ?? []).some((p) => /RemoteIp|RewriteOn/.test(p.name));
  if (!remoteIp) {
    out.push(
      'Behind nginx, conn.remote_ip is 127.0.0.1 for every request (rate limits and logs keyed by IP see one client). nginx sends the client address in X-Forwarded-For (overwritten, one address): add the remote_ip package and `plug RemoteIp` at the top of the endpoint.',
    );
  }
  return out;
}
