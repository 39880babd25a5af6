import { rule } from '../../../src/audit/rules/plug-parsers-unbounded.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const ENDPOINT = 'lib/hello_phoenix_web/endpoint.ex';
const PARSERS = '    parsers: [:urlencoded, :multipart, :json],\n';

ruleTester(rule, {
  valid: [
    { name: 'the generator default (8 MB)' },
    { name: 'a 50 MB limit written as arithmetic', edits: { [ENDPOINT]: replace(PARSERS, `${PARSERS}    length: 50 * 1024 * 1024,\n`) } },
    { name: 'multipart raised to 20 MB', edits: { [ENDPOINT]: replace(PARSERS, '    parsers: [:urlencoded, {:multipart, length: 20_000_000}, :json],\n') } },
    { name: 'a limit read from the environment', edits: { [ENDPOINT]: replace(PARSERS, `${PARSERS}    length: Application.compile_env(:hello_phoenix, :max_body, 8_000_000),\n`) } },
  ],
  invalid: [
    { name: 'length: :infinity', base: fixture('phx18-insecure'), expect: ['lib/sieve_web/endpoint.ex:44'], messageIncludes: ['Plug.Parsers in SieveWeb.Endpoint', ':infinity'] },
    {
      name: 'multipart parser allowed 1 GB',
      edits: { [ENDPOINT]: replace(PARSERS, '    parsers: [:urlencoded, {:multipart, length: 1_000_000_000}, :json],\n') },
      expect: [`${ENDPOINT}:42`],
      messageIncludes: [':multipart request bodies', '1000 MB'],
    },
    { name: 'a 200 MB limit written as arithmetic', edits: { [ENDPOINT]: replace(PARSERS, `${PARSERS}    length: 200 * 1024 * 1024,\n`) }, expect: [`${ENDPOINT}:43`] },
  ],
});
