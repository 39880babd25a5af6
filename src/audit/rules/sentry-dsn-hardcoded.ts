import type { ConfigCall, Evidence } from '../../scan/profile.js';
import type { Term } from '../../scan/term.js';
import { isProdConfig } from '../../facts/config.js';
import { defineRule } from '../rule.js';
import { notApplicable } from '../types.js';

/** The DSN a config call sets: `config :sentry, dsn: …` or `config :sentry, :dsn, …`. */
function dsnOf(c: ConfigCall): { value: Term; evidence: Evidence } | null {
  if (c.app !== 'sentry') return null;
  if (c.key === null && c.opts.t === 'kw') {
    const pair = [...c.opts.pairs].reverse().find((p) => p.key === 'dsn');
    return pair ? { value: pair.value, evidence: { file: c.file, line: pair.line } } : null;
  }
  if (c.key === 'dsn') return { value: c.opts, evidence: { file: c.file, line: c.line } };
  return null;
}

export const rule = defineRule({
  id: 'sentry-dsn-hardcoded',
  title: 'Sentry DSN is hard-coded in config',
  category: 'observability',
  // Low: Sentry documents a DSN as safe to keep public (it only lets one send events, never read them:
  // docs.sentry.io/concepts/key-terms/dsn-explainer); the cost is abuse, rotation and mixed environments.
  severity: 'low',
  description:
    'A DSN written into config/*.exs is committed to the repository and baked into every build. Sentry documents DSNs as safe to keep public (they only allow sending events), but anyone with the code can send events to (and flood) the project, the key cannot be rotated without a commit, and staging or review apps report into the production project.',
  fix: 'Read it at boot in config/runtime.exs: `if dsn = System.get_env("SENTRY_DSN"), do: config :sentry, dsn: dsn`, set SENTRY_DSN as a secret, and rotate the committed key in Sentry.',
  equivalents: [],
  requires: [],
  messages: {
    literalDsn: 'config :sentry, dsn: in {{file}} is a literal DSN (value not shown) and is what prod runs with: the key is committed and shipped in every build',
  },
  check({ profile }) {
    const sets = profile.facts.config.filter(isProdConfig).map(dsnOf).filter((x): x is NonNullable<typeof x> => x !== null);
    // Later calls win: the DSN prod runs with is the last one set (a runtime.exs env read overrides a literal in config.exs).
    const last = sets.at(-1);
    if (!last) return notApplicable('no Sentry DSN configured for prod');
    const v = last.value;
    if (v.t !== 'string' || v.interpolated || v.v.trim() === '') return [];
    return [
      {
        messageId: 'literalDsn',
        data: { file: last.evidence.file },
        evidence: [last.evidence],
      },
    ];
  },
});
