import { allSets } from '../../scan/config-query.js';
import { defineRule } from '../rule.js';

const VERBOSE = new Set(['debug', 'all']);

export const rule = defineRule({
  id: 'logger-debug-in-prod',
  title: 'Logger runs at debug level in production',
  category: 'observability',
  severity: 'medium',
  description:
    'At `:debug`, production logs every Ecto query with its parameters and every LiveView event: log volume (and the bill) multiplies, real errors drown, and personal data or tokens in query parameters end up in log storage.',
  fix: 'Set `config :logger, level: :info` in config/prod.exs; to debug an incident, read `LOG_LEVEL` in config/runtime.exs or call `Logger.configure(level: :debug)` from a remote console temporarily.',
  equivalents: [],
  requires: ['endpoint'],
  messages: {
    verbose: 'config :logger, level: :{{level}} in {{file}} applies in prod: every query, parameter and event is logged',
  },
  check({ profile }) {
    // The last unconditional level prod runs with (a level set only under a non-env condition is an opt-in toggle).
    const sets = allSets(profile.facts, 'prod', 'logger', null, ['level']).filter((s) => !s.call.conditional);
    const last = sets[sets.length - 1];
    if (!last || last.value.t !== 'atom' || !VERBOSE.has(last.value.v)) return [];
    return [
      {
        messageId: 'verbose',
        data: { level: last.value.v, file: last.evidence.file },
        evidence: [last.evidence],
      },
    ];
  },
});
