import { rule } from '../../../src/audit/rules/dns-cluster-node-name-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const FLY = (env: string) => `app = "hello-phoenix"\nprimary_region = "iad"\n\n[env]\n  PHX_HOST = "hello-phoenix.fly.dev"\n${env}\n[http_service]\n  internal_port = 8080\n`;
const DOCKERFILE = 'FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS builder\nENV MIX_ENV="prod"\nRUN mix release\n\nFROM debian:bookworm-20241016-slim\nENV DNS_CLUSTER_QUERY=hello-headless.default.svc.cluster.local\nCMD ["/app/bin/server"]\n';
const NAME_LINES = '  export RELEASE_DISTRIBUTION="name"\n  export RELEASE_NODE="${FLY_APP_NAME}-${FLY_IMAGE_REF##*-}@${FLY_PRIVATE_IP}"\n';

ruleTester(rule, {
  valid: [
    { name: 'no deploy files yet (the generated ones set the node name)', notApplicable: 'no Dockerfile, fly.toml or rel/ yet: the files phoenix-ops generates set the node name' },
    { name: 'rel/env.sh.eex sets long names (fly launch)', base: fixture('existing-deploy') },
    { name: 'fly.toml [env] sets the query and the distribution', edits: { 'fly.toml': FLY('  DNS_CLUSTER_QUERY = "hello-phoenix.internal"\n  RELEASE_DISTRIBUTION = "name"\n') } },
    { name: 'a Dockerfile that never sets the query: DNSCluster stays idle', notApplicable: 'no deploy file sets DNS_CLUSTER_QUERY: DNSCluster stays idle', edits: { Dockerfile: DOCKERFILE.replace(/ENV DNS_CLUSTER_QUERY=.*\n/, '') } },
    {
      name: 'Kubernetes manifests may set RELEASE_NODE (not read)',
      notApplicable: 'Kubernetes manifests may set RELEASE_NODE in the container env (not read)',
      base: fixture('existing-deploy'),
      edits: { 'rel/env.sh.eex': replace(NAME_LINES, '') },
    },
  ],
  invalid: [
    {
      name: 'fly.toml sets the query but not the node name',
      edits: { 'fly.toml': FLY('  DNS_CLUSTER_QUERY = "hello-phoenix.internal"\n') },
      expect: ['fly.toml:6'],
      messageIncludes: ['RELEASE_DISTRIBUTION=name or RELEASE_NODE'],
    },
    { name: 'Dockerfile ENV sets the query only', edits: { Dockerfile: DOCKERFILE }, expect: ['Dockerfile:6'] },
    {
      name: 'rel/env.sh.eex without the node-name lines',
      base: fixture('existing-deploy'),
      edits: { 'rel/env.sh.eex': replace(NAME_LINES, ''), 'k8s/deployment.yaml': null },
      expect: ['rel/env.sh.eex:11'],
    },
  ],
});
