import { headerEvidence } from '../evidence.js';
import { defineCheck } from '../check.js';

export const check = defineCheck({
  id: 'hsts-header-missing',
  title: 'HTTPS answers carry no Strict-Transport-Security',
  category: 'tls',
  severity: 'medium',
  description:
    'Without HSTS a browser tries plain HTTP first every time someone types the host or follows an old link, and an attacker on the network can answer that request (SSL stripping). With HSTS the browser goes straight to HTTPS for max-age seconds.',
  fix: 'Send `strict-transport-security: max-age=31536000` on HTTPS answers: `force_ssl:` in the endpoint config does it (Plug.SSL’s `hsts` is on by default), or add the header where TLS terminates (nginx `add_header Strict-Transport-Security "max-age=31536000" always;`).',
  equivalents: [],
  requires: ['hstsAnswer'],
  messages: {
    noHeader: 'the HTTPS answer of {{url}} has no strict-transport-security header',
  },
  check({ hstsAnswer: ex }) {
    if (ex.response.headers['strict-transport-security']) return [];
    return [{ messageId: 'noHeader', data: { url: ex.request.url }, evidence: [headerEvidence(ex, 'strict-transport-security')] }];
  },
});
