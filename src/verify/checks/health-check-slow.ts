import { notApplicable } from '../../audit/types.js';
import { plainEvidence } from '../evidence.js';
import { percentile } from '../queries.js';
import { defineCheck } from '../check.js';

export const check = defineCheck({
  id: 'health-check-slow',
  title: 'Health check is slow',
  category: 'networking',
  severity: 'medium',
  description:
    'Health probes run with short timeouts (often 1–5 s). A health path whose 95th percentile is over a second fails probes as soon as the app is busy, and instances flap in and out of rotation; it also means the check does expensive work on every probe.',
  fix: 'Keep liveness checks trivial (answer 200 from a plug before the router, no database query); put dependency checks on a separate readiness path with a timeout of its own.',
  equivalents: [],
  requires: ['health'],
  messages: {
    slow: 'GET {{path}}: p50 {{p50}} ms, p95 {{p95}} ms over {{count}} sequential requests (over {{limit}} ms)',
  },
  check({ health: h }) {
    /** Above this p95 a health probe with the usual 1–2 s timeout starts failing under load. */
    const SLOW_P95_MS = 1000;
    const url = h.chain.hops[0]?.request.url;
    if (h.samples.length < 3 || !url) return notApplicable('the health path did not answer 2xx directly, so latency was not sampled');
    const p50 = percentile(h.samples, 50);
    const p95 = percentile(h.samples, 95);
    if (p95 <= SLOW_P95_MS) return [];
    return [
      {
        messageId: 'slow',
        data: { path: h.path, p50: Math.round(p50), p95: Math.round(p95), count: h.samples.length, limit: SLOW_P95_MS },
        evidence: [plainEvidence(url, `${h.samples.length} × GET ${url}`, `durations ${h.samples.map((s) => Math.round(s)).join(', ')} ms`)],
      },
    ];
  },
});
