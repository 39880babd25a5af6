import { check } from '../../../src/verify/checks/nosniff-header-missing.js';
import { pageEx, table } from '../harness.js';

table(check, {
  valid: [
    { name: 'nosniff on the page' },
    { name: 'nosniff on a JSON answer', edit: (a) => void (pageEx(a).response!.headers['content-type'] = 'application/json') },
  ],
  invalid: [
    { name: 'missing', edit: (a) => void delete pageEx(a).response!.headers['x-content-type-options'], match: /sends no x-content-type-options header/ },
    { name: 'a wrong value', edit: (a) => void (pageEx(a).response!.headers['x-content-type-options'] = 'sniff'), match: /"sniff" instead of nosniff/ },
  ],
  notApplicable: [{ name: 'page loops', edit: (a) => void (a.page.end = 'loop') }],
});
