import { isProdConfig, prodOverride } from '../../facts/config.js';
import { isSecretConfigKey } from '../../facts/secret-name.js';
import { kwPairsDeep, literalString } from '../../facts/terms.js';
import { isPlaceholderValue, isPublicKeyValue } from '../../scan/redact.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'hardcoded-secret-in-config',
  title: 'Credential hard-coded in config',
  category: 'secrets',
  severity: 'high',
  description:
    'A password, API key or token written as a literal in a config file that applies in prod lives in the repository, its history and every image built from it; rotating it needs a code change.',
  fix: 'Read the value in config/runtime.exs with `System.fetch_env!("…")`, store it as a secret on the platform, and rotate the committed value: it has leaked.',
  equivalents: ['sobelow:Config.Secrets'],
  requires: [],
  messages: {
    literalCredential: '{{setting}} is a literal string in {{file}}, which applies in prod: the credential is committed with the code',
    providerOverride:
      '{{setting}} is a literal string in {{file}}; it is likely overridden at boot by the release config provider {{provider}} ({{source}}), which is not in the repository: check that the file on the server sets it',
  },
  check({ profile }) {
    const hits: Hit[] = [];
    for (const c of profile.facts.config) {
      if (!isProdConfig(c)) continue;
      const found: { key: string; path: string[]; line: number }[] = [];
      // `config :my_app, :stripe_secret, "sk_…"`
      if (c.key && isSecretConfigKey(c.key) && literalString(c.opts)) found.push({ key: c.key, path: [], line: c.opts.line });
      for (const p of kwPairsDeep(c.opts)) {
        if (isSecretConfigKey(p.key) && literalString(p.value)) found.push({ key: p.key, path: p.path, line: p.line });
      }
      for (const f of found) {
        // Placeholders, all-zero test keys and keys published for browsers (PostHog `phc_`, Stripe `pk_`) are not credentials.
        const value = f.path.length ? kwPairsDeep(c.opts).find((p) => p.line === f.line && p.key === f.key)?.value : c.opts;
        if (value?.t === 'string' && (isPlaceholderValue(value.v) || isPublicKeyValue(value.v))) continue;
        const override = prodOverride(profile, c.app, c.key, f.path, c);
        if (override?.kind === 'set') continue;
        const where = f.path.length ? `${c.key ?? `:${c.app}`} ${f.path.join('.')}` : `:${c.app} :${f.key}`;
        if (override?.kind === 'provider') {
          const { module, source } = override.provider;
          hits.push({ messageId: 'providerOverride', data: { setting: where, file: c.file, provider: module, source: source ?? 'its own source' }, severity: 'medium', evidence: [{ file: c.file, line: f.line }, override.provider.evidence] });
          continue;
        }
        hits.push({
          messageId: 'literalCredential',
          data: { setting: where, file: c.file },
          evidence: [{ file: c.file, line: f.line }],
        });
      }
    }
    return hits;
  },
});
