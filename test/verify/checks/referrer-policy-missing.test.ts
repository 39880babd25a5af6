import { check } from '../../../src/verify/checks/referrer-policy-missing.js';
import { pageEx, table } from '../harness.js';

table(check, {
  valid: [
    { name: 'strict-origin-when-cross-origin' },
    { name: 'a fallback list ending in a safe policy', edit: (a) => void (pageEx(a).response!.headers['referrer-policy'] = 'no-referrer, strict-origin-when-cross-origin') },
  ],
  invalid: [
    { name: 'missing', edit: (a) => void delete pageEx(a).response!.headers['referrer-policy'], match: /sends no referrer-policy header/ },
    { name: 'unsafe-url', edit: (a) => void (pageEx(a).response!.headers['referrer-policy'] = 'unsafe-url'), match: /"unsafe-url", which leaks full URLs/ },
  ],
  notApplicable: [{ name: 'not HTML', edit: (a) => void (pageEx(a).response!.headers['content-type'] = 'text/plain') }],
});
