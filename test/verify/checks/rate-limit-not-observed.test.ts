import { check } from '../../../src/verify/checks/rate-limit-not-observed.js';
import { exchange, table, ORIGIN } from '../harness.js';

const attempts = (statuses: number[]) => statuses.map((s) => exchange(`${ORIGIN}/users/log_in`, s, {}, { method: 'POST' }));

table(check, {
  valid: [{ name: '429 after five attempts' }, { name: '429 on the first attempt', edit: (a) => void (a.rateLimit!.attempts = attempts([429])) }],
  invalid: [
    {
      name: '30 attempts, never 429',
      edit: (a) => Object.assign(a.rateLimit!, { attempts: attempts(Array(30).fill(200)), stoppedBy: 'count', ms: 2300 }),
      match: /30 POST requests to \/users\/log_in in 2\.3 s, none answered 429 \(200×30\)/,
    },
    {
      name: 'stopped by the time bound, mixed answers',
      edit: (a) => Object.assign(a.rateLimit!, { attempts: attempts([200, 200, 400, 400]), stoppedBy: 'time', ms: 10_100 }),
      match: /\(200×2, 400×2\)/,
    },
  ],
  notApplicable: [
    { name: 'not asked for', edit: (a) => void (a.rateLimit = null), match: /pass --rate-limit-probe \/users\/log_in/ },
    { name: 'the path redirects', edit: (a) => Object.assign(a.rateLimit!, { attempts: [exchange(`${ORIGIN}/users/log_in`, 302, { location: '/' }, { method: 'POST' })], stoppedBy: 'unusable' }), match: /answers 302 → \/: not a sign-in endpoint/ },
    { name: 'the budget ran out', edit: (a) => Object.assign(a.rateLimit!, { attempts: attempts([200, 200]), stoppedBy: 'budget' }), match: /budget/ },
  ],
});
