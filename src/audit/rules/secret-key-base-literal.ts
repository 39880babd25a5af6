import { isProdConfig, prodOverride } from '../../facts/config.js';
import { kwPairsDeep, literalString } from '../../facts/terms.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'secret-key-base-literal',
  title: 'secret_key_base is committed in prod config',
  category: 'secrets',
  severity: 'critical',
  description:
    'The endpoint `secret_key_base` signs and encrypts session cookies, LiveView tokens and Phoenix.Token values. A literal in a config file that applies in prod is in the repository, in every image built from it and in every clone: anyone holding it can forge sessions.',
  fix: 'Remove the literal and read it in config/runtime.exs: `secret_key_base: System.get_env("SECRET_KEY_BASE") || raise "SECRET_KEY_BASE is missing"`. Generate a new one with `mix phx.gen.secret`, store it as a platform secret, and treat the committed value as leaked.',
  equivalents: ['sobelow:Config.Secrets'],
  requires: [],
  messages: {
    literal: '{{owner}} secret_key_base is a {{length}}-character literal in {{file}}, which applies in prod: anyone with the repository can sign session cookies and tokens',
    providerOverride:
      '{{owner}} secret_key_base is a {{length}}-character literal in {{file}}; it is likely overridden at boot by the release config provider {{provider}} ({{source}}), which is not in the repository: check that the file on the server sets it',
  },
  check({ profile }) {
    const hits: Hit[] = [];
    for (const c of profile.facts.config) {
      if (!isProdConfig(c)) continue;
      const found: { path: string[]; line: number; len: number }[] = [];
      if (c.key === 'secret_key_base' && literalString(c.opts) && c.opts.t === 'string') found.push({ path: [], line: c.opts.line, len: c.opts.v.length });
      for (const p of kwPairsDeep(c.opts)) {
        if (p.key === 'secret_key_base' && literalString(p.value) && p.value.t === 'string') found.push({ path: p.path, line: p.line, len: p.value.v.length });
      }
      for (const f of found) {
        // Replaced for prod by a later set that prod runs (e.g. the ≤1.5 layout: literal in config.exs, env read in prod.secret.exs/runtime.exs): not the prod key.
        const override = prodOverride(profile, c.app, c.key, f.path, c);
        if (override?.kind === 'set') continue;
        const owner = c.key ?? `:${c.app}`;
        const evidence = [{ file: c.file, line: f.line }];
        if (override?.kind === 'provider') {
          const { module, source } = override.provider;
          hits.push({ messageId: 'providerOverride', data: { owner, length: f.len, file: c.file, provider: module, source: source ?? 'its own source' }, severity: 'medium', evidence: [...evidence, override.provider.evidence] });
          continue;
        }
        hits.push({ messageId: 'literal', data: { owner, length: f.len, file: c.file }, evidence });
      }
    }
    return hits;
  },
});
