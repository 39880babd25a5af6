import { notApplicable } from '../../audit/types.js';
import { headerEvidence } from '../evidence.js';
import { hstsMaxAge, hstsResponse, ONE_YEAR_SECONDS } from '../hsts.js';
import type { VerifyCheck } from '../types.js';

function span(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  if (days >= 1) return ` (${days} day${days === 1 ? '' : 's'})`;
  const hours = Math.floor(seconds / 3600);
  return hours >= 1 ? ` (${hours} hour${hours === 1 ? '' : 's'})` : '';
}

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
      age === null ? `the strict-transport-security header has no valid max-age ("${value}"), so browsers ignore it` : `HSTS max-age is ${age} seconds${span(age)}, less than a year (${ONE_YEAR_SECONDS})`;
    return [{ message, evidence: [headerEvidence(ex.ok, 'strict-transport-security')] }];
  },
} as const satisfies VerifyCheck;
