import { isProdConfig, prodOverride } from '../../facts/config.js';
import { fallbackLiterals } from '../../facts/fallback-literals.js';
import { kwPairsDeep, literalString } from '../../facts/terms.js';
import type { ConfigCall, Profile } from '../../scan/profile.js';
import { isPlaceholderValue } from '../../scan/redact.js';
import type { Term } from '../../scan/term.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

/** A committed value the key may take in prod: written as is, or a fallback of an env read / a branch. */
interface Committed {
  path: string[];
  line: number;
  len: number;
  /** null: written as is; else the variables, and whether prod gets it with them unset. */
  fallback: { env: string[]; onDefault: boolean } | null;
}

function committedValues(value: Term, path: string[], line: number): Committed[] {
  const lit = literalString(value);
  if (lit) return [{ path, line, len: lit.v.length, fallback: null }];
  return fallbackLiterals(value)
    .filter((f) => f.value.v.length >= 16 && !isPlaceholderValue(f.value.v))
    .map((f) => ({ path, line: f.value.line, len: f.value.v.length, fallback: { env: f.env, onDefault: f.onDefault } }));
}

function inConfig(c: ConfigCall): Committed[] {
  const out: Committed[] = [];
  if (c.key === 'secret_key_base') out.push(...committedValues(c.opts, [], c.opts.line));
  for (const p of kwPairsDeep(c.opts)) if (p.key === 'secret_key_base') out.push(...committedValues(p.value, p.path, p.line));
  return out;
}

const when = (f: NonNullable<Committed['fallback']>) =>
  f.onDefault ? `when ${f.env.join(', ') || 'its variable'} is unset` : `when ${f.env.join(', ')} have particular values (not the default path)`;

function literalHit(profile: Profile, owner: string, file: string, f: Committed): Hit {
  const evidence = [{ file, line: f.line }];
  if (!f.fallback) return { messageId: 'literal', data: { owner, length: f.len, file }, evidence };
  // The repository's secret-manager env file supplies the variable at boot: the fallback is likely never used.
  const ref = f.fallback.onDefault ? profile.facts.secretRefs.find((r) => f.fallback?.env.includes(r.name)) : undefined;
  if (ref) {
    return { messageId: 'secretManager', data: { owner, length: f.len, file, when: when(f.fallback), refFile: ref.file, refLine: ref.line, name: ref.name }, severity: 'low', evidence: [...evidence, { file: ref.file, line: ref.line }] };
  }
  // A fallback prod takes by default is the prod key of every deploy that forgets the variable.
  return { messageId: 'fallback', data: { owner, length: f.len, file, when: when(f.fallback) }, severity: f.fallback.onDefault ? 'critical' : 'high', evidence };
}

export const rule = defineRule({
  id: 'secret-key-base-literal',
  title: 'secret_key_base is committed in prod config',
  category: 'secrets',
  severity: 'critical',
  description:
    'The endpoint `secret_key_base` signs and encrypts session cookies, LiveView tokens and Phoenix.Token values. A literal in a config file that applies in prod (or returned by the endpoint\'s `init/2`, or used as the fallback of an env read) is in the repository, in every image built from it and in every clone: anyone holding it can forge sessions.',
  fix: 'Remove the literal and read it in config/runtime.exs: `secret_key_base: System.get_env("SECRET_KEY_BASE") || raise "SECRET_KEY_BASE is missing"`. Generate a new one with `mix phx.gen.secret`, store it as a platform secret, and treat the committed value as leaked.',
  equivalents: ['sobelow:Config.Secrets'],
  requires: [],
  messages: {
    literal: '{{owner}} secret_key_base is a {{length}}-character literal in {{file}}, which applies in prod: anyone with the repository can sign session cookies and tokens',
    fallback: '{{owner}} secret_key_base falls back to a committed {{length}}-character literal in {{file}} {{when}}: such a deploy signs sessions and tokens with a key anyone with the repository has',
    secretManager:
      '{{owner}} secret_key_base falls back to a committed {{length}}-character literal in {{file}} {{when}}; {{refFile}}:{{refLine}} supplies {{name}} from 1Password at boot (an op:// reference), so it is likely overridden there, but any run without that file uses a key anyone with the repository has',
    providerOverride:
      '{{owner}} secret_key_base is a {{length}}-character literal in {{file}}; it is likely overridden at boot by the release config provider {{provider}} ({{source}}), which is not in the repository: check that the file on the server sets it',
  },
  check({ profile }) {
    const hits: Hit[] = [];
    for (const c of profile.facts.config) {
      if (!isProdConfig(c)) continue;
      for (const f of inConfig(c)) {
        // Replaced for prod by a later set that prod runs (e.g. the ≤1.5 layout: literal in config.exs, env read in prod.secret.exs/runtime.exs): not the prod key.
        const override = prodOverride(profile, c.app, c.key, f.path, c);
        if (override?.kind === 'set') continue;
        const owner = c.key ?? `:${c.app}`;
        if (override?.kind === 'provider') {
          const { module, source } = override.provider;
          hits.push({ messageId: 'providerOverride', data: { owner, length: f.len, file: c.file, provider: module, source: source ?? 'its own source' }, severity: 'medium', evidence: [{ file: c.file, line: f.line }, override.provider.evidence] });
          continue;
        }
        hits.push(literalHit(profile, owner, c.file, f));
      }
    }
    // An endpoint's `init/2` runs at boot after every config file: what it returns is the prod value.
    for (const cb of profile.facts.runtimeSources.callbacks) {
      if (cb.kind !== 'endpoint') continue;
      for (const s of cb.settings.filter((x) => x.key === 'secret_key_base')) {
        for (const f of committedValues(s.value, [], s.line)) hits.push(literalHit(profile, `${cb.module} (init/2)`, cb.evidence.file, f));
      }
    }
    return hits;
  },
});
