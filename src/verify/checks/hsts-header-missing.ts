import { notApplicable } from '../../audit/types.js';
import { headerEvidence } from '../evidence.js';
import { hstsResponse } from '../hsts.js';
import type { VerifyCheck } from '../types.js';

export const check = {
  id: 'hsts-header-missing',
  title: 'HTTPS answers carry no Strict-Transport-Security',
  category: 'tls',
  severity: 'medium',
  description:
    'Without HSTS a browser tries plain HTTP first every time someone types the host or follows an old link, and an attacker on the network can answer that request (SSL stripping). With HSTS the browser goes straight to HTTPS for max-age seconds.',
  fix: 'Send `strict-transport-security: max-age=31536000` on HTTPS answers: `force_ssl:` in the endpoint config does it (Plug.SSL’s `hsts` is on by default), or add the header where TLS terminates (nginx `add_header Strict-Transport-Security "max-age=31536000" always;`).',
  equivalents: [],
  requires: ['page', 'health'],
  check(a) {
    const ex = hstsResponse(a);
    if ('na' in ex) return notApplicable(ex.na);
    if (ex.ok.response!.headers['strict-transport-security']) return [];
    return [{ message: `the HTTPS answer of ${ex.ok.request.url} has no strict-transport-security header`, evidence: [headerEvidence(ex.ok, 'strict-transport-security')] }];
  },
} as const satisfies VerifyCheck;
