import { literal } from '../../scan/term.js';
import { deployEnvSets } from '../../facts/deploy-env.js';
import { endpointSetting } from '../../facts/web.js';
import { defineRule } from '../rule.js';

const PLACEHOLDERS = new Set(['example.com', 'www.example.com', 'localhost', '127.0.0.1']);

export const rule = defineRule({
  id: 'phx-host-placeholder',
  title: 'Production URL host is a placeholder',
  category: 'runtime-config',
  severity: 'medium',
  description:
    'The endpoint `url: [host: …]` is what Phoenix puts in generated links and what the default `check_origin` compares WebSocket origins against. Left at "example.com" or "localhost", LiveView sockets are refused with 403 and emails link to the wrong site.',
  fix: 'Set PHX_HOST to the public hostname wherever the app is deployed (fly.toml [env], the container env, the Kubernetes Deployment), or replace the fallback in config/runtime.exs with your real host.',
  equivalents: [],
  requires: ['endpoint'],
  messages: {
    literalHost: '{{endpoint}} url host in prod is the literal "{{host}}" ({{file}}:{{line}}): links and the WebSocket origin check use it',
    fallbackHost:
      '{{endpoint}} url host falls back to "{{host}}" when {{name}} is unset ({{file}}:{{line}}), and no deploy file in the repo sets {{name}}: make sure the deployment sets it, or links and LiveView\'s origin check use "{{host}}"',
  },
  check({ profile, endpoint }, ctx) {
    const set = endpointSetting(profile, ['url', 'host']);
    if (!set) return [];
    const mod = endpoint.module;
    const v = set.value;
    const lit = literal(v);
    if (lit !== null && v.t === 'string') {
      if (!PLACEHOLDERS.has(lit)) return [];
      return [{ messageId: 'literalHost', data: { endpoint: mod, host: lit, file: set.evidence.file, line: set.evidence.line }, evidence: [set.evidence] }];
    }
    // `System.get_env("PHX_HOST") || "example.com"` (the 1.7 generator): only a problem when PHX_HOST is not set at deploy time.
    let name: string | null = null;
    let fallback: string | null = null;
    let line = set.evidence.line;
    if (v.t === 'env') {
      name = v.name;
      fallback = literal(v.default);
      line = v.line;
    } else if (v.t === 'op' && v.op === '||' && v.left.t === 'env') {
      name = v.left.name;
      fallback = literal(v.right);
      line = v.left.line;
    }
    if (!name || fallback === null || !PLACEHOLDERS.has(fallback)) return [];
    const provided = deployEnvSets(profile, name).filter((s) => s.source !== 'env.sh.eex' || s.value.length > 0);
    if (provided.length > 0) return [];
    // phoenix-ops.yaml names the host (or sets the variable): the generated deploy files set it.
    if (ctx.deploy && (ctx.deploy.host || ctx.deploy.env?.[name])) return [];
    return [
      {
        messageId: 'fallbackHost',
        data: { endpoint: mod, host: fallback, name, file: set.evidence.file, line },
        evidence: [{ file: set.evidence.file, line }],
      },
    ];
  },
});
