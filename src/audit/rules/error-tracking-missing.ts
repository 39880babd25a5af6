import { hasProdDep, projectEvidence } from '../../facts/project.js';
import { defineRule } from '../rule.js';

/** Error trackers (and APM agents that report exceptions) with an Elixir client. */
const TRACKERS = [
  'sentry',
  'appsignal',
  'appsignal_phoenix',
  'honeybadger',
  'rollbax',
  'rollbar',
  'error_tracker',
  'bugsnag',
  'bugsnag_elixir',
  'airbrake',
  'airbrakex',
  'new_relic_agent',
  'tower',
  'elastic_apm',
  'scout_apm',
];

export const rule = defineRule({
  id: 'error-tracking-missing',
  title: 'No error tracking',
  category: 'observability',
  severity: 'low',
  description:
    'Crashes in production only reach the logs, where nobody sees them until a user complains. An error tracker groups exceptions, keeps their stack traces and request context, and alerts.',
  fix: 'Add an error tracker: Sentry (`{:sentry, "~> 10.0"}`, enabled only when SENTRY_DSN is set), AppSignal, Honeybadger, or the self-hosted ErrorTracker (`{:error_tracker, "~> 0.5"}`).',
  equivalents: [],
  requires: ['endpoint'],
  messages: {
    noTracker: 'no error tracker among the prod dependencies of {{mixFile}} (Sentry, AppSignal, Honeybadger, Rollbar, ErrorTracker…): production exceptions only reach the logs',
  },
  check({ profile }) {
    if (profile.sentry) return [];
    const found = TRACKERS.find((d) => hasProdDep(profile, d));
    if (found) return [];
    const web = profile.facts.projects.find((x) => x.path === profile.web.path) ?? profile.facts.projects[0];
    const evidence = web?.deps[0]?.evidence ?? projectEvidence(profile);
    return [
      {
        messageId: 'noTracker',
        data: { mixFile: web?.mixFile ?? 'mix.exs' },
        evidence: [evidence],
      },
    ];
  },
});
