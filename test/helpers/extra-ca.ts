/** Where test/global-setup.ts keeps NODE_EXTRA_CA_CERTS, which it takes out of the tests' environment. */
export const EXTRA_CA_KEPT = 'PHOENIX_OPS_TEST_NODE_EXTRA_CA_CERTS';
