import { flyServices } from '../../facts/fly.js';
import { frontingEndpoints } from '../../facts/fronting.js';
import { endpointOf, endpointSettings } from '../../facts/web.js';
import type { Evidence, Profile } from '../../scan/profile.js';
import { defineRule } from '../rule.js';

/** Where HTTPS is decided: the prod endpoint config (force_ssl set off, else the endpoint's prod config), else the endpoint module. */
function decidingEvidence(profile: Profile): Evidence {
  const off = endpointSettings(profile, ['force_ssl']).at(-1);
  if (off) return off.evidence;
  const mod = profile.web.endpointModule;
  const calls = profile.facts.config.filter((c) => c.key === mod && c.envs.includes('prod'));
  const pick = calls.find((c) => c.env === 'prod' && !c.runtime) ?? calls.find((c) => c.runtime) ?? calls[0];
  if (pick) return { file: pick.file, line: pick.line };
  const ep = endpointOf(profile);
  return ep ? ep.evidence : { file: 'mix.exs', line: 1 };
}

/** fly.toml services that redirect HTTP to HTTPS at Fly's edge (`force_https = true`). */
function flyEdgeRedirect(profile: Profile): Evidence | null {
  for (const f of profile.facts.flyTomls) {
    for (const s of flyServices(f)) {
      const ports: readonly { force_https?: boolean | undefined }[] = s.data.ports ?? [s.data];
      if (ports.some((p) => p.force_https === true)) return { file: f.file, line: f.lines[`${s.key}.force_https`] ?? s.line };
    }
  }
  return null;
}

export const rule = defineRule({
  id: 'https-not-enforced',
  title: 'Production serves plain HTTP',
  category: 'web-security',
  severity: 'high',
  description:
    'Without `force_ssl` (or a `Plug.SSL` plug) the prod endpoint answers plain HTTP: session cookies and CSRF tokens travel in clear text and browsers get no redirect to HTTPS. A redirect at the edge (Fly\'s `force_https`) covers browsers that come through it, but the app sends no HSTS header and trusts any request that reaches it another way.',
  fix: 'Add `force_ssl: [rewrite_on: [:x_forwarded_proto], exclude: [hosts: ["localhost", "127.0.0.1"]]]` to the endpoint config in config/prod.exs (or config/runtime.exs).',
  equivalents: ['sobelow:Config.HTTPS'],
  requires: ['endpoint'],
  messages: {
    notEnforced: '{{endpoint}} does not enforce HTTPS in prod: no force_ssl in its prod config and no Plug.SSL compiled into the endpoint or a router pipeline',
    conditional:
      '{{endpoint}} enforces HTTPS only when its config turns it on: Plug.SSL at {{sslFile}}:{{sslLine}} runs under a condition the repository does not decide for prod, so a deploy that leaves it off serves plain HTTP with no redirect and no HSTS',
    frontConditional:
      '{{endpoint}} is served through {{front}} (it hands requests on at {{handoffFile}}:{{handoffLine}}), which enforces HTTPS only when its config turns it on: Plug.SSL at {{sslFile}}:{{sslLine}} runs under a condition the repository does not decide for prod, so a deploy that leaves it off serves plain HTTP with no redirect and no HSTS',
    edgeElsewhere:
      '{{endpoint}} does not enforce HTTPS in prod: no force_ssl in its prod config and no Plug.SSL compiled into the endpoint or a router pipeline; {{how}} at {{edgeFile}}:{{edgeLine}} redirects to HTTPS in front of it, so browsers that come that way are covered, but the app itself sends no HSTS and accepts plain HTTP from anything that reaches it directly',
    edgeOnly:
      "{{endpoint}} does not enforce HTTPS in prod: no force_ssl in its prod config and no Plug.SSL compiled into the endpoint or a router pipeline; {{edgeFile}}:{{edgeLine}} redirects to HTTPS at Fly's edge (force_https), so browsers are covered, but the app itself sends no HSTS and accepts plain HTTP from anything that reaches it directly",
  },
  check({ profile, endpoint: ep }) {
    if (profile.security.forceSsl) return [];
    const at = decidingEvidence(profile);
    const endpoint = ep.module;
    // `plug :force_ssl` whose function calls Plug.SSL only `if Application.get_env(:app, :force_ssl)`.
    const conditional = ep.plugs.find((p) => p.name === 'Plug.SSL' && p.prod === null);
    if (conditional) {
      const { file, line } = conditional.evidence;
      return [{ messageId: 'conditional', data: { endpoint, sslFile: file, sslLine: line }, evidence: [at, conditional.evidence], severity: 'medium' }];
    }
    // A second endpoint prod serves that hands requests to this one: its Plug.SSL runs first.
    for (const { endpoint: front, handoff } of frontingEndpoints(profile)) {
      const ssl = front.plugs.find((p) => p.name === 'Plug.SSL' && p.prod !== false);
      if (!ssl) continue;
      if (ssl.prod === true) return [];
      const data = { endpoint, front: front.module, handoffFile: handoff.file, handoffLine: handoff.line, sslFile: ssl.evidence.file, sslLine: ssl.evidence.line };
      return [{ messageId: 'frontConditional', data, evidence: [at, ssl.evidence], severity: 'medium' }];
    }
    const edge = flyEdgeRedirect(profile);
    if (edge) {
      return [
        {
          messageId: 'edgeOnly',
          data: { endpoint, edgeFile: edge.file, edgeLine: edge.line },
          evidence: [at, edge],
          severity: 'low',
        },
      ];
    }
    const elsewhere = profile.facts.edgeHttps[0];
    if (elsewhere) {
      const { file, line, how } = elsewhere;
      // A file of the repository above the scanned folder is named in the message, never cited as evidence.
      const evidence = file.startsWith('../') ? [at] : [at, { file, line }];
      return [{ messageId: 'edgeElsewhere', data: { endpoint, how, edgeFile: file, edgeLine: line }, evidence, severity: 'low' }];
    }
    return [{ messageId: 'notEnforced', data: { endpoint }, evidence: [at] }];
  },
});
