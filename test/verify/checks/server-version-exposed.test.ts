import { check } from '../../../src/verify/checks/server-version-exposed.js';
import { pageEx, table } from '../harness.js';

table(check, {
  valid: [
    { name: 'no server header' },
    { name: 'a product name without a version', edit: (a) => void (pageEx(a).response!.headers.server = 'nginx') },
    { name: 'Cowboy', edit: (a) => void (pageEx(a).response!.headers.server = 'Cowboy') },
  ],
  invalid: [
    { name: 'nginx with server_tokens on', edit: (a) => void (pageEx(a).response!.headers.server = 'nginx/1.22.1'), match: /server: nginx\/1\.22\.1 reveals the software version/ },
    { name: 'x-powered-by on the health answer', edit: (a) => void (a.health!.chain.hops[0]!.response!.headers['x-powered-by'] = 'PHP/8.2.7'), match: /x-powered-by: PHP\/8\.2\.7/ },
  ],
});
