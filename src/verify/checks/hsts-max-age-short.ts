import { notApplicable } from '../../audit/types.js';
import { headerEvidence } from '../evidence.js';
import { hstsMaxAge, ONE_YEAR_SECONDS } from '../hsts.js';
import { defineCheck } from '../check.js';

function span(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  if (days >= 1) return ` (${days} day${days === 1 ? '' : 's'})`;
  const hours = Math.floor(seconds / 3600);
  return hours >= 1 ? ` (${hours} hour${hours === 1 ? '' : 's'})` : '';
}

export const check = defineCheck({
  id: 'hsts-max-age-short',
  title: 'HSTS max-age is shorter than a year',
  category: 'tls',
  severity: 'low',
  description:
    'A short HSTS max-age lets the browser forget it between visits, so occasional visitors are exposed to SSL stripping again; a year (31536000 seconds) is the accepted minimum and what preload lists require. A header without a valid max-age is ignored altogether.',
  fix: 'Set `max-age=31536000` (Plug.SSL’s default; `hsts: true` with `expires: 31_536_000` in `force_ssl`), once HTTPS works for the whole host.',
  equivalents: [],
  requires: ['hstsAnswer'],
  messages: {
    noMaxAge: 'the strict-transport-security header has no valid max-age ("{{value}}"), so browsers ignore it',
    short: 'HSTS max-age is {{age}} seconds{{span}}, less than a year ({{year}})',
  },
  check({ hstsAnswer: ex }) {
    const value = ex.response.headers['strict-transport-security'];
    if (!value) return notApplicable('no strict-transport-security header (see hsts-header-missing)');
    const age = hstsMaxAge(value);
    if (age !== null && age >= ONE_YEAR_SECONDS) return [];
    const evidence = [headerEvidence(ex, 'strict-transport-security')];
    // The value and the age are what the user tunes: the finding is a header browsers ignore, or a short one.
    if (age === null) return [{ messageId: 'noMaxAge', data: { value }, snippet: 'no max-age', evidence }];
    return [{ messageId: 'short', data: { age, span: span(age), year: ONE_YEAR_SECONDS }, snippet: 'short max-age', evidence }];
  },
});
