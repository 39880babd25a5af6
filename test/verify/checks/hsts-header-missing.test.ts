import { check } from '../../../src/verify/checks/hsts-header-missing.js';
import { pageEx, table } from '../harness.js';

table(check, {
  valid: [
    { name: 'HSTS on the page' },
    // HSTS is judged on the health answer when the page itself cannot be read.
    { name: 'page unreadable, HSTS on health', edit: (a) => void (a.page = { hops: [], end: 'budget' }) },
  ],
  invalid: [
    { name: 'no header on the page', edit: (a) => void delete pageEx(a).response!.headers['strict-transport-security'], match: /has no strict-transport-security header/ },
  ],
  notApplicable: [
    { name: 'plain HTTP site', edit: (a) => void (a.target.scheme = 'http'), match: /plain HTTP/ },
    {
      name: 'no usable HTTPS answer',
      edit: (a) => {
        a.page = { hops: [], end: 'budget' };
        a.health = null;
      },
    },
  ],
});
