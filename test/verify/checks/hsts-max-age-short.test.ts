import { check } from '../../../src/verify/checks/hsts-max-age-short.js';
import type { Artifacts } from '../../../src/verify/types.js';
import { pageEx, table } from '../harness.js';

const hsts = (v: string) => (a: Artifacts) => void (pageEx(a).response!.headers['strict-transport-security'] = v);

table(check, {
  valid: [
    { name: 'a year' },
    { name: 'two years with includeSubDomains and preload', edit: hsts('max-age=63072000; includeSubDomains; preload') },
    { name: 'quoted max-age, any case', edit: hsts('Max-Age="31536000"') },
  ],
  invalid: [
    { name: 'one day', edit: hsts('max-age=86400'), match: /86400 seconds \(1 day\), less than a year/ },
    { name: 'ten minutes', edit: hsts('max-age=600'), match: /600 seconds, less than a year/ },
    { name: 'zero (HSTS switched off)', edit: hsts('max-age=0'), match: /max-age is 0 seconds/ },
    { name: 'no max-age', edit: hsts('includeSubDomains'), match: /no valid max-age/ },
  ],
  notApplicable: [{ name: 'no header', edit: (a) => void delete pageEx(a).response!.headers['strict-transport-security'], match: /hsts-header-missing/ }],
});
