import { allSets } from '../../scan/config-query.js';
import { isSecretName } from '../../facts/secret-name.js';
import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'runtime-secret-at-compile-time',
  title: 'Secret read from the environment at build time',
  category: 'runtime-config',
  severity: 'high',
  description:
    'config.exs, prod.exs and prod.secret.exs are evaluated when the release is compiled: a secret read there with `System.get_env`/`fetch_env!` is baked into the release (and the image), or the build fails unless it is given the real secret or a dummy one.',
  fix: 'Move the read into config/runtime.exs, inside `if config_env() == :prod do … end`, and remove it from the compile-time config file.',
  equivalents: [],
  requires: ['releaseBoot'],
  messages: {
    required:
      '{{name}} is read at build time in {{file}} ({{via}}): the build raises unless {{name}} is set, so the build environment needs the real secret (baked into the release) or a dummy value',
    requiredReadAgain:
      '{{name}} is read at build time in {{file}} ({{via}}): the build raises unless {{name}} is set, so the build environment needs the real secret (baked into the release) or a dummy value; {{runtimeFile}}:{{runtimeLine}} reads it again at boot, so the build-time read can simply go',
    optional: '{{name}} is read at build time in {{file}} ({{via}}): whatever {{name}} holds in the build environment is baked into the release',
    optionalReadAgain:
      '{{name}} is read at build time in {{file}} ({{via}}): whatever {{name}} holds in the build environment is baked into the release; {{runtimeFile}}:{{runtimeLine}} reads it again at boot, so the build-time read can simply go',
  },
  check({ profile }) {
    const hits = [];
    for (const r of profile.facts.envReads) {
      if (r.runtime || r.dynamic || !(r.env === 'all' || r.env === 'prod')) continue;
      // `{:system, "VAR"}` tuples are resolved by the library when the app starts, not at build time.
      if (r.via.startsWith('{:system')) continue;
      if (!isSecretName(r.name)) continue;
      // A Sentry DSN only lets its holder submit events: Sentry documents it as safe to expose.
      if (/(^|_)DSN$/i.test(r.name)) continue;
      const target = r.app && r.key ? `${r.key}${r.path.length ? ` ${r.path.join('.')}` : ''}` : null;
      const runtimeSets = r.app && r.path.length ? allSets(profile.facts, 'prod', r.app, r.key, r.path, 'runtime').filter((s) => !s.call.conditional) : [];
      // An optional read that runtime config replaces for prod only leaks when the build env happens to carry the secret: not worth arguing about.
      if (!r.required && runtimeSets.length > 0) continue;
      const runtimeRead = profile.facts.envReads.find((x) => x.runtime && x.name === r.name && (x.env === 'all' || x.env === 'prod'));
      const data = { name: r.name, file: r.file, via: `${r.via}${target ? ` → ${target}` : ''}` };
      hits.push({
        messageId: r.required ? (runtimeRead ? 'requiredReadAgain' : 'required') : runtimeRead ? 'optionalReadAgain' : 'optional',
        data: runtimeRead ? { ...data, runtimeFile: runtimeRead.file, runtimeLine: runtimeRead.evidence.line } : data,
        snippet: `${r.name} ${data.via}`,
        evidence: [r.evidence],
      });
    }
    return hits;
  },
});
