import { notApplicable } from '../../audit/types.js';
import { headerEvidence } from '../evidence.js';
import { hstsMaxAge, hstsResponse, ONE_YEAR_SECONDS } from '../hsts.js';
import type { VerifyCheck } from '../types.js';

export const check = {
  id: 'hsts-max-age-short',
  title: 'HSTS max-age is shorter than a year',
  category: 'tls',
  severity: 'low',
  description:
    'A short HSTS max-age lets the browser forget it between visits, so occasional visitors are exposed to SSL stripping again; a year (31536000 seconds) is the accepted minimum and what preload lists require. A header without a valid max-age is ignored altogether.',
  fix: 'Set `max-age=31536000` (Plug.SSL’s default; `hsts: true` with `expires: 31_536_000` in `force_ssl`), once HTTPS works for the whole host.',
  equivalents: [],
  requires: ['page', 'health'],
  check(a) {
    const ex = hstsResponse(a);
    if ('na' in ex) return notApplicable(ex.na);
    const value = ex.ok.response!.headers['strict-transport-security'];
    if (!value) return notApplicable('no strict-transport-security header (see hsts-header-missing)');
    const age = hstsMaxAge(value);
    if (age !== null && age >= ONE_YEAR_SECONDS) return [];
    const message =
      age === null ? `the strict-transport-security header has no valid max-age ("${value}"), so browsers ignore it` : `HSTS max-age is ${age} seconds (${Math.round(age / 86400)} days), less than a year (${ONE_YEAR_SECONDS})`;
    return [{ message, evidence: [headerEvidence(ex.ok, 'strict-transport-security')] }];
  },
} as const satisfies VerifyCheck;
