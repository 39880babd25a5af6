import { notApplicable } from '../../audit/types.js';
import { plainEvidence } from '../evidence.js';
import { defineCheck } from '../check.js';

export const check = defineCheck({
  id: 'live-view-join-failed',
  title: 'The page’s LiveView does not join',
  category: 'networking',
  severity: 'high',
  description:
    'After the socket connects, the browser joins the page’s LiveView with the session token rendered into the page. A join refused as "stale" or "unauthorized", or a channel that crashes, makes LiveView reload the page in a loop: typical after a deploy when instances sign tokens with different `secret_key_base` values, or when mount crashes in production.',
  fix: 'Make every instance use the same SECRET_KEY_BASE (and LiveView signing salt), and read the app’s logs for the crash in mount/3 on the page’s LiveView.',
  equivalents: [],
  requires: ['socket'],
  messages: {
    refused: 'joining {{topic}} is refused: {{reason}}',
    failed: 'joining {{topic}} failed: {{failure}}',
  },
  check({ socket: s }) {
    const j = s.join;
    if (!j) return notApplicable(`no join attempted: ${s.joinSkipped ?? 'nothing to join'}`);
    if (j.timedOut) return notApplicable(`no reply to phx_join on ${j.topic} in time`);
    const ev = (answer: string) => plainEvidence(s.own.url, `phx_join ${j.topic} over ${s.own.url} (with the page's session and CSRF tokens)`, answer);
    if (j.reply) {
      if (j.reply.status === 'ok') return [];
      const r = j.reply.response;
      // A mount that redirects (to sign in, say) answers an error carrying the redirect: the LiveView works.
      if (r.redirect || r.live_redirect) return [];
      const reason = typeof r.reason === 'string' ? r.reason : JSON.stringify(r).slice(0, 120);
      // The topic carries the LiveView's id, which changes between renders: the finding is the refused join.
      return [{ messageId: 'refused', data: { topic: j.topic, reason }, snippet: reason, evidence: [ev(`phx_reply ${j.reply.status}: ${reason}`)] }];
    }
    const failure = j.failure ?? 'no reply';
    return [{ messageId: 'failed', data: { topic: j.topic, failure }, snippet: failure, evidence: [ev(failure)] }];
  },
});
