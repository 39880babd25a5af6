import { check } from '../../../src/verify/checks/frame-protection-missing.js';
import { pageEx, table } from '../harness.js';

table(check, {
  valid: [
    { name: 'x-frame-options SAMEORIGIN' },
    {
      name: "Phoenix 1.8: frame-ancestors 'self' only",
      edit: (a) => {
        const h = pageEx(a).response!.headers;
        delete h['x-frame-options'];
        h['content-security-policy'] = "base-uri 'self'; frame-ancestors 'self';";
      },
    },
    { name: 'DENY, lower case', edit: (a) => void (pageEx(a).response!.headers['x-frame-options'] = 'deny') },
  ],
  invalid: [
    {
      name: 'neither header',
      edit: (a) => {
        const h = pageEx(a).response!.headers;
        delete h['x-frame-options'];
        h['content-security-policy'] = "default-src 'self'";
      },
      match: /no CSP frame-ancestors and no x-frame-options/,
    },
    {
      name: 'the obsolete ALLOW-FROM',
      edit: (a) => {
        const h = pageEx(a).response!.headers;
        h['x-frame-options'] = 'ALLOW-FROM https://partner.example.test';
        delete h['content-security-policy'];
      },
      match: /x-frame-options browsers ignore/,
    },
  ],
  notApplicable: [{ name: 'not HTML', edit: (a) => void (pageEx(a).response!.headers['content-type'] = 'application/json') }],
});
