import { rule } from '../../../src/audit/rules/plug-parsers-unbounded.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const ENDPOINT = 'lib/hello_phoenix_web/endpoint.ex';
const PARSERS = '    parsers: [:urlencoded, :multipart, :json],\n';
const ROUTER = 'lib/hello_phoenix_web/router.ex';
const ENDPOINT_PARSERS = '  plug Plug.Parsers,\n    parsers: [:urlencoded, :multipart, :json],\n    pass: ["*/*"],\n    json_decoder: Phoenix.json_library()\n';
/** A router pipeline for video uploads with its own multipart Plug.Parsers (options given before `parsers:`); the endpoint parses the rest. */
const UPLOADS = (length: string) => ({
  [ENDPOINT]: replace(PARSERS, '    parsers: [:urlencoded, :json],\n'),
  [ROUTER]: replace('  pipeline :api do\n', `  pipeline :uploads do\n    plug Plug.Parsers,\n      pass: ["video/*"],\n      parsers: [{:multipart, length: ${length}}]\n  end\n\n  pipeline :api do\n`),
});

ruleTester(rule, {
  valid: [
    { name: 'the generator default (8 MB)' },
    { name: 'a 50 MB limit written as arithmetic', edits: { [ENDPOINT]: replace(PARSERS, `${PARSERS}    length: 50 * 1024 * 1024,\n`) } },
    { name: 'multipart raised to 20 MB', edits: { [ENDPOINT]: replace(PARSERS, '    parsers: [:urlencoded, {:multipart, length: 20_000_000}, :json],\n') } },
    { name: 'a limit read from the environment', edits: { [ENDPOINT]: replace(PARSERS, `${PARSERS}    length: Application.compile_env(:hello_phoenix, :max_body, 8_000_000),\n`) } },
    { name: 'a 100 MB limit (the threshold itself) is accepted', edits: { [ENDPOINT]: replace(PARSERS, `${PARSERS}    length: 100_000_000,\n`) } },
    { name: 'Plug.Parsers options kept in a module attribute (not judged)', edits: { [ENDPOINT]: replace(ENDPOINT_PARSERS, '  plug Plug.Parsers, @parser_options\n') } },
    { name: 'an uploads pipeline in the router allows 50 MB multipart bodies', edits: UPLOADS('50_000_000') },
    { name: 'an endpoint that parses no request bodies', notApplicable: 'no Plug.Parsers plug found', edits: { [ENDPOINT]: replace(ENDPOINT_PARSERS, '') } },
  ],
  invalid: [
    {
      name: 'an uploads pipeline in the router allows 500 MB multipart bodies',
      edits: UPLOADS('500_000_000'),
      expect: [`${ROUTER}:19`],
      messageIncludes: ['Plug.Parsers in pipeline :uploads accepts :multipart request bodies of length 500000000 bytes (500 MB)'],
    },
    {
      name: 'a custom CSV parser module allowed 300 MB',
      edits: { [ENDPOINT]: replace(PARSERS, '    parsers: [:urlencoded, :json, {HelloPhoenixWeb.CSVParser, length: 300_000_000}],\n') },
      expect: [`${ENDPOINT}:42`],
      messageIncludes: ['accepts request bodies of length 300000000 bytes (300 MB)'],
    },
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
