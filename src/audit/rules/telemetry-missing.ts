import { hasProdDep, projectEvidence } from '../../facts/project.js';
import { defineRule } from '../rule.js';

/** Metrics/APM libraries that hook into :telemetry themselves. */
const AGENTS = ['prom_ex', 'opentelemetry', 'opentelemetry_phoenix', 'opentelemetry_exporter', 'appsignal', 'appsignal_phoenix', 'new_relic_agent', 'spandex', 'spandex_phoenix', 'scout_apm', 'elastic_apm'];

export const rule = defineRule({
  id: 'telemetry-missing',
  title: 'No telemetry metrics',
  category: 'observability',
  severity: 'low',
  description:
    'Phoenix, Ecto and the VM emit :telemetry events for request duration, query time and memory, but nothing records them unless a Telemetry supervisor defines metrics (or an agent such as PromEx or OpenTelemetry attaches): there is no latency or queue data when production slows down.',
  fix: 'Add the generator\'s `MyAppWeb.Telemetry` supervisor (telemetry_metrics + telemetry_poller) to the application children, and export the metrics (LiveDashboard, PromEx, OpenTelemetry).',
  equivalents: [],
  requires: ['endpoint'],
  messages: {
    noMetrics: 'no Telemetry supervisor or Telemetry.Metrics definitions in lib/ (children of {{application}}): Phoenix, Ecto and VM metrics are emitted but never recorded',
    noMetricsNoApp: 'no Telemetry supervisor or Telemetry.Metrics definitions in lib/: Phoenix, Ecto and VM metrics are emitted but never recorded',
  },
  check({ profile }) {
    if (profile.facts.usage.telemetry.length > 0) return [];
    if (AGENTS.some((d) => hasProdDep(profile, d))) return [];
    const app = profile.facts.applications[0];
    return [
      {
        ...(app ? { messageId: 'noMetrics', data: { application: app.module } } : { messageId: 'noMetricsNoApp' }),
        evidence: [app?.evidence ?? projectEvidence(profile)],
      },
    ];
  },
});
