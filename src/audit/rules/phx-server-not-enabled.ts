import { lastSet } from '../../scan/config-query.js';
import { kwGet } from '../../scan/term.js';
import { projectEvidence } from '../../facts/project.js';
import { endpointSettings } from '../../facts/web.js';
import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'phx-server-not-enabled',
  title: 'The release never starts the web server',
  category: 'runtime-config',
  severity: 'critical',
  description:
    'A release only starts the Phoenix endpoint when its config says `server: true`. Without it (or a `bin/server` script setting PHX_SERVER) the release boots, stays up, and never listens: health checks fail and no request is served.',
  fix: 'Add `if System.get_env("PHX_SERVER") do config :my_app, MyAppWeb.Endpoint, server: true end` to config/runtime.exs and start the release with `PHX_SERVER=true` (the `rel/overlays/bin/server` script of `mix phx.gen.release` does it).',
  equivalents: [],
  requires: ['endpoint', 'releaseBoot'],
  messages: {
    neverEnabled: '{{endpoint}} is never given `server: true` in prod and there is no rel/overlays/bin/server setting PHX_SERVER: the release boots but never listens on a port',
    setFalse:
      '{{endpoint}} is never given `server: true` in prod ({{file}}:{{line}} sets it to false) and there is no rel/overlays/bin/server setting PHX_SERVER: the release boots but never listens on a port',
  },
  check({ profile, endpoint }) {
    const mod = endpoint.module;

    // `server: true` in any form, conditional ones included (`if System.get_env("PHX_SERVER")`).
    const enables = (t: { t: string; v?: unknown }) => !(t.t === 'nil' || (t.t === 'bool' && t.v === false));
    if (endpointSettings(profile, ['server']).some((s) => enables(s.value))) return [];
    // `config :phoenix, :serve_endpoints, true` serves every endpoint.
    // (`config :phoenix, :serve_endpoints, true` or `config :phoenix, serve_endpoints: true`)
    const serve = lastSet(profile.facts, 'prod', 'phoenix', 'serve_endpoints', []) ?? lastSet(profile.facts, 'prod', 'phoenix', null, ['serve_endpoints']);
    if (serve && enables(serve.value)) return [];
    // `{MyAppWeb.Endpoint, server: true}` as a supervision child.
    const childServer = profile.facts.applications.flatMap((a) => a.children).flatMap((c) => (c.module === mod ? [kwGet(c.opts, 'server')] : [])).find((t) => t !== undefined);
    if (childServer && enables(childServer)) return [];
    // rel/overlays/bin/server that sets PHX_SERVER (the `mix phx.gen.release` script).
    if (profile.facts.relScripts.some((s) => /rel\/overlays\/bin\/server$/.test(s.file) && /\bPHX_SERVER=/.test(s.text))) return [];

    const rt = profile.runtimeConfig.file;
    const rtCall = profile.facts.config.find((c) => c.file === rt && c.key === mod && (c.env === 'prod' || c.env === 'all'));
    const anyCall = profile.facts.config.find((c) => c.key === mod && c.env === 'prod') ?? profile.facts.config.find((c) => c.key === mod && c.env === 'all');
    const at = rtCall ?? anyCall;
    const falseSet = endpointSettings(profile, ['server']).at(-1);
    return [
      {
        ...(falseSet ? { messageId: 'setFalse', data: { endpoint: mod, file: falseSet.evidence.file, line: falseSet.evidence.line } } : { messageId: 'neverEnabled', data: { endpoint: mod } }),
        evidence: [falseSet?.evidence ?? (at ? { file: at.file, line: at.line } : rt ? { file: rt, line: 1 } : projectEvidence(profile))],
      },
    ];
  },
});
