import { notApplicable } from '../../audit/types.js';
import { exchangeEvidence } from '../evidence.js';
import { defineCheck } from '../check.js';

export const check = defineCheck({
  id: 'rate-limit-not-observed',
  title: 'Sign-in endpoint never answers 429',
  category: 'rate-limiting',
  severity: 'medium',
  description:
    'A burst of sign-in attempts should be cut off with 429 Too Many Requests. Without a limit, passwords can be guessed and leaked credential lists tried at full speed, and registration or reset forms can flood mailboxes. Only checked with --rate-limit-probe: a bounded burst (at most 30 requests in 10 s) of POSTs carrying no credentials.',
  fix: 'Limit the route by client IP (Hammer or PlugAttack in a pipeline or plug before the controller): about 5 sign-in attempts a minute, answering 429 with a short JSON body; if a proxy limits instead, make sure it sees the client IP.',
  equivalents: [],
  requires: ['rateLimit'],
  messages: {
    no429: '{{count}} {{method}} requests to {{path}} in {{seconds}} s, none answered 429 ({{statuses}})',
  },
  check({ rateLimit: r }) {
    if (r.stoppedBy === '429') return [];
    if (r.stoppedBy === 'budget') return notApplicable(`the request budget ran out after ${r.attempts.length} attempts (raise --max-requests)`);
    if (r.stoppedBy === 'error') return notApplicable(`the burst stopped on a network error after ${r.attempts.length} attempts`);
    if (r.stoppedBy === 'unusable') {
      const first = r.attempts[0]?.response;
      return notApplicable(`${r.method} ${r.path} answers ${first?.status ?? '?'}${first?.headers.location ? ` → ${first.headers.location}` : ''}: not a sign-in endpoint`);
    }
    const last = r.attempts.at(-1);
    if (!last) return notApplicable('the burst made no request');
    const statuses = new Map<number, number>();
    for (const ex of r.attempts) {
      const status = ex.response?.status ?? 0;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    const summary = [...statuses].map(([s, n]) => `${s}×${n}`).join(', ');
    return [
      {
        messageId: 'no429',
        data: { count: r.attempts.length, method: r.method, path: r.path, seconds: (r.ms / 1000).toFixed(1), statuses: summary },
        // Counts, timing and the statuses seen vary between runs: the finding is the path without a limit.
        snippet: `${r.method} ${r.path}`,
        evidence: [{ ...exchangeEvidence(last), request: `${r.attempts.length} × ${r.method} ${last.request.url} (no credentials)` }],
      },
    ];
  },
});
