import { check } from '../../../src/verify/checks/redirect-loop.js';
import { exchange, table, ORIGIN } from '../harness.js';

table(check, {
  valid: [{ name: 'no chain loops' }, { name: 'a redirect that ends', edit: (a) => void a.page.hops.unshift(exchange(`${ORIGIN}/old`, 301, { location: `${ORIGIN}/` })) }],
  invalid: [
    {
      name: 'the page redirects to itself (force_ssl behind a TLS proxy)',
      edit: (a) => void (a.page = { hops: [exchange(`${ORIGIN}/`, 301, { location: `${ORIGIN}/` })], end: 'loop' }),
      match: /the page \(https:\/\/app\.example\.test\/\) redirects back to https:\/\/app\.example\.test\/: 301/,
    },
    {
      name: 'the health path bounces between two URLs',
      edit: (a) => void (a.health!.chain = { hops: [exchange(`${ORIGIN}/health`, 301, { location: '/health/' }), exchange(`${ORIGIN}/health/`, 301, { location: '/health' })], end: 'loop' }),
      match: /the health path \/health .* redirects back to https:\/\/app\.example\.test\/health: 301 → 301/,
    },
    {
      name: 'more than five redirects',
      edit: (a) => void (a.page = { hops: Array.from({ length: 6 }, (_, i) => exchange(`${ORIGIN}/${i}`, 302, { location: `/${i + 1}` })), end: 'too-many-redirects' }),
      match: /redirects more than 5 times/,
    },
  ],
});
