import { deployEnvSets } from '../../facts/deploy-env.js';
import { prodDockerfiles } from '../../facts/dockerfile.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

/** A value written out, not taken from elsewhere (`$VAR`, `${VAR}`, `$(cat …)`, an EEx tag). */
function isLiteralValue(v: string): boolean {
  return v.length > 0 && !/[$`]|<%/.test(v);
}

export const rule = defineRule({
  id: 'release-cookie-hardcoded',
  title: 'Release cookie hard-coded',
  category: 'secrets',
  severity: 'high',
  description:
    'The Erlang distribution cookie is the only thing standing between a network peer and full remote code execution on every node. Written in mix.exs, rel/env.sh.eex, a Dockerfile or fly.toml, it is in the repository and baked identically into every image.',
  fix: 'Remove the literal and give each environment its own cookie at runtime: `RELEASE_COOKIE` from a platform secret (Fly secret, Kubernetes Secret). Without `cookie:` in mix.exs, `mix release` generates a random one per build.',
  equivalents: [],
  requires: [],
  messages: {
    mixCookie: 'release :{{release}} in {{file}} sets `cookie:` to a literal string: every node of every environment built from this repository shares it (value not shown)',
    dockerfileEnv: 'RELEASE_COOKIE is set to a literal in an ENV instruction ({{file}}:{{line}}): it is committed and identical in every image (value not shown)',
    flyEnv: 'RELEASE_COOKIE is set to a literal in fly.toml [env] ({{file}}:{{line}}): it is committed and identical in every image (value not shown)',
    envTemplate: 'RELEASE_COOKIE is set to a literal in rel/env.sh.eex ({{file}}:{{line}}): it is committed and identical in every image (value not shown)',
    argDefault: 'ARG RELEASE_COOKIE has a literal default in {{file}}:{{line}}: builds that pass no value bake it into the image (value not shown)',
  },
  check({ profile }) {
    const hits: Hit[] = [];
    for (const proj of profile.facts.projects) {
      for (const rel of proj.releases) {
        const c = rel.cookie;
        if (!c || c.t !== 'string' || c.interpolated || c.v.length === 0) continue;
        hits.push({
          messageId: 'mixCookie',
          data: { release: rel.name, file: proj.mixFile },
          evidence: [{ file: proj.mixFile, line: c.line }],
        });
      }
    }
    for (const s of deployEnvSets(profile, 'RELEASE_COOKIE')) {
      if (!isLiteralValue(s.value)) continue;
      hits.push({
        messageId: s.source === 'dockerfile' ? 'dockerfileEnv' : s.source === 'fly.toml' ? 'flyEnv' : 'envTemplate',
        data: { file: s.evidence.file, line: s.evidence.line },
        evidence: [s.evidence],
      });
    }
    // `ARG RELEASE_COOKIE=…` with a default: the default is committed and used whenever the build passes none.
    for (const d of prodDockerfiles(profile)) {
      for (const i of d.instructions) {
        const value = i.keyword === 'ARG' ? /^RELEASE_COOKIE=(.*)$/.exec(i.args)?.[1] : undefined;
        if (value === undefined || !isLiteralValue(value.trim().replace(/^"(.*)"$/, '$1'))) continue;
        hits.push({ messageId: 'argDefault', data: { file: d.file, line: i.line }, evidence: [{ file: d.file, line: i.line }] });
      }
    }
    return hits;
  },
});
